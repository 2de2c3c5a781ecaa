"""
Records that load can be exported, and what is wrong is refused: the rules #19 added, one test each.

Each rule is checked twice: on the model (a record built in Python) and
through :meth:`modslavery.Dataset.from_directory` on a copy of the bundled
files with one value changed, where the message must name the file and the
JSON path. The rules are listed in docs/data.md ("Rules every record keeps").
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import modslavery
from modslavery import models as m
from strategies import earliest_day, latest_day, partial_dates

INT64_MAX = 2**63 - 1  # written out here, not read from the package
INT64_MIN = -(2**63)


def _read(data_dir: Path, filename: str) -> list[dict[str, Any]]:
    return json.loads((data_dir / filename).read_text(encoding="utf-8"))


def _write(data_dir: Path, filename: str, records: list[dict[str, Any]]) -> None:
    (data_dir / filename).write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")


def _problems(data_dir: Path) -> tuple[str, ...]:
    """The problems of loading *data_dir*, without the directory that cross-record problems start with."""
    with pytest.raises(modslavery.DataError) as info:
        modslavery.Dataset.from_directory(data_dir)
    return tuple(problem.removeprefix(f"{data_dir}: ") for problem in info.value.problems)


def _index(records: list[dict[str, Any]], record_id: str) -> int:
    return next(i for i, record in enumerate(records) if record["id"] == record_id)


# -- integers every export can hold -------------------------------------------------------


def _statistic(**changes: Any) -> m.Statistic:
    fields: dict[str, Any] = {
        "id": "s-1",
        "document_id": "d-1",
        "measure_id": "m-1",
        "description": "d",
        "value": 1,
        "unit": m.Unit.PEOPLE,
        "qualifier": m.Qualifier.EXACT,
        "quote": "q",
        "start": 0,
        "end": 1,
    }
    return m.Statistic(**{**fields, **changes})


#: Each integer field of every model, with a record builder taking that field's value.
INTEGER_FIELDS = {
    "Statistic.value": lambda v: _statistic(value=v),
    "Statistic.start": lambda v: _statistic(start=v, end=INT64_MAX),
    "Statistic.end": lambda v: _statistic(end=v),
    "Evidence.start": lambda v: m.Evidence(quote="q", start=v, end=INT64_MAX),
    "Evidence.end": lambda v: m.Evidence(quote="q", start=0, end=v),
    "Ask.number": lambda v: m.Ask(number=v, heading=None, text="t", start=0, end=1),
    "Ask.start": lambda v: m.Ask(number=1, heading=None, text="t", start=v, end=INT64_MAX),
    "Ask.end": lambda v: m.Ask(number=1, heading=None, text="t", start=0, end=v),
    "Signature.position": lambda v: m.Signature(
        id="s-1", campaign_id="c-1", organisation_id="o-1", position=v, name_as_written="n", start=0, end=1
    ),
    "Signature.start": lambda v: m.Signature(
        id="s-1", campaign_id="c-1", organisation_id="o-1", position=1, name_as_written="n", start=v, end=INT64_MAX
    ),
    "Signature.end": lambda v: m.Signature(
        id="s-1", campaign_id="c-1", organisation_id="o-1", position=1, name_as_written="n", start=0, end=v
    ),
    "Mention.start": lambda v: m.Mention(
        id="m-1", document_id="d-1", quote="q", start=v, end=INT64_MAX, organisation_id="o-1"
    ),
    "Mention.end": lambda v: m.Mention(id="m-1", document_id="d-1", quote="q", start=0, end=v, organisation_id="o-1"),
    "Exclusion.start": lambda v: m.Exclusion(
        id="x-1", document_id="d-1", quote="q", start=v, end=INT64_MAX, reason="r"
    ),
    "Exclusion.end": lambda v: m.Exclusion(id="x-1", document_id="d-1", quote="q", start=0, end=v, reason="r"),
}


def test_every_integer_field_is_listed() -> None:
    """The table above misses no integer field of any model (PartialDate's parts have their own bounds)."""
    found = set()
    for model in vars(m).values():
        if isinstance(model, type) and attrs.has(model) and model is not m.PartialDate:
            hints = attrs.resolve_types(model)
            found |= {f"{model.__name__}.{f.name}" for f in attrs.fields(hints) if "int" in str(f.type)}
    assert found == set(INTEGER_FIELDS)


@pytest.mark.parametrize("field", INTEGER_FIELDS)
def test_the_largest_integer_is_kept(field: str) -> None:
    record = INTEGER_FIELDS[field](INT64_MAX)
    assert getattr(record, field.partition(".")[2]) == INT64_MAX


@pytest.mark.parametrize(
    "value", [INT64_MAX + 1, 2**64, 10**30, 10**5000], ids=["2**63", "2**64", "10**30", "10**5000"]
)
@pytest.mark.parametrize("field", INTEGER_FIELDS)
def test_integers_past_sqlite_are_refused(field: str, value: int) -> None:
    name = field.partition(".")[2]
    with pytest.raises(ValueError, match=rf"^{name} must be .*within -9223372036854775808\.\.9223372036854775807"):
        INTEGER_FIELDS[field](value)


@pytest.mark.parametrize("field", ["Statistic.value", "Ask.number"])
def test_the_smallest_integer_is_kept_and_one_less_refused(field: str) -> None:
    assert INTEGER_FIELDS[field](INT64_MIN) is not None
    with pytest.raises(ValueError, match="within"):
        INTEGER_FIELDS[field](INT64_MIN - 1)


@pytest.mark.parametrize("value", [1e30, -1e19, 9.3e18, float("inf"), float("-inf"), float("nan")])
def test_a_float_value_outside_the_range_is_refused(value: float) -> None:
    """One range for int and float values: a JSON Schema cannot tell 1e30 from 10**30."""
    with pytest.raises(ValueError, match=r"^value must be a finite number within"):
        _statistic(value=value)


@pytest.mark.parametrize("value", [9.2e18, -9.2e18, 0.5, -0.0, 5e-324])
def test_a_float_value_inside_the_range_is_kept(value: float) -> None:
    assert _statistic(value=value).value == value


@pytest.mark.parametrize(
    ("filename", "record_id", "path", "value"),
    [
        ("statistics.json", "pledge-mayoral-2024-s02", ("value",), 2**63),
        ("statistics.json", "pledge-mayoral-2024-s02", ("value",), 10**30),
        ("statistics.json", "pledge-mayoral-2024-s02", ("value",), 1e30),
        ("statistics.json", "pledge-mayoral-2024-s02", ("end",), 2**63),
        ("campaigns.json", "mayoral-pledge-2024", ("asks", 0, "number"), 2**63),
        ("campaigns.json", "mayoral-pledge-2024", ("audience_evidence", 0, "start"), 2**64),
        ("signatures.json", "mayoral-pledge-2024-01", ("position",), 2**63),
    ],
)
def test_a_number_past_sqlite_is_refused_with_its_path(
    data_dir: Path, filename: str, record_id: str, path: tuple[str | int, ...], value: float
) -> None:
    """The values #19 found loading and then failing in export_sqlite with an OverflowError."""
    records = _read(data_dir, filename)
    index = _index(records, record_id)
    target: Any = records[index]
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    _write(data_dir, filename, records)
    where = f"$[{index}]" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in path)
    assert any(p.startswith(f"{filename}: {where}: ") and "within" in p for p in _problems(data_dir))


def test_the_extreme_values_that_load_export_and_read_back(data_dir: Path, tmp_path: Path) -> None:
    """What the models accept, every export holds: SQLite reads the limits back exactly."""
    statistics = _read(data_dir, "statistics.json")
    statistics[0]["value"] = INT64_MAX
    statistics[1]["value"] = INT64_MIN
    statistics[2]["value"] = 9.2e18
    _write(data_dir, "statistics.json", statistics)
    campaigns = _read(data_dir, "campaigns.json")
    campaigns[1]["asks"][0]["number"] = INT64_MAX
    _write(data_dir, "campaigns.json", campaigns)
    ds = modslavery.Dataset.from_directory(data_dir)
    database = modslavery.export_sqlite(tmp_path / "out.db", ds)
    with sqlite3.connect(database) as connection:
        values = dict(connection.execute("SELECT id, value FROM statistics"))
        numbers = {row[0] for row in connection.execute("SELECT number FROM campaign_asks")}
    connection.close()
    assert (values[statistics[0]["id"]], values[statistics[1]["id"]]) == (INT64_MAX, INT64_MIN)
    assert values[statistics[2]["id"]] == 9.2e18
    assert INT64_MAX in numbers
    modslavery.export_csv(tmp_path / "csv", ds)
    modslavery.export_json(tmp_path / "json", ds)
    again = modslavery.Dataset.from_directory(tmp_path / "json")
    assert again.statistics[statistics[0]["id"]].value == INT64_MAX


# -- dates: the end is not before the start ---------------------------------------------------


@given(start=partial_dates(), end=partial_dates(), model=st.sampled_from(["Period", "DateClaim"]))
def test_end_before_start_is_refused_exactly_when_no_day_fits(
    start: m.PartialDate, end: m.PartialDate, model: str
) -> None:
    """Worked out here with datetime: refused when the start's first possible day is after the end's last."""

    def build() -> object:
        if model == "Period":
            return m.Period(label=None, start=start, end=end, basis=m.Basis.STATED)
        return m.DateClaim(start=start, end=end, basis=m.Basis.STATED)

    if earliest_day(start) > latest_day(end):
        with pytest.raises(ValueError, match=rf"^end \({end}\) is before start \({start}\)$"):
            build()
    else:
        assert build() is not None


@pytest.mark.parametrize(
    ("start", "end", "kept"),
    [
        ("2016-05", "2016", True),  # May 2016 lies within 2016
        ("2016", "2016-05", True),
        ("2016-06-02", "2016-06", True),
        ("2016", "2016", True),
        ("2017", "2016-12", False),
        ("2016-06-02", "2016-06-01", False),
        ("2016-07", "2016-06-30", False),
    ],
)
def test_dates_of_different_precision(start: str, end: str, kept: bool) -> None:
    """The documented reading: compared at the coarser precision."""
    bounds = {"start": m.PartialDate.parse(start), "end": m.PartialDate.parse(end)}
    if kept:
        assert m.Period(label=None, basis=m.Basis.STATED, **bounds).end == bounds["end"]
    else:
        with pytest.raises(ValueError, match="is before start"):
            m.Period(label=None, basis=m.Basis.STATED, **bounds)


def test_open_ended_dates_are_kept() -> None:
    assert m.DateClaim(start=m.PartialDate(2015), end=None, basis=m.Basis.INFERRED).end is None
    assert m.Period(label=None, start=None, end=m.PartialDate(1), basis=m.Basis.INFERRED).start is None


def test_a_period_ending_before_it_starts_is_refused_with_its_path(data_dir: Path) -> None:
    statistics = _read(data_dir, "statistics.json")
    index = _index(statistics, "pledge-mayoral-2024-s02")
    assert statistics[index]["period"]["start"] == "2023"
    statistics[index]["period"]["end"] = "2022-12"
    _write(data_dir, "statistics.json", statistics)
    assert _problems(data_dir) == (f"statistics.json: $[{index}].period.end: end (2022-12) is before start (2023)",)


def test_a_date_claim_ending_before_it_starts_is_refused_with_its_path(data_dir: Path) -> None:
    documents = _read(data_dir, "documents.json")
    index = _index(documents, "blog-victims-minister")
    documents[index]["updated"]["end"] = "2013-06-23"  # updated 24 June 2013
    _write(data_dir, "documents.json", documents)
    assert _problems(data_dir) == (
        f"documents.json: $[{index}].updated.end: end (2013-06-23) is before start (2013-06-24)",
    )


# -- names that say something -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "field"), [("entities.json", "name"), ("measures.json", "label"), ("measures.json", "description")]
)
def test_an_empty_name_or_label_is_refused(data_dir: Path, filename: str, field: str) -> None:
    records = _read(data_dir, filename)
    records[1][field] = ""
    _write(data_dir, filename, records)
    (problem,) = _problems(data_dir)
    assert problem.startswith(f"{filename}: $[1].{field}: Length of '{field}' must be >= 1")


BAD_SOURCE_FILES = ["../../../../etc/passwd", "/etc/passwd", "..", ".", "", "a/b.txt", "a\\b.txt", "C:x.txt", "a\0b"]


@pytest.mark.parametrize("name", BAD_SOURCE_FILES)
def test_a_source_file_that_is_not_a_plain_name_is_refused(data_dir: Path, name: str) -> None:
    """It is never opened, but the data package would copy it into datapackage.json (#19)."""
    documents = _read(data_dir, "documents.json")
    documents[2]["source_file"] = name
    _write(data_dir, "documents.json", documents)
    (problem,) = _problems(data_dir)
    assert problem.startswith("documents.json: $[2].source_file: source_file must be a plain file name")


@pytest.mark.parametrize("name", ["000_669648fc85cf14e0.txt", "...", "a b.txt", "é.txt", ".hidden"])
def test_a_plain_source_file_is_kept(name: str, ds: modslavery.Dataset) -> None:
    document = ds.documents[ds.documents.ids[0]]
    assert attrs.evolve(document, source_file=name).source_file == name


# -- cross-record rules -------------------------------------------------------------------------


def test_a_statistic_converting_itself_is_refused(data_dir: Path) -> None:
    statistics = _read(data_dir, "statistics.json")
    index = _index(statistics, "news-jstac-launch-s02")
    statistics[index]["conversion_of_id"] = statistics[index]["id"]
    _write(data_dir, "statistics.json", statistics)
    assert _problems(data_dir) == (
        f"statistics.json: $[{index}].conversion_of_id: a statistic cannot be a conversion of itself",
    )


def test_a_support_statistic_of_another_document_is_refused(data_dir: Path) -> None:
    campaigns = _read(data_dir, "campaigns.json")
    index = _index(campaigns, "mayoral-pledge-2024")
    campaigns[index]["support_statistic_id"] = "op-ed-stroud-s01"
    _write(data_dir, "campaigns.json", campaigns)
    assert _problems(data_dir) == (
        (
            f"campaigns.json: $[{index}].support_statistic_id: statistic 'op-ed-stroud-s01' is from document "
            "'op-ed-stroud', not the campaign's 'pledge-mayoral-2024'"
        ),
    )


def test_the_bundled_support_statistic_is_of_its_campaign(ds: modslavery.Dataset) -> None:
    campaign = ds.campaigns["mayoral-pledge-2024"]
    assert ds.statistics[campaign.support_statistic_id].document_id == campaign.document_id


@pytest.mark.parametrize(
    ("where", "name", "message"),
    [
        (("name",), "Baroness Stroud", "'Baroness Stroud' also names entity 'baroness-stroud' (at $[0].name)"),
        (("name",), "baroness  STROUD", "'baroness  STROUD' also names entity 'baroness-stroud' (at $[0].name)"),
        (("aliases", 0), "Mrs May", "'Mrs May' also names entity 'theresa-may' (at $[2].aliases[0])"),
        (("aliases", 0), "Unseen UK", "'Unseen UK' also names organisation 'unseen'"),
        (("aliases", 0), "the unseen", "'the unseen' also names organisation 'unseen'"),
        (("aliases", 0), "NCA", "'NCA' also names organisation 'national-crime-agency'"),
        (("aliases", 0), "--", "name '--' has no letters or digits"),
    ],
)
def test_an_entity_name_that_names_something_else_is_refused(
    data_dir: Path, where: tuple[str | int, ...], name: str, message: str
) -> None:
    """documents_mentioning() picked one of two owners silently before #19; names compare by name_key."""
    entities = _read(data_dir, "entities.json")
    index = _index(entities, "fiona-hill")
    assert index > 2  # after the entities the messages point back at
    if where == ("name",):
        entities[index]["name"] = name
    else:
        entities[index]["aliases"] = [name]
    _write(data_dir, "entities.json", entities)
    path = f"$[{index}].name" if where == ("name",) else f"$[{index}].aliases[0]"
    assert _problems(data_dir) == (f"entities.json: {path}: {message}",)


def test_an_entity_may_repeat_its_own_name(data_dir: Path) -> None:
    """A name and an alias of one entity that fold together clash with nothing."""
    entities = _read(data_dir, "entities.json")
    entities[0]["aliases"] = ["BARONESS STROUD"]
    _write(data_dir, "entities.json", entities)
    assert modslavery.Dataset.from_directory(data_dir).entities[entities[0]["id"]].aliases == ("BARONESS STROUD",)


def test_bundled_entity_names_are_unique_by_name_key(ds: modslavery.Dataset) -> None:
    """Worked out with a plain fold here: no entity name is another entity's or an organisation's."""

    def fold(name: str) -> str:
        return "".join(ch for ch in name.casefold() if ch.isalnum())

    owners: dict[str, str] = {fold(n): org.id for org in ds.organisations for n in org.names}
    for entity in ds.entities:
        for name in {fold(n) for n in (entity.name, *entity.aliases)}:
            assert owners.setdefault(name, entity.id) == entity.id, name
