"""
Repeated keys found by counting keys through a model's nesting (modslavery._keycount), not by a hook per object.

The true number of keys is counted here by the parser's pair hook, which sees
every key as written, repeated or not.
"""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import BY_MODEL

import modslavery
from modslavery._converter import unstructure_records
from modslavery._keycount import key_count
from modslavery._loader import bundled_files, parse_json
from modslavery.dataset import FILES

MODELS = [model for _, _, model in FILES]


def _keys_in_text(text: str) -> int:
    """Every key of every object in *text*, repeated keys included (the pair hook sees them all)."""
    count = 0

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal count
        count += len(items)
        return dict(items)

    json.loads(text, object_pairs_hook=pairs)
    return count


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "period", "authors", "asks", "evidence", "x", "note"]), children, max_size=4
        )
    ),
    max_leaves=25,
)


class TestKeyCount:
    @settings(max_examples=40, deadline=None)
    @given(data=st.data())
    def test_exact_for_records_the_model_accepts(self, data: st.DataObject) -> None:
        """Every model, every nesting the strategies reach (documents' authors and their evidence, periods, asks)."""
        for model in MODELS:
            records = data.draw(st.lists(BY_MODEL[model], max_size=3))
            text = json.dumps(unstructure_records(records))
            assert key_count(json.loads(text), model) == _keys_in_text(text), model.__name__

    @settings(max_examples=300, deadline=None)
    @given(value=json_values, model=st.sampled_from(MODELS))
    def test_never_more_than_the_keys_of_any_value(self, value: object, model: type) -> None:
        text = json.dumps(value)
        assert key_count(json.loads(text), model) <= _keys_in_text(text)

    def test_exact_on_the_bundled_data(self) -> None:
        folder = bundled_files()
        for filename, _, model in FILES:
            text = folder.joinpath(filename).read_text(encoding="utf-8")
            assert key_count(json.loads(text), model) == _keys_in_text(text), filename


class TestRepeatedKeysWithTheCount:
    """parse_json with count_keys reports exactly what it reports without it."""

    @pytest.mark.parametrize(
        ("model", "text", "path"),
        [
            (FILES[5][2], '[{"id": "a", "id": "b"}]', "$[0].id"),
            (FILES[2][2], '[{"id": "s", "period": {"start": "2020", "start": "2021"}}]', "$[0].period.start"),
            (FILES[0][2], '[{"authors": [{"name": "n", "evidence": [{"quote": "q", "quote": "r"}]}]}]', None),
            (FILES[1][2], '[{"id": "m", "unknown": {"k": 1, "k": 2}}]', "$[0].unknown.k"),
            (FILES[1][2], '[{"id": "m", "label": [{"k": 1, "k": 2}]}]', "$[0].label[0].k"),
            (FILES[1][2], '{"k": 1, "k": 2}', "$.k"),
            (FILES[1][2], '[[{"k": 1, "k": 2}]]', "$[0][0].k"),
        ],
    )
    def test_repeated_anywhere_is_reported(self, model: type, text: str, path: str | None) -> None:
        count_keys = functools.partial(key_count, model=model)
        with pytest.raises(modslavery.DataError) as counted:
            parse_json(text.encode(), "x.json", count_keys=count_keys)
        with pytest.raises(modslavery.DataError) as hooked:
            parse_json(text.encode(), "x.json")
        assert counted.value.problems == hooked.value.problems
        assert all("duplicate key" in problem for problem in counted.value.problems)
        if path is not None:
            assert counted.value.problems[0].startswith(f"x.json: {path}: ")

    @settings(max_examples=300, deadline=None)
    @given(value=json_values, model=st.sampled_from(MODELS), repeat=st.booleans(), where=st.integers(0, 10**6))
    def test_same_outcome_as_the_hook(self, value: object, model: type, repeat: bool, where: int) -> None:
        text = json.dumps(value)
        if repeat and '{"' in text:  # repeat the first key of some object
            starts = [i for i in range(len(text)) if text.startswith('{"', i)]
            start = starts[where % len(starts)]
            end = text.index('": ', start) + 3
            text = text[: start + 1] + text[start + 1 : end] + "0, " + text[start + 1 :]
        count_keys = functools.partial(key_count, model=model)
        try:
            expected: object = parse_json(text.encode(), "x.json")
        except modslavery.DataError as error:
            expected = error.problems
        try:
            got: object = parse_json(text.encode(), "x.json", count_keys=count_keys)
        except modslavery.DataError as error:
            got = error.problems
        assert got == expected

    def test_from_directory_reports_a_repeated_key_in_a_nested_record(self, tmp_path: Path) -> None:
        folder = tmp_path / "data"
        shutil.copytree(Path(str(bundled_files())), folder)
        path = folder / "statistics.json"
        text = path.read_text(encoding="utf-8")
        records = json.loads(text)
        index = next(i for i, record in enumerate(records) if record.get("period"))
        # Repeat the period's first key in place, with the same value: a parser that kept the last would not notice.
        first_key = next(iter(records[index]["period"]))
        value = json.dumps(records[index]["period"][first_key])
        records[index]["period"] = {"__REPEAT__": None, **records[index]["period"]}
        edited = json.dumps(records, ensure_ascii=False, indent=2).replace(
            '"__REPEAT__": null', f'"{first_key}": {value}'
        )
        path.write_text(edited, encoding="utf-8")
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(folder)
        assert info.value.problems == (f"statistics.json: $[{index}].period.{first_key}: duplicate key {first_key!r}",)
