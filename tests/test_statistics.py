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
