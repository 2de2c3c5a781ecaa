"""The generated structuring functions accept only what the strict cattrs converter accepts, with equal results."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import modslavery
from modslavery import _converter, _fast
from modslavery._loader import bundled_files, may_hold_surrogates
from modslavery.dataset import FILES

#: Values put in place of every field and array item: wrong types, edge cases, and values of other fields.
REPLACEMENTS: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    7,
    1.5,
    float("inf"),
    float("nan"),
    "",
    "x",
    "stated",
    "STATED",
    "2024",
    "2024-02-30",
    "２０２４",
    "\ud800",
    "a-b",
    [],
    ["x"],
    [1],
    [None],
    {},
    {"quote": "q", "start": 0, "end": 1},
]


def _records() -> Iterator[tuple[str, type, dict[str, Any]]]:
    """The first records of every bundled file (their nested shapes cover every model)."""
    folder = bundled_files()
    for filename, _, model in FILES:
        for record in json.loads(folder.joinpath(filename).read_bytes())[:4]:
            yield filename, model, record


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*path, key)
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield (*path, index)
            yield from _paths(child, (*path, index))


def _mutants(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every record one change away: a value replaced, a key dropped, an unknown key added."""
    for path in _paths(record):
        for replacement in REPLACEMENTS:
            mutant = copy.deepcopy(record)
            parent = mutant
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = replacement
            yield mutant
        if isinstance(path[-1], str):
            mutant = copy.deepcopy(record)
            parent = mutant
            for step in path[:-1]:
                parent = parent[step]
            del parent[path[-1]]
            yield mutant
    for path in [(), *(p for p in _paths(record))]:
        mutant = copy.deepcopy(record)
        target = mutant
        for step in path:
            target = target[step]
        if isinstance(target, dict):
            target["extra"] = 1
            yield mutant


def _outcome(function, *args, **kwargs) -> tuple[bool, Any]:
    try:
        return True, function(*args, **kwargs)
    except Exception as error:  # noqa: BLE001
        return False, error


RECORDS = list(_records())


@pytest.mark.parametrize(("filename", "model", "record"), RECORDS, ids=[f"{f}-{r.get('id')}" for f, _, r in RECORDS])
def test_fast_never_accepts_what_the_converter_refuses(filename: str, model: type, record: dict[str, Any]) -> None:
    fast = _fast.structure_function(model)
    assert fast is not None, f"{model.__name__} has no fast path"
    accepted = 0
    for mutant in [record, *_mutants(record)]:
        ok_fast, fast_result = _outcome(fast, mutant)
        ok_slow, slow_result = _outcome(_converter.structure_records, [mutant], model, filename)
        if ok_fast:
            accepted += 1
            assert ok_slow, f"fast path accepted what the converter refuses: {mutant!r}: {slow_result}"
            assert slow_result == (fast_result,)
        # A whole file, as a load structures it (own ids matched for the file at once; strings checked for
        # lone surrogates only if its bytes may hold one).
        surrogates = may_hold_surrogates(json.dumps([mutant]).encode())
        ok_file, file_result = _outcome(_fast.structure_records, [mutant], model, filename, surrogates=surrogates)
        assert ok_file == ok_slow, f"{mutant!r}: {file_result}"
        if ok_slow:
            assert file_result == slow_result
        else:
            assert file_result.problems == slow_result.problems
    assert accepted >= 1  # at least the record itself


@settings(max_examples=500, deadline=None)
@given(ids=st.lists(st.text(alphabet="ab09-\n X\u00e9", max_size=6), max_size=6))
@example(ids=["ab\nab"])  # one string that would read as two good ids, joined
@example(ids=["ab", "c", "d-"])
def test_ids_of_a_file_match_at_once_exactly_when_each_matches_alone(ids: list[str]) -> None:
    from modslavery.models import _ID

    assert _fast._ids_match(ids) == all(_ID.fullmatch(i) for i in ids)


def test_a_bad_own_id_among_good_ones_is_named() -> None:
    """The file-level id match refuses one bad id in a file, and the converter names it."""
    folder = bundled_files()
    records = json.loads(folder.joinpath("organisations.json").read_bytes())
    records[40]["id"] = "Not-An-Id"
    with pytest.raises(modslavery.DataError) as info:
        _fast.structure_records(records, modslavery.Organisation, "organisations.json")
    assert len(info.value.problems) == 1
    assert info.value.problems[0].startswith("organisations.json: $[40].id: ")


def test_every_bundled_record_takes_the_fast_path() -> None:
    folder = bundled_files()
    for filename, _, model in FILES:
        records = json.loads(folder.joinpath(filename).read_bytes())
        fast = _fast.structure_function(model)
        assert tuple(map(fast, records)) == _converter.structure_records(records, model, filename)


def test_a_bad_file_gets_the_converters_full_report() -> None:
    folder = bundled_files()
    records = json.loads(folder.joinpath("signatures.json").read_bytes())
    records[2]["position"] = "3"
    records[5]["extra"] = True
    del records[9]["start"]
    with pytest.raises(modslavery.DataError) as slow:
        _converter.structure_records(records, modslavery.Signature, "signatures.json")
    with pytest.raises(modslavery.DataError) as fast:
        _fast.structure_records(records, modslavery.Signature, "signatures.json")
    assert fast.value.problems == slow.value.problems
    assert len(fast.value.problems) == 3


def test_structure_function_is_generated_once() -> None:
    assert _fast.structure_function(modslavery.Document) is _fast.structure_function(modslavery.Document)


def test_loading_good_data_never_imports_cattrs() -> None:
    """The converter (and cattrs) is only imported to explain bad data."""
    import subprocess
    import sys

    code = "import sys, modslavery; modslavery.load(); print('cattrs' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_settable_twin_builds_an_instance_of_exactly_its_class_with_or_without_slots() -> None:
    import attrs

    from modslavery._construct import settable

    @attrs.frozen(slots=False)
    class Plain:
        x: int

    @attrs.frozen
    class Slotted:
        x: int

    for cls in (Plain, Slotted):
        twin = settable(cls)
        assert twin is settable(cls)
        instance = object.__new__(twin)
        instance.x = 3
        instance.__class__ = cls
        assert type(instance) is cls
        assert instance == cls(x=3)
        assert hash(instance) == hash(cls(x=3))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            instance.x = 4  # frozen again once it is a cls
        assert instance.x == 3


def _attrs_values(value: object) -> Iterator[object]:
    """*value* if it is an attrs instance, and every attrs instance nested in it."""
    import attrs

    if attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            yield from _attrs_values(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _attrs_values(item)


def test_records_of_both_paths_are_exactly_their_model_class() -> None:
    """Neither the validated nor the trusted builders leave a record, or a nested one, as its settable twin."""
    from modslavery import models
    from modslavery._loader import clear_cache

    model_classes = {v for v in vars(models).values() if isinstance(v, type) and v.__module__ == models.__name__}
    validated = modslavery.Dataset.from_directory(str(bundled_files()))
    clear_cache()
    trusted = modslavery.load()
    for dataset in (validated, trusted):
        seen = [value for _, attribute, _ in FILES for value in _attrs_values(tuple(getattr(dataset, attribute)))]
        assert len(seen) > 369  # every record, and the nested ones
        assert {type(value) for value in seen} <= model_classes
        assert models.Evidence in {type(value) for value in seen}


def test_the_inline_span_check_refuses_exactly_an_end_before_its_start() -> None:
    """The models' span validator is written inline; it refuses what the validator refuses, no more."""
    from modslavery.models import Evidence

    structure = _fast.structure_function(Evidence)
    assert structure is not None
    assert structure({"quote": "q", "start": 3, "end": 3}) == Evidence(quote="q", start=3, end=3)
    with pytest.raises(ValueError, match="before start"):
        Evidence(quote="q", start=3, end=2)
    with pytest.raises(_fast._Invalid):
        structure({"quote": "q", "start": 3, "end": 2})


def test_validators_without_an_inline_form_are_called_as_attrs_calls_them() -> None:
    """A custom validator (and __attrs_post_init__) still refuse what the model's __init__ refuses."""
    import attrs

    calls: list[tuple[str, int]] = []

    def even(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
        calls.append((attribute.name, value))
        if value % 2:
            raise ValueError(value)

    @attrs.frozen(kw_only=True)
    class Pair:
        a: int = attrs.field(validator=even)
        b: int = attrs.field(validator=attrs.validators.and_(attrs.validators.ge(0), attrs.validators.lt(10)))

        def __attrs_post_init__(self) -> None:
            if self.a == self.b:
                raise ValueError(self.a)

    fast = _fast.structure_function(Pair)
    assert fast is not None
    assert fast({"a": 2, "b": 4}) == Pair(a=2, b=4)
    assert calls[-1] == ("a", 2)
    for bad in ({"a": 3, "b": 4}, {"a": 2, "b": -1}, {"a": 2, "b": 10}, {"a": 4, "b": 4}):
        with pytest.raises(Exception):  # noqa: B017 - the fast path signals any refusal; the converter explains
            fast(bad)
        with pytest.raises(ValueError):
            Pair(**bad)


def _remembered() -> list[set[str]]:
    return [_fast._generator.namespace[name] for name in _fast._generator.matched.values()]


def test_references_that_matched_are_remembered_only_while_a_file_is_structured() -> None:
    """A reference seen before skips its pattern; the strings are forgotten when the file is done."""
    records = json.loads(bundled_files().joinpath("signatures.json").read_bytes())
    fast = _fast.structure_function(modslavery.Signature)
    fast(records[0])
    assert any(records[0]["organisation_id"] in matched for matched in _remembered())
    assert not any(records[0]["id"] in matched for matched in _remembered())  # a record's own id is unique: not kept
    _fast.structure_records(records, modslavery.Signature, "signatures.json")
    assert _remembered()
    assert not any(_remembered())


@pytest.mark.parametrize("bad", ["Not An Id", "-x", "x-", "a", "ok\u00e9"])
def test_a_reference_that_failed_is_never_remembered(bad: str) -> None:
    records = json.loads(bundled_files().joinpath("signatures.json").read_bytes())[:3]
    fast = _fast.structure_function(modslavery.Signature)
    for _ in range(2):  # refused both times: a failure leaves nothing behind
        with pytest.raises(_fast._Invalid):
            fast({**records[1], "organisation_id": bad})
    assert not any(bad in matched for matched in _remembered())
    records[2]["organisation_id"] = records[0]["organisation_id"] = bad
    with pytest.raises(modslavery.DataError) as info:
        _fast.structure_records(records, modslavery.Signature, "signatures.json")
    assert [p.split(":")[1].strip() for p in info.value.problems] == ["$[0].organisation_id", "$[2].organisation_id"]


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(["a", "\\", "u", "d", "D", "8", "\u00e9", "\ud800", "\udfff", "\U0001f600"]))
)
def test_bytes_that_may_not_hold_surrogates_never_decode_to_one(text: str) -> None:
    """The file-level test is sound: JSON bytes it clears decode to no lone surrogate, escaped or not."""
    for ensure_ascii in (True, False):
        data = json.dumps([text, {text: text}], ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass")
        try:
            decoded = json.loads(data.decode("utf-8"))  # strictly, as the loader decodes
        except UnicodeDecodeError:
            continue  # a raw surrogate is not UTF-8: the loader refuses the file before structuring it
        if not may_hold_surrogates(data):
            assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in decoded[0])


@pytest.mark.parametrize("hex_case", [str.lower, str.upper])
def test_a_lone_surrogate_in_a_directory_is_refused(hex_case: Any) -> None:
    """Escaped in the file's bytes (hex digits in either case), a lone surrogate is found and named."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        modslavery.export_json(tmp)
        path = Path(tmp) / "measures.json"
        records = json.loads(path.read_text(encoding="utf-8"))
        records[1]["label"] = "x\ud800"
        text = json.dumps(records)  # ensure_ascii: the surrogate is escaped, as \\ud800
        path.write_text(text.replace("\\ud800", hex_case("\\ud800").replace("\\U", "\\u")), encoding="utf-8")
        with pytest.raises(modslavery.DataError, match=r"measures\.json: \$\[1\]\.label: not valid Unicode"):
            modslavery.Dataset.from_directory(tmp)
