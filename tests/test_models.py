"""The models: round trips through the converter, value types, identity rules."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from modslavery import models as m
from modslavery._converter import converter, structure_records, unstructure_records
from strategies import BY_MODEL, partial_dates


def _fields(record: object) -> tuple[object, ...]:
    """Compare all fields, since Organisation's == compares ids only."""
    return attrs.astuple(record, recurse=True)


class TestRoundTrip:
    @pytest.mark.parametrize("model", list(BY_MODEL), ids=lambda model: model.__name__)
    def test_structure_of_unstructure_is_identity(self, model: type) -> None:
        """structure(loads(dumps(unstructure(x)))) == x for every model, through real JSON text."""

        @given(BY_MODEL[model])
        def check(record: object) -> None:
            raw = json.loads(json.dumps(unstructure_records([record])))
            (back,) = structure_records(raw, model, "test.json")
            assert _fields(back) == _fields(record)
            assert type(back.value if isinstance(back, m.Statistic) else 0) is type(
                record.value if isinstance(record, m.Statistic) else 0
            )

        check()

    def test_bundled_json_round_trips_exactly(self, ds) -> None:
        """Unstructuring the loaded data gives back the bundled files' JSON values."""
        from modslavery._files import bundled_files
        from modslavery.dataset import FILES

        folder = bundled_files()
        for filename, attribute, _ in FILES:
            original = json.loads(folder.joinpath(filename).read_text(encoding="utf-8"))
            assert unstructure_records(list(getattr(ds, attribute))) == original, filename


class TestPartialDate:
    @given(partial_dates())
    def test_iso_round_trip(self, date: m.PartialDate) -> None:
        assert m.PartialDate.parse(str(date)) == date

    @pytest.mark.parametrize(("text", "precision"), [("2013", "year"), ("2013-04", "month"), ("2013-04-24", "day")])
    def test_precision(self, text: str, precision: str) -> None:
        assert m.PartialDate.parse(text).precision.value == precision

    @pytest.mark.parametrize("text", ["13", "2013-4", "2013-13", "2013-02-30", "2013-04-24T10:00", "24/04/2013"])
    def test_rejects(self, text: str) -> None:
        with pytest.raises(ValueError):
            m.PartialDate.parse(text)

    def test_day_needs_month(self) -> None:
        with pytest.raises(ValueError, match="a day needs a month"):
            m.PartialDate(2013, None, 4)

    @given(partial_dates(), partial_dates())
    def test_order_follows_the_calendar(self, a: m.PartialDate, b: m.PartialDate) -> None:
        """Dates sort by (year, month, day) with an unknown part before any known one."""

        def key(d: m.PartialDate) -> tuple[int, int, int]:
            return (d.year, d.month or 0, d.day or 0)

        assert (a < b) == (key(a) < key(b))
        assert sorted([a, b]) == sorted([a, b], key=key)


class TestRecords:
    def test_records_are_frozen_and_slotted(self) -> None:
        for model in BY_MODEL:
            assert attrs.has(model)
            assert "__slots__" in model.__dict__, model
            assert model.__setattr__ is not object.__setattr__, model

    def test_collection_fields_are_immutable_types(self) -> None:
        """Every collection-valued field is declared as a tuple."""
        for model in BY_MODEL:
            for field in attrs.fields(model):
                text = str(field.type)
                assert "list[" not in text and "dict[" not in text and "set[" not in text.replace("frozenset[", ""), (
                    model,
                    field.name,
                )

    def test_frozen(self, ds) -> None:
        org = next(iter(ds.organisations))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            org.name = "changed"  # type: ignore[misc]

    def test_organisations_compare_and_hash_by_id(self) -> None:
        a = m.Organisation(id="unseen", name="Unseen UK")
        b = m.Organisation(id="unseen", name="Unseen", aliases=("x",))
        c = m.Organisation(id="other", name="Unseen UK")
        assert a == b and hash(a) == hash(b)
        assert a != c
        assert len({a, b, c}) == 2

    def test_mention_targets_exactly_one(self) -> None:
        with pytest.raises(ValueError, match="exactly one"):
            m.Mention(id="a-b", document_id="d-d", quote="q", start=0, end=1)
        with pytest.raises(ValueError, match="exactly one"):
            m.Mention(id="a-b", document_id="d-d", quote="q", start=0, end=1, organisation_id="o1", entity_id="e1")

    @pytest.mark.parametrize("bad", ["", "A", "has space", "-lead", "trail-", "UPPER"])
    def test_ids_are_slugs(self, bad: str) -> None:
        with pytest.raises(ValueError):
            m.Measure(id=bad, label="l", description="d")

    def test_span_end_before_start(self) -> None:
        with pytest.raises(ValueError, match="before start"):
            m.Evidence(quote="q", start=5, end=4)

    @given(st.sampled_from(list(BY_MODEL)))
    def test_every_model_has_a_readable_repr(self, model: type) -> None:
        assert model.__name__ in repr(model) and model.__doc__


def test_converter_is_one_object() -> None:
    """One configured converter, shared (not cattrs' global one)."""
    import cattrs

    assert converter is not cattrs.global_converter


@given(st.integers(1, 9999), st.integers(1, 12))
def test_days_in_month_agrees_with_the_calendar_module(year: int, month: int) -> None:
    import calendar

    from modslavery.models import _days_in_month

    assert _days_in_month(year, month) == calendar.monthrange(year, month)[1]


@given(st.data())
def test_repr_is_the_one_attrs_would_write(data: st.DataObject) -> None:
    """The shared __repr__ of the models writes what attrs generates for a twin class with repr=True."""
    model = data.draw(st.sampled_from(list(BY_MODEL)))
    record = data.draw(BY_MODEL[model])
    fields = attrs.fields(model)
    twin = attrs.make_class(model.__name__, {a.name: attrs.field(repr=a.repr) for a in fields}, frozen=True)
    assert repr(record) == repr(twin(**{a.name: getattr(record, a.name) for a in fields}))


def test_repr_leaves_out_the_document_text() -> None:
    import modslavery

    document = modslavery.load().documents["op-ed-stroud"]
    assert "text=" not in repr(document) and repr(document).startswith("Document(id='op-ed-stroud', kind=")


def _nested_records(value: object) -> list[object]:
    """Every attrs instance inside *value*, itself included (depth first)."""
    if attrs.has(type(value)):
        found = [value]
        for field in attrs.fields(type(value)):
            found += _nested_records(getattr(value, field.name))
        return found
    if isinstance(value, tuple):
        return [item for element in value for item in _nested_records(element)]
    return []


def test_repr_of_every_bundled_record_and_value_is_the_attrs_one() -> None:
    """Leaves first (dates, evidence) and so, by induction, every record the bundled data holds."""
    import modslavery
    from modslavery.dataset import FILES

    ds = modslavery.load()
    seen: set[type] = set()
    for _, attribute, _ in FILES:
        for record in getattr(ds, attribute):
            for item in _nested_records(record):
                model = type(item)
                seen.add(model)
                fields = attrs.fields(model)
                twin = attrs.make_class(model.__name__, {a.name: attrs.field(repr=a.repr) for a in fields}, frozen=True)
                assert repr(item) == repr(twin(**{a.name: getattr(item, a.name) for a in fields}))
    assert {m.PartialDate, m.Evidence, m.Period, m.DateClaim, m.Author, m.Publisher, m.Ask} <= seen
