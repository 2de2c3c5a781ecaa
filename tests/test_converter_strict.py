"""
The converter is strict: each silent coercion of cattrs' defaults is an error (#9).

Every case runs twice: through :meth:`modslavery.Dataset.from_directory` on a
copy of the bundled data with one value replaced, and through the converter
directly. A control shows that plain ``cattrs.Converter()`` does coerce each
value, so these tests fail if the strict hooks stop being used.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import attrs
import cattrs
import pytest

import modslavery
from modslavery._converter import converter, explaining_converter, structure_records, unstructure_records
from modslavery.models import Judgement, Measure, Organisation, Signature, Statistic, Unit

CONVERTERS = pytest.mark.parametrize("converter", [converter, explaining_converter], ids=["quick", "explaining"])

# (case id, file, record index, field, bad JSON value, expected message fragment)
FILE_CASES = [
    ("none-to-str", "campaigns.json", 0, "title", None, "expected a string, got null"),
    ("int-to-str", "measures.json", 1, "label", 5, "expected a string, got an integer"),
    ("float-to-str", "measures.json", 1, "description", 2.5, "expected a string, got a number"),
    ("bool-to-str", "organisations.json", 2, "name", True, "expected a string, got true or false"),
    ("list-to-str", "measures.json", 0, "label", ["a"], "expected a string, got an array"),
    ("none-to-optional-str-ok-but-int-not", "statistics.json", 0, "note", 7, "expected a string, got an integer"),
    ("float-to-int", "statistics.json", 2, "start", 1.9, "expected an integer, got a number"),
    ("whole-float-to-int", "statistics.json", 2, "start", 5.0, "expected an integer, got a number"),
    ("str-to-int", "signatures.json", 3, "position", "4", "expected an integer, got a string"),
    ("true-to-int", "signatures.json", 0, "position", True, "expected an integer, got true or false"),
    ("false-to-int", "statistics.json", 1, "start", False, "expected an integer, got true or false"),
    ("bool-to-number", "statistics.json", 0, "value", True, "expected a number, got true or false"),
    ("str-to-number", "statistics.json", 0, "value", "45000000", "expected a number, got a string"),
    ("null-to-number", "statistics.json", 0, "value", None, "expected a number, got null"),
    ("str-to-tuple", "organisations.json", 0, "aliases", "abc", "expected an array, got a string"),
    ("object-to-tuple", "judgements.json", 0, "names", {"a": 1}, "expected an array, got an object"),
    ("null-in-tuple", "judgements.json", 0, "organisation_ids", [None], "expected a string, got null"),
    ("int-to-enum", "statistics.json", 0, "unit", 1, "expected a string, got an integer"),
    ("enum-name-not-value", "statistics.json", 0, "unit", "PEOPLE", "'PEOPLE' is not one of"),
    ("array-to-object", "documents.json", 0, "publisher", ["x"], "expected an object, got an array"),
    ("str-to-object", "documents.json", 4, "publisher", "quote", "expected an object, got a string"),
    ("int-to-date", "campaigns.json", 0, "date", {"start": 2024, "end": None, "basis": "stated"}, "expected a date"),
]


def _write_with(data_dir: Path, filename: str, index: int, key: str, value: Any) -> None:
    path = data_dir / filename
    records = json.loads(path.read_text(encoding="utf-8"))
    records[index][key] = value
    path.write_text(json.dumps(records), encoding="utf-8")


class TestThroughFromDirectory:
    @pytest.mark.parametrize("case", FILE_CASES, ids=[case[0] for case in FILE_CASES])
    def test_coercion_is_an_error(self, data_dir: Path, case) -> None:
        """The bad value is reported with the file name and the exact JSON path of the field."""
        _, filename, index, key, value, expected = case
        _write_with(data_dir, filename, index, key, value)
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir)
        prefix = f"{filename}: $[{index}].{key}"
        matching = [p for p in info.value.problems if p.startswith(prefix)]
        assert matching, info.value.problems
        assert expected in " ".join(matching)

    @pytest.mark.parametrize(
        ("literal", "shown"), [("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity")]
    )
    def test_nan_and_infinity_literals_are_rejected(self, data_dir: Path, literal: str, shown: str) -> None:
        """Python's json accepts these non-standard literals by default; we refuse them at parse time."""
        path = data_dir / "statistics.json"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('"value": 45000000', f'"value": {literal}', 1), encoding="utf-8")
        with pytest.raises(modslavery.DataError, match=rf"statistics\.json: .*{shown} is not a number in JSON"):
            modslavery.Dataset.from_directory(data_dir)

    @pytest.mark.parametrize("literal", ["1e400", "-1e400"])
    def test_overflowing_float_is_rejected(self, data_dir: Path, literal: str) -> None:
        """1e400 parses to inf in Python; the converter then rejects it at its path."""
        path = data_dir / "statistics.json"
        text = path.read_text(encoding="utf-8")
        assert '"value": 45000000' in text
        path.write_text(text.replace('"value": 45000000', f'"value": {literal}', 1), encoding="utf-8")
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir)
        assert any(p.startswith("statistics.json: $[0].value: expected a finite number") for p in info.value.problems)

    def test_every_invalid_field_of_a_record_is_reported(self, data_dir: Path) -> None:
        """Two invalid values in one record and one in another: three problems, each at its field."""
        path = data_dir / "signatures.json"
        records = json.loads(path.read_text(encoding="utf-8"))
        records[2].update(position=0, end=records[2]["start"] - 1)
        records[5].update(id="Not An Id")
        path.write_text(json.dumps(records), encoding="utf-8")
        with pytest.raises(modslavery.DataError) as info:
            modslavery.Dataset.from_directory(data_dir)
        assert [p.split(": ")[1] for p in info.value.problems] == ["$[2].position", "$[2].end", "$[5].id"]

    def test_float_value_is_accepted(self, data_dir: Path) -> None:
        """A finite float is a valid statistic value (int | float), not coerced to int."""
        _write_with(data_dir, "statistics.json", 0, "value", 45000000.5)
        ds = modslavery.Dataset.from_directory(data_dir)
        value = ds.statistics[ds.statistics.ids[0]].value
        assert value == 45000000.5
        assert type(value) is float


# (case id, value, target type, what plain cattrs would make of it)
DIRECT_CASES = [
    ("none-to-str", None, str, "None"),
    ("int-to-str", 5, str, "5"),
    ("float-to-int", 1.9, int, 1),
    ("true-to-int", True, int, 1),
    ("str-to-int", "7", int, 7),
    ("str-to-tuple", "abc", tuple[str, ...], ("a", "b", "c")),
    ("dict-to-tuple", {"a": 1}, tuple[str, ...], ("a",)),
    ("int-to-bool", 1, bool, True),
    ("str-to-bool", "false", bool, True),
    ("bool-to-float", True, float, 1.0),
    ("str-to-float", "1.5", float, 1.5),
    ("int-to-optional-str", 3, str | None, "3"),
    ("str-to-enum", "people", Unit, Unit.PEOPLE),
]


class TestDirect:
    @pytest.mark.parametrize(
        ("value", "type_", "coerced"), [case[1:] for case in DIRECT_CASES], ids=[case[0] for case in DIRECT_CASES]
    )
    def test_default_cattrs_coerces(self, value, type_, coerced) -> None:
        """Control: cattrs' default converter really does coerce each of these."""
        assert cattrs.Converter().structure(value, type_) == coerced

    @pytest.mark.parametrize(
        ("value", "type_"),
        [case[1:3] for case in DIRECT_CASES if case[0] != "str-to-enum"],
        ids=[case[0] for case in DIRECT_CASES if case[0] != "str-to-enum"],
    )
    @CONVERTERS
    def test_strict_converter_refuses(self, value, type_, converter) -> None:
        """Our converter raises instead of coercing."""
        with pytest.raises((TypeError, ValueError)):
            converter.structure(value, type_)

    @pytest.mark.parametrize(
        ("value", "type_"),
        [("abc", str), (0, int), (-3, int), (True, bool), (False, bool), (1.5, float), (2, float), (None, str | None)],
    )
    @CONVERTERS
    def test_strict_converter_keeps_valid_values(self, value, type_, converter) -> None:
        """Valid values pass unchanged, with their JSON type."""
        result = converter.structure(value, type_)
        assert result == value
        assert type(result) is type(value)

    @CONVERTERS
    def test_enum_by_value_only(self, converter) -> None:
        """A str-based enum takes its value and nothing else (not its name, not another type)."""
        assert converter.structure("people", Unit) is Unit.PEOPLE
        for bad in ("PEOPLE", "Unit.PEOPLE", 1, None):
            with pytest.raises((TypeError, ValueError)):
                converter.structure(bad, Unit)

    @pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, True, False, "1", None])
    def test_number_field_refuses(self, value) -> None:
        """``value: int | float`` takes finite ints and floats only: no NaN, no infinities, no bools."""
        record = _statistic_dict(value=value)
        with pytest.raises(modslavery.DataError, match=r"statistics\.json: \$\[0\]\.value: expected a"):
            structure_records([record], Statistic, "statistics.json")

    @pytest.mark.parametrize("value", [0, 17004, 2.5, -1, 2**63 - 1, -(2**63), 9.2e18, 5e-324])
    def test_number_field_accepts(self, value) -> None:
        (stat,) = structure_records([_statistic_dict(value=value)], Statistic, "statistics.json")
        assert stat.value == value
        assert type(stat.value) is type(value)

    @CONVERTERS
    def test_bool_field_in_an_attrs_class(self, converter) -> None:
        """No model has a bool field yet; a throwaway class shows a bool field is strict too."""

        @attrs.frozen
        class Flag:
            on: bool
            count: int

        assert converter.structure({"on": False, "count": 0}, Flag) == Flag(on=False, count=0)
        for bad in ({"on": 1, "count": 0}, {"on": "true", "count": 0}, {"on": True, "count": True}):
            with pytest.raises((TypeError, cattrs.errors.ClassValidationError)):
                converter.structure(bad, Flag)

    def test_all_problems_of_a_file_together(self) -> None:
        """Three bad records give three problems in one DataError, each with its own path."""
        records = [
            {"id": "a-b", "label": None, "description": "d"},
            {"id": "c-d", "label": "ok", "description": "d"},
            {"id": "e-f", "label": 5, "description": ["x"]},
        ]
        with pytest.raises(modslavery.DataError) as info:
            structure_records(records, Measure, "measures.json")
        assert info.value.problems == (
            "measures.json: $[0].label: expected a string, got null",
            "measures.json: $[2].label: expected a string, got an integer",
            "measures.json: $[2].description: expected a string, got an array",
        )

    def test_validator_error_names_the_field(self) -> None:
        """An attrs validator's error points at the field, not just the record."""
        with pytest.raises(modslavery.DataError) as info:
            structure_records([{"id": "Not An Id", "name": "X"}], Organisation, "organisations.json")
        (problem,) = info.value.problems
        assert problem.startswith("organisations.json: $[0].id: 'id' must match regex")

    def test_nested_paths(self) -> None:
        """Errors deep inside a record carry the full path."""
        sig = {
            "id": "a-b",
            "campaign_id": "c-d",
            "organisation_id": "e-f",
            "position": 0,
            "name_as_written": "",
            "start": 0,
            "end": 1,
        }
        with pytest.raises(modslavery.DataError) as info:
            structure_records([sig], Signature, "signatures.json")
        # attrs stops at the first failing validator; the converter then runs them all.
        assert info.value.problems == (
            "signatures.json: $[0].position: 'position' must be >= 1: 0",
            "signatures.json: $[0].name_as_written: Length of 'name_as_written' must be >= 1: 0",
        )
        sig.update(id="Bad Id", position=1, name_as_written="x", start=5, end=4)
        with pytest.raises(modslavery.DataError) as info:
            structure_records([sig], Signature, "signatures.json")
        assert info.value.problems == (
            "signatures.json: $[0].id: 'id' must match regex '^[a-z0-9][a-z0-9-]*[a-z0-9]$' ('Bad Id' doesn't)",
            "signatures.json: $[0].end: end (4) is before start (5)",
        )
        sig.update(id="a-b")
        with pytest.raises(modslavery.DataError) as info:
            structure_records([sig], Signature, "signatures.json")
        assert info.value.problems == ("signatures.json: $[0].end: end (4) is before start (5)",)
        judgement = {"id": "j-1", "verdict": "same", "names": ["a", 5], "organisation_ids": ["x-y"], "rationale": "r"}
        with pytest.raises(modslavery.DataError) as info:
            structure_records([judgement], Judgement, "judgements.json")
        assert info.value.problems == ("judgements.json: $[0].names[1]: expected a string, got an integer",)

    def test_lone_surrogate_is_refused(self) -> None:
        """JSON may escape a lone surrogate; such a string could never be written back as UTF-8."""
        with pytest.raises(modslavery.DataError, match=r"\$\[0\]\.label: not valid Unicode: lone surrogate"):
            structure_records([{"id": "a-b", "label": "x\ud800", "description": "d"}], Measure, "m.json")

    def test_non_ascii_digits_in_dates_are_refused(self) -> None:
        """``\\d`` would take fullwidth or Arabic-Indic digits; a date is ASCII."""
        for bad in ("２０２０", "٢٠٢٠"):
            with pytest.raises(modslavery.DataError, match=r"\$\[0\]\.period\.start: expected YYYY"):
                structure_records(
                    [_statistic_dict(period={"label": None, "start": bad, "end": None, "basis": "stated"})],
                    Statistic,
                    "statistics.json",
                )

    def test_long_values_are_cut_in_messages(self) -> None:
        """A megabyte-long bad id does not make a megabyte-long message."""
        with pytest.raises(modslavery.DataError) as info:
            structure_records([{"id": "X" * 1_000_000, "label": "l", "description": "d"}], Measure, "m.json")
        (problem,) = info.value.problems
        assert problem.startswith("m.json: $[0].id: 'id' must match regex")
        assert len(problem) < 400

    def test_round_trip_of_the_bundled_data(self, ds) -> None:
        """structure(unstructure(x)) == x for every bundled record, through the strict hooks."""
        for filename, attribute, model in modslavery.dataset.FILES:
            records = tuple(getattr(ds, attribute))
            again = structure_records(unstructure_records(records), model, filename)
            assert unstructure_records(again) == unstructure_records(records), filename


def _statistic_dict(**changes: Any) -> dict[str, Any]:
    record = {
        "id": "s-1",
        "document_id": "d-1",
        "measure_id": "m-1",
        "description": "d",
        "value": 1,
        "unit": "people",
        "qualifier": "exact",
        "quote": "q",
        "start": 0,
        "end": 1,
    }
    record.update(changes)
    return record
