"""Filtering statistics and reading them as a series (issue #5)."""

from __future__ import annotations

import pytest

import modslavery
from modslavery.models import Geography, Unit


def test_filter_by_each_field_agrees_with_a_plain_comprehension(ds) -> None:
    stats = list(ds.statistics)
    assert ds.statistics.filter(document="news-jstac-launch") == tuple(
        s for s in stats if s.document_id == "news-jstac-launch"
    )
    assert ds.statistics.filter(measure="nrm-referrals") == tuple(s for s in stats if s.measure_id == "nrm-referrals")
    assert ds.statistics.filter(unit=Unit.PERCENT) == ds.statistics.filter(unit="percent")
    assert ds.statistics.filter(geography=Geography.WORLDWIDE) == tuple(
        s for s in stats if s.geography is Geography.WORLDWIDE
    )
    assert ds.statistics.filter(speaker="amber-rudd") == tuple(s for s in stats if s.speaker_id == "amber-rudd")
    assert ds.statistics.filter(qualifier="more_than") == tuple(s for s in stats if s.qualifier.value == "more_than")
    assert ds.statistics.filter() == tuple(stats)


def test_filter_accepts_records(ds) -> None:
    doc = ds.documents["pledge-mayoral-2024"]
    measure = ds.measures["nrm-referrals"]
    (stat,) = ds.statistics.filter(document=doc, measure=measure)
    assert stat.value == 17004


def test_filter_by_year_uses_the_period(ds) -> None:
    for year in (2013, 2016, 2022, 2023):
        for stat in ds.statistics.filter(year=year):
            assert stat.period is not None
            assert stat.period.start.year <= year <= stat.period.end.year
    # the blog's 18 months (October 2011 to April 2013) cover 2012, a year the text never names
    assert {s.document_id for s in ds.statistics.filter(year=2012)} == {"blog-victims-minister"}
    assert ds.statistics.filter(year=1999) == ()


def test_statistics_of_a_document_in_text_order(ds) -> None:
    for doc in ds.documents:
        stats = ds.statistics_of(doc)
        assert [s.start for s in stats] == sorted(s.start for s in stats)
        assert set(stats) == set(ds.statistics.filter(document=doc.id))


def test_series_orders_by_period(ds) -> None:
    series = ds.series("nrm-referrals")
    keys = [s.period.sort_key for s in series]
    assert keys == sorted(keys)
    assert [s.qualifier.value for s in series] == ["more_than", "exact"]


def test_series_by_unit(ds) -> None:
    assert {s.unit for s in ds.series("government-funding", unit="USD")} == {Unit.USD}


def test_bad_criteria(ds) -> None:
    with pytest.raises(modslavery.NotFound, match="no measure with id 'nrm'"):
        ds.statistics.filter(measure="nrm")
    with pytest.raises(ValueError):
        ds.statistics.filter(unit="furlongs")


class TestRefusals:
    """Issue #20: an unknown id is NotFound with the closest ids, a wrong type a TypeError saying what is expected."""

    @pytest.mark.parametrize(
        ("criterion", "value", "message", "closest"),
        [
            ("document", "op-ed", "no document with id 'op-ed'; did you mean 'op-ed-stroud'?", "op-ed-stroud"),
            ("speaker", "rudd", "no entity with id 'rudd'; did you mean 'amber-rudd'?", "amber-rudd"),
            ("measure", "nrm-referral", "no measure with id 'nrm-referral'; did you mean", "nrm-referrals"),
        ],
    )
    def test_unknown_ids(self, ds, criterion, value, message, closest) -> None:
        with pytest.raises(modslavery.NotFound) as info:
            ds.statistics.filter(**{criterion: value})
        assert str(info.value).startswith(message)
        assert closest in info.value.candidates

    def test_the_suggestions_are_real_ids(self, ds) -> None:
        """The ids suggested are the data's: the document the user meant, and a person who is quoted."""
        assert "op-ed-stroud" in ds.documents
        assert ds.entities["amber-rudd"].kind.value == "person"
        assert ds.statistics.filter(speaker="amber-rudd")

    @pytest.mark.parametrize(
        ("criteria", "message"),
        [
            ({"year": "2022"}, "year= takes a whole number such as 2022, not str '2022'"),
            ({"year": 2022.0}, "year= takes a whole number such as 2022, not float 2022.0"),
            ({"year": True}, "year= takes a whole number such as 2022, not bool True"),
            ({"document": 3}, "document= takes a Document or its id (a str), not int 3"),
            ({"speaker": 3}, "speaker= takes an Entity or its id (a str), not int 3"),
            ({"unit": 3}, "unit= takes a Unit or its value (a str), not int 3"),
        ],
    )
    def test_wrong_types(self, ds, criteria, message) -> None:
        with pytest.raises(TypeError) as info:
            ds.statistics.filter(**criteria)
        assert str(info.value) == message

    def test_a_record_of_another_kind_is_a_wrong_type(self, ds) -> None:
        with pytest.raises(TypeError, match="document= takes a Document"):
            ds.statistics.filter(document=ds.measures["nrm-referrals"])

    def test_a_value_outside_the_vocabulary_lists_the_values(self, ds) -> None:
        with pytest.raises(ValueError, match=r"no unit 'pounds'; unit values are: people, .*, GBP, USD") as info:
            ds.statistics.filter(unit="pounds")
        assert not isinstance(info.value, modslavery.NotFound)

    def test_series_refuses_the_same_way(self, ds) -> None:
        with pytest.raises(modslavery.NotFound, match="did you mean 'nrm-referrals'"):
            ds.series("nrm-referals")
        with pytest.raises(ValueError, match="no geography 'uk'"):
            ds.series("nrm-referrals", geography="uk")

    def test_series_by_geography(self, ds) -> None:
        uk = ds.series("people-in-modern-slavery", geography="united_kingdom")
        assert [s.value for s in uk] == [12000]
