"""
Fuzzing the loader with mutations of the bundled data (#9).

Each example takes the bundled data, changes one file (drop, add or retype a
key; break a reference; duplicate an id; move a span; truncate; corrupt the
UTF-8; replace the top level; nest very deep; write huge numbers and strings)
and loads the directory with :meth:`modslavery.Dataset.from_directory`.

The law: the load either succeeds, and then the data set holds exactly what
the files say (every value written in the mutated file, uncoerced, and the
other files unchanged), or it raises :class:`modslavery.DataError` whose every
problem names a data file and a JSON path (``$...``) or a position (line and
column, or byte). Any other exception fails the test.

Two more laws (#19): data that breaks one of the semantic rules (a number
past SQLite's integer range, an end date before its start, a statistic
converting itself, a campaign supported by another document's statistic, an
entity name that names something else, an empty name, a source file that is a
path) is refused with a problem at its path; and :func:`modslavery.load`
refuses any change to an installed file, naming that file and nothing else.

About 2,850 examples run per test session (set ``FAST=1`` for a quick run).
Only the mutated file is rewritten for each example, in a directory that
already holds the others.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

import modslavery
from modslavery._converter import unstructure_records
from modslavery.dataset import FILES

FAST = os.environ.get("FAST") == "1"


def _examples(n: int) -> int:
    return 10 if FAST else n


def _settings(n: int) -> settings:
    return settings(
        max_examples=_examples(n),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


# -- the bundled data, once ----------------------------------------------------

ATTRIBUTE = {filename: attribute for filename, attribute, _ in FILES}
MODEL = {filename: model for filename, _, model in FILES}
NAMES = sorted(ATTRIBUTE)


def _bundled_bytes() -> dict[str, bytes]:
    from modslavery._files import bundled_files

    folder = bundled_files()
    return {name: folder.joinpath(name).read_bytes() for name in NAMES}


BASE: dict[str, bytes] = _bundled_bytes()
BASE_VALUES: dict[str, list[Any]] = {name: json.loads(data) for name, data in BASE.items()}


def _dump(ds: modslavery.Dataset) -> dict[str, Any]:
    """Every record of a data set as plain JSON values (tuples become lists)."""
    return {name: json.loads(json.dumps(unstructure_records(list(getattr(ds, ATTRIBUTE[name]))))) for name in NAMES}


BASE_DUMP = _dump(modslavery.load())


def _walk(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _walk(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _walk(child, (*path, index))


#: Per file: paths to every node below the top, to every object, to every object with a span.
NODES = {name: [p for p, _ in _walk(v) if p] for name, v in BASE_VALUES.items()}
OBJECTS = {name: [p for p, n in _walk(v) if isinstance(n, dict)] for name, v in BASE_VALUES.items()}
SPANS = {
    name: [p for p, n in _walk(v) if isinstance(n, dict) and type(n.get("start")) is int and type(n.get("end")) is int]
    for name, v in BASE_VALUES.items()
}
#: Per file: paths to string values that refer to other records by id.
REFERENCES = {
    name: [
        p
        for p, n in _walk(v)
        if isinstance(n, str)
        and any(isinstance(step, str) and (step.endswith(("_id", "_ids")) or step == "measure_id") for step in p[-2:])
    ]
    for name, v in BASE_VALUES.items()
}
ALL_IDS = sorted({record["id"] for records in BASE_VALUES.values() for record in records})
DEFAULTS = {
    name: {f.name: f.default for f in attrs.fields(MODEL[name]) if f.default is not attrs.NOTHING} for name in NAMES
}
FIELD_NAMES = sorted({f.name for model in MODEL.values() for f in attrs.fields(model)})


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    """The node at *path*, or None when an earlier mutation removed or retyped part of the way."""
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _set(value: Any, path: tuple[Any, ...], new: Any) -> None:
    parent = _get(value, path[:-1])
    if isinstance(parent, dict) or (isinstance(parent, list) and isinstance(path[-1], int) and path[-1] < len(parent)):
        parent[path[-1]] = new


# -- the law --------------------------------------------------------------------

_PATH = r"\$(?:\.[A-Za-z_]\w*|\[\d+\]|\[\"(?:[^\"\\]|\\.)*\"\])*"
_WHERE = rf"(?:{_PATH}|line \d+ column \d+|byte \d+)"
_FILE = "|".join(re.escape(name) for name in NAMES)


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding the bundled files; each example rewrites one file and puts it back."""
    directory = tmp_path_factory.mktemp("fuzz")
    for name, data in BASE.items():
        (directory / name).write_bytes(data)
    return directory


def _strict_equal(a: Any, b: Any) -> bool:
    """Equal values of equal JSON types: 1, 1.0 and True are three different things here."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_strict_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_strict_equal(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _contained(written: Any, loaded: Any) -> bool:
    """Every value written in the file is in the loaded record (which may add defaults)."""
    if isinstance(written, dict):
        return (
            isinstance(loaded, dict)
            and written.keys() <= loaded.keys()
            and all(_contained(written[k], loaded[k]) for k in written)
        )
    if isinstance(written, list):
        return (
            isinstance(loaded, list)
            and len(written) == len(loaded)
            and all(_contained(x, y) for x, y in zip(written, loaded, strict=True))
        )
    return _strict_equal(written, loaded)


def check(directory: Path, filename: str, data: bytes, *, equivalent: bool = False) -> str:
    """Load *directory* with *filename* replaced by *data*; assert the law; return the outcome."""
    path = directory / filename
    path.write_bytes(data)
    error: modslavery.DataError | None = None
    try:
        ds = modslavery.Dataset.from_directory(directory)
    except modslavery.DataError as caught:
        error = caught
    finally:
        path.write_bytes(BASE[filename])
    if error is not None:
        if currently_in_test_context():
            note(f"DataError: {str(error)[:2000]}")
            event("refused")
        assert not equivalent, f"an equivalent rewrite was refused: {error}"
        assert isinstance(error, ValueError)
        assert error.problems
        line = re.compile(rf"(?:{re.escape(str(directory))}: )?(?:{_FILE}): {_WHERE}: \S")
        for problem in error.problems:
            assert line.match(problem), problem
        return "error"
    if currently_in_test_context():
        event("loaded")
    dump = _dump(ds)
    for name in NAMES:
        if name != filename:
            assert dump[name] == BASE_DUMP[name], name
    if equivalent:
        assert _strict_equal(dump[filename], BASE_DUMP[filename])
    else:
        written = json.loads(data.decode("utf-8"))
        assert _contained(written, dump[filename])
    return "loaded"


# -- value strategies -------------------------------------------------------------

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, 1, -1, 5.0, 1.9, 2**63, 1e308, -0.0]),
    st.text(max_size=12),
    st.sampled_from(["", "abc", "None", "5", "2024", "2024-02-30", "people", "exact", "stated", *ALL_IDS[:20]]),
)
json_values = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8,
)


def _serialise(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# -- structural mutations ---------------------------------------------------------


def _drop(draw: st.DrawFn, filename: str, value: list[Any]) -> list[Any]:
    target = _get(value, draw(st.sampled_from(OBJECTS[filename])))
    if isinstance(target, dict) and target:
        del target[draw(st.sampled_from(sorted(target)))]
    return value


def _add(draw: st.DrawFn, filename: str, value: list[Any]) -> list[Any]:
    key = draw(st.sampled_from(FIELD_NAMES) | st.text(max_size=8))
    target = _get(value, draw(st.sampled_from(OBJECTS[filename])))
    if isinstance(target, dict):
        target[key] = draw(json_values)
    return value


def _retype(draw: st.DrawFn, filename: str, value: list[Any]) -> list[Any]:
    _set(value, draw(st.sampled_from(NODES[filename])), draw(json_values))
    return value


def _break_reference(draw: st.DrawFn, filename: str, value: list[Any]) -> list[Any]:
    if REFERENCES[filename]:
        new = draw(st.sampled_from(ALL_IDS) | st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}[a-z0-9]", fullmatch=True))
        _set(value, draw(st.sampled_from(REFERENCES[filename])), new)
    return value


def _duplicate_id(draw: st.DrawFn, filename: str, value: list[Any]) -> list[Any]:
    i = draw(st.integers(0, len(value) - 1))
    if draw(st.booleans()) or len(value) == 1:
        value.insert(draw(st.integers(0, len(value))), copy.deepcopy(value[i]))
    else:
        j = (i + draw(st.integers(1, len(value) - 1))) % len(value)  # any record but i
        if isinstance(value[i], dict) and isinstance(value[j], dict) and "id" in value[i]:
            value[j]["id"] = value[i]["id"]
    return value


def _move_span(draw: st.DrawFn, filename: str, value: list[Any]) -> list[Any]:
    span = _get(value, draw(st.sampled_from(SPANS[filename]))) if SPANS[filename] else None
    if isinstance(span, dict) and type(span.get("start")) is int and type(span.get("end")) is int:
        delta = draw(st.sampled_from([-1, 1, 2, 1000, 10**6, 10**12]) | st.integers(-50, 50))
        which = draw(st.sampled_from(["both", "start", "end", "end-before-start", "negative"]))
        if which == "both":
            span["start"] += delta
            span["end"] += delta
        elif which == "end-before-start":
            span["end"] = span["start"] - abs(delta) - 1
        elif which == "negative":
            span["start"] = -abs(delta) - 1
        else:
            span[which] += delta
    return value


def _move_quote(draw: st.DrawFn, filename: str, value: list[Any]) -> list[Any]:
    span = _get(value, draw(st.sampled_from(SPANS[filename]))) if SPANS[filename] else None
    if isinstance(span, dict):
        key = next((k for k in ("quote", "name_as_written", "text") if isinstance(span.get(k), str)), None)
        if key is not None:
            span[key] = draw(st.sampled_from([span[key] + "x", span[key][1:], span[key].upper(), " " + span[key], ""]))
    return value


def _swap(draw: st.DrawFn, filename: str, value: list[Any]) -> list[Any]:
    i, j = draw(st.integers(0, len(value) - 1)), draw(st.integers(0, len(value) - 1))
    value[i], value[j] = value[j], value[i]
    return value


def _delete_record(draw: st.DrawFn, filename: str, value: list[Any]) -> list[Any]:
    del value[draw(st.integers(0, len(value) - 1))]
    return value


MUTATIONS = {
    "drop a key": _drop,
    "add a key": _add,
    "retype a value": _retype,
    "break a reference": _break_reference,
    "duplicate an id": _duplicate_id,
    "move a span": _move_span,
    "change a quote": _move_quote,
    "swap two records": _swap,
    "delete a record": _delete_record,
    "empty the file": lambda *_: [],
}


@st.composite
def structural(draw: st.DrawFn) -> tuple[str, bytes]:
    filename = draw(st.sampled_from(NAMES))
    kinds = draw(st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=3))
    value = copy.deepcopy(BASE_VALUES[filename])
    for kind in kinds:
        if value:
            value = MUTATIONS[kind](draw, filename, value)
    note(f"{kinds} in {filename}")
    return filename, _serialise(value)


@_settings(900)
@given(case=structural())
def test_structural_mutations(fuzz_dir: Path, case: tuple[str, bytes]) -> None:
    """Drop, add and retype keys; break references; duplicate ids; move spans and quotes; reorder and delete records."""
    filename, data = case
    check(fuzz_dir, filename, data)


# -- byte-level mutations -----------------------------------------------------------

_BAD_UTF8 = [b"\xff", b"\xfe", b"\xc3", b"\xc3\x28", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf8\x88\x80\x80\x80", b"\x80"]


@st.composite
def byte_level(draw: st.DrawFn) -> tuple[str, bytes]:
    filename = draw(st.sampled_from(NAMES))
    data = BASE[filename]
    kind = draw(st.sampled_from(["truncate", "bad-utf8", "flip", "cut", "repeat", "top", "bom", "empty"]))
    position = draw(st.integers(0, len(data) - 1))
    if kind == "truncate":
        data = data[:position]
    elif kind == "bad-utf8":
        data = data[:position] + draw(st.sampled_from(_BAD_UTF8)) + data[position:]
    elif kind == "flip":
        data = data[:position] + bytes([draw(st.integers(0, 255))]) + data[position + 1 :]
    elif kind == "cut":
        data = data[:position] + data[position + draw(st.integers(1, 200)) :]
    elif kind == "repeat":
        data = data[:position] + data[position : position + draw(st.integers(1, 200))] + data[position:]
    elif kind == "top":
        top = draw(
            st.one_of(
                st.dictionaries(st.text(max_size=5), json_values, max_size=3),
                _scalars,
                st.just({"records": BASE_VALUES[filename]}),
                st.lists(st.one_of(_scalars, st.lists(_scalars, max_size=2)), min_size=1, max_size=4),
            )
        )
        data = json.dumps(top).encode()
    elif kind == "bom":
        data = b"\xef\xbb\xbf" + data
    else:
        data = draw(st.sampled_from([b"", b" ", b"\n", b"\x00", b"[", b"]", b"null"]))
    note(f"{kind} in {filename} at {position}")
    return filename, data


@_settings(700)
@given(case=byte_level())
def test_byte_mutations(fuzz_dir: Path, case: tuple[str, bytes]) -> None:
    """Truncated files, invalid UTF-8, flipped, cut and repeated bytes, non-array tops, a BOM, empty files."""
    filename, data = case
    check(fuzz_dir, filename, data)


# -- values spliced into the JSON text: what json.dumps cannot write ------------------

_SPLICE = "@@splice@@"


@st.composite
def spliced(draw: st.DrawFn) -> tuple[str, bytes]:
    filename = draw(st.sampled_from(NAMES))
    value = copy.deepcopy(BASE_VALUES[filename])
    path = draw(st.sampled_from(NODES[filename]))
    _set(value, path, _SPLICE)
    kind = draw(
        st.sampled_from(
            ["deep", "huge-int", "huge-float", "constant", "surrogate", "huge-string", "dup-key", "control"]
        )
    )
    if kind == "deep":
        depth = draw(st.sampled_from([63, 64, 65, 100, 1000, 100_000]) | st.integers(1, 80))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        raw = opener * depth + "0" + closer * depth
    elif kind == "huge-int":
        raw = draw(st.sampled_from(["-", ""])) + "9" * draw(st.sampled_from([19, 20, 400, 4300, 4301, 50_000]))
    elif kind == "huge-float":
        raw = draw(
            st.sampled_from(
                [
                    *("1e400", "-1e400", "1e-400", "1.7976931348623157e308", "1" * 400 + ".5", "-0.0"),
                    *("-1E-400", "2e-324", "5e-324", "0." + "0" * 400 + "1", "0e-400", "9223372036854775808", "1e30"),
                ]
            )
        )
    elif kind == "constant":
        raw = draw(st.sampled_from(["NaN", "Infinity", "-Infinity", "undefined", "True", "None", "nan"]))
    elif kind == "surrogate":
        raw = draw(st.sampled_from(['"\\ud800"', '"a\\udfff"', '"\\ud83d\\ude00"', '"\\ud83d"', '"\\u0000"']))
    elif kind == "huge-string":
        size = draw(st.sampled_from([10_000, 100_000, 1_000_000]))
        raw = json.dumps(draw(st.sampled_from(["a", "é", "[", '"', "\n", "𝄞"])) * size, ensure_ascii=False)
    elif kind == "dup-key":
        # A repeated key inside an object: "k": 1, "k": 2.
        raw = '{"k": 1, "k": 2}'
    else:
        raw = '"' + draw(st.sampled_from(["\t", "\n", "\x00", "\x1f"])) + '"'  # raw control characters
    text = json.dumps(value, ensure_ascii=False, indent=draw(st.sampled_from([None, 2])))
    note(f"{kind} in {filename} at {path}")
    return filename, text.replace(json.dumps(_SPLICE), raw, 1).encode("utf-8", "surrogatepass")


@_settings(450)
@given(case=spliced())
def test_spliced_values(fuzz_dir: Path, case: tuple[str, bytes]) -> None:
    """Very deep nesting, huge numbers and strings, NaN, lone surrogates, repeated keys, raw control characters."""
    filename, data = case
    check(fuzz_dir, filename, data)


# -- rewrites that change nothing -----------------------------------------------------


@st.composite
def equivalent(draw: st.DrawFn) -> tuple[str, bytes]:
    filename = draw(st.sampled_from(NAMES))
    value = copy.deepcopy(BASE_VALUES[filename])
    if draw(st.booleans()):
        # Drop keys whose value is the field's default.
        for record in value:
            for key, default in DEFAULTS[filename].items():
                if key in record and json.loads(json.dumps(default)) == record[key] and draw(st.booleans()):
                    del record[key]
    if draw(st.booleans()):
        # Reorder the keys of every record.
        value = [dict(draw(st.permutations(list(record.items())))) for record in value]
    text = json.dumps(
        value,
        ensure_ascii=draw(st.booleans()),
        indent=draw(st.sampled_from([None, 0, 1, 2, 4, "\t"])),
        sort_keys=draw(st.booleans()),
    )
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")  # json.dumps escapes newlines inside strings, so only layout changes
    text = draw(st.sampled_from(["", " ", "\n", "\t"])) + text + draw(st.sampled_from(["", "\n", "  \n"]))
    return filename, text.encode("utf-8")


@_settings(350)
@given(case=equivalent())
def test_equivalent_rewrites_load_the_same_data(fuzz_dir: Path, case: tuple[str, bytes]) -> None:
    """Layout, escapes, key order and omitted defaults change nothing: the data set equals the bundled one."""
    filename, data = case
    assert check(fuzz_dir, filename, data, equivalent=True) == "loaded"


# -- the harness itself -------------------------------------------------------------------


def test_check_catches_a_coercing_loader(fuzz_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The law is not vacuous: a loader that turned 1.0 into 1, as cattrs' defaults do, would break it."""
    values = copy.deepcopy(BASE_VALUES["signatures.json"])
    values[0]["position"] = 1.0
    data = _serialise(values)
    assert check(fuzz_dir, "signatures.json", data) == "error"
    real_loader = modslavery.Dataset.from_directory

    def coercing_loader(path: Any, **limits: int) -> modslavery.Dataset:
        for name in NAMES:
            records = json.loads((Path(path) / name).read_text(encoding="utf-8"))
            for record in records:
                if isinstance(record.get("position"), float):
                    record["position"] = int(record["position"])
            (tmp_path / name).write_text(json.dumps(records), encoding="utf-8")
        return real_loader(tmp_path, **limits)

    monkeypatch.setattr(modslavery.Dataset, "from_directory", coercing_loader)
    with pytest.raises(AssertionError):
        check(fuzz_dir, "signatures.json", data)


def test_check_rejects_a_message_without_a_path(fuzz_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The law is not vacuous: a DataError without a file and path breaks it."""

    def bad_loader(path: Any, **limits: int) -> None:
        raise modslavery.DataError(["something is wrong"])

    monkeypatch.setattr(modslavery.Dataset, "from_directory", bad_loader)
    with pytest.raises(AssertionError):
        check(fuzz_dir, "measures.json", b"[]")


def test_unchanged_files_load(fuzz_dir: Path) -> None:
    """The starting point: the bundled bytes load as the bundled data set."""
    assert check(fuzz_dir, "documents.json", BASE["documents.json"], equivalent=True) == "loaded"


# -- the rules of #19: each break is refused, at its path ------------------------------------------

_INT_KEYS = {"start", "end", "position", "number", "value"}
#: Per file: paths to every integer that a model bounds to SQLite's range.
INTEGERS = {
    name: [p for p, n in _walk(v) if type(n) is int and p and p[-1] in _INT_KEYS] for name, v in BASE_VALUES.items()
}
#: Per file: paths to every Period or DateClaim with both bounds set.
DATED = {
    name: [
        p
        for p, n in _walk(v)
        if isinstance(n, dict) and isinstance(n.get("start"), str) and isinstance(n.get("end"), str) and "basis" in n
    ]
    for name, v in BASE_VALUES.items()
}
_STATISTIC_DOCUMENTS = {s["id"]: s["document_id"] for s in BASE_VALUES["statistics.json"]}
_ORGANISATION_NAMES = sorted(
    {n for o in BASE_VALUES["organisations.json"] for n in (o["name"], *o["acronyms"], *o["aliases"])}
)
_ENTITY_NAMES = sorted({n for e in BASE_VALUES["entities.json"] for n in (e["name"], *e["aliases"])})


def _json_path(path: tuple[Any, ...]) -> str:
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)


def _respell(draw: st.DrawFn, name: str) -> str:
    """The same name as name_key reads it: other case, or a leading 'The' (name_key drops one)."""
    the = [] if name.lower().startswith("the ") else [f"The {name}"]
    return draw(st.sampled_from([name, name.upper(), name.lower(), *the]))


@st.composite
def rule_breaks(draw: st.DrawFn) -> tuple[str, bytes, str]:
    """One record of the bundled data made to break one rule; the problem must name the path given."""
    rule = draw(st.sampled_from(["integer", "date", "self", "support", "entity", "empty", "source"]))
    if rule == "integer":
        filename = draw(st.sampled_from(sorted(name for name in NAMES if INTEGERS[name])))
        path = draw(st.sampled_from(INTEGERS[filename]))
        value: Any = draw(
            st.sampled_from([2**63, -(2**63) - 1, 2**64, 10**30, 1e19, -1e30])
            | st.integers(min_value=2**63, max_value=2**70)
        )
    elif rule == "date":
        filename = draw(st.sampled_from(sorted(name for name in NAMES if DATED[name])))
        dated = draw(st.sampled_from(DATED[filename]))
        start = _get(BASE_VALUES[filename], dated)["start"]
        path, value = (*dated, "end"), f"{int(start[:4]) - draw(st.integers(1, 500)):04d}{start[4:]}"
    elif rule == "self":
        filename, index = "statistics.json", draw(st.integers(0, len(BASE_VALUES["statistics.json"]) - 1))
        path, value = (index, "conversion_of_id"), BASE_VALUES[filename][index]["id"]
    elif rule == "support":
        filename, index = "campaigns.json", draw(st.integers(0, len(BASE_VALUES["campaigns.json"]) - 1))
        own = BASE_VALUES[filename][index]["document_id"]
        path = (index, "support_statistic_id")
        value = draw(st.sampled_from(sorted(s for s, d in _STATISTIC_DOCUMENTS.items() if d != own)))
    elif rule == "entity":
        filename, index = "entities.json", draw(st.integers(0, len(BASE_VALUES["entities.json"]) - 1))
        own = BASE_VALUES[filename][index]
        others = [n for n in _ENTITY_NAMES if n not in (own["name"], *own["aliases"])]
        name = _respell(draw, draw(st.sampled_from(_ORGANISATION_NAMES + others)))
        if draw(st.booleans()):
            path, value = (index, "name"), name
        else:
            path, value = (index, "aliases"), [*own["aliases"], name]
    elif rule == "empty":
        filename, key = draw(
            st.sampled_from([("entities.json", "name"), ("measures.json", "label"), ("measures.json", "description")])
        )
        path, value = (draw(st.integers(0, len(BASE_VALUES[filename]) - 1)), key), ""
    else:
        filename = "documents.json"
        path = (draw(st.integers(0, len(BASE_VALUES[filename]) - 1)), "source_file")
        value = draw(st.sampled_from(["../../../../etc/passwd", "/etc/passwd", "..", "sources/a.txt", "C:a", "a\x00"]))
    records = copy.deepcopy(BASE_VALUES[filename])
    _set(records, path, value)
    note(f"{rule}: {_json_path(path)} of {filename} = {value!r}")
    # An entity clash may be reported at the other owner's path, whichever comes later in the file.
    where = "$[" if rule == "entity" else _json_path(path)
    return filename, _serialise(records), f"{filename}: {where}"


@_settings(300)
@given(case=rule_breaks())
def test_rule_breaks_are_refused_at_their_path(fuzz_dir: Path, case: tuple[str, bytes, str]) -> None:
    """Numbers past SQLite, dates out of order, self conversions, foreign support, entity names, empty names, paths."""
    filename, data, where = case
    assert check(fuzz_dir, filename, data) == "error"  # the law: every problem names a file and a path
    (fuzz_dir / filename).write_bytes(data)
    try:
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(fuzz_dir)
    finally:
        (fuzz_dir / filename).write_bytes(BASE[filename])
    problems = [problem.removeprefix(f"{fuzz_dir}: ") for problem in info.value.problems]
    assert any(problem.startswith(where) for problem in problems), problems


# -- load(): the installed files are the released ones, or nothing is served -------------------------

EDITED = "the installed data was changed; load an edited copy with modslavery.Dataset.from_directory()"


@pytest.fixture(scope="module")
def installed_dir(fuzz_dir: Path) -> Path:
    """The fuzz directory with the bundled manifest beside the files: a stand-in for the installed folder."""
    from modslavery._files import bundled_files

    (fuzz_dir / "manifest.json").write_bytes(bundled_files().joinpath("manifest.json").read_bytes())
    return fuzz_dir


@_settings(150)
@given(case=st.one_of(structural(), byte_level(), equivalent()))
def test_load_refuses_any_change_to_an_installed_file(installed_dir: Path, case: tuple[str, bytes]) -> None:
    """Whatever the change (valid, equivalent or broken), load() names the changed file and nothing else."""
    from modslavery import _loader

    filename, data = case
    path = installed_dir / filename
    path.write_bytes(data)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_loader, "bundled_files", lambda: installed_dir)
            if data == BASE[filename]:
                event("unchanged")
                assert len(_loader._load_bundled().documents) == len(BASE_VALUES["documents.json"])
                return
            with pytest.raises(modslavery.DataError) as info:
                _loader._load_bundled()
    finally:
        path.write_bytes(BASE[filename])
    assert info.value.problems == (f"{filename}: differs from manifest.json: {EDITED}",)
