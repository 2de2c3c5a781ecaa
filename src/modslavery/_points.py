"""
A series as the figures it states: one point per figure, however often a document states it, grouped by area.

Two statistics are one point when one document states the same value, unit
and qualifier of the same measure for the same area and the same period
bounds (the news report gives "108 different countries" twice, once in Amber
Rudd's words). Points are grouped by geography, in the order of
:class:`~modslavery.Geography` with "not stated" last, and keep the series
order within a group. Charts and ``modslavery series`` show points, so they
never repeat a figure or mix areas without saying so.

Example:
    >>> import modslavery
    >>> ds = modslavery.load()
    >>> [(p.geography.value, p.value, p.statistic_ids) for p in series_points(ds.series("nrm-referral-countries"))]
    [('united_kingdom', 108, ('news-jstac-launch-s03', 'news-jstac-launch-s07'))]

"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

from modslavery.models import Basis, Geography, Period, Qualifier, Statistic, Unit

__all__ = ["GEOGRAPHY_NAMES", "SeriesPoint", "geography_name", "series_points"]

#: What charts and tables call each area; ``None`` is a statistic whose text names no area.
GEOGRAPHY_NAMES: dict[Geography | None, str] = {
    Geography.WORLDWIDE: "Worldwide",
    Geography.EUROPE: "Europe",
    Geography.UNITED_KINGDOM: "United Kingdom",
    Geography.ENGLAND_AND_WALES: "England and Wales",
    None: "area not stated",
}
_RANK = {geography: rank for rank, geography in enumerate(GEOGRAPHY_NAMES)}


def geography_name(geography: Geography | None) -> str:
    """
    The name of an area as charts and tables show it.

    Example:
        >>> geography_name(Geography.ENGLAND_AND_WALES), geography_name(None)
        ('England and Wales', 'area not stated')

    """
    return GEOGRAPHY_NAMES[geography]


@frozen
class SeriesPoint:
    """
    One figure of a series and every statistic that states it, in series order.

    Example:
        >>> import modslavery
        >>> point = series_points(modslavery.load().series("nrm-referrals"))[0]
        >>> point.value, point.qualifier.value, point.document_id
        (3800, 'more_than', 'news-jstac-launch')

    """

    statistics: tuple[Statistic, ...]

    @property
    def _first(self) -> Statistic:
        return self.statistics[0]

    @property
    def value(self) -> int | float:
        """The figure."""
        return self._first.value

    @property
    def unit(self) -> Unit:
        """Its unit."""
        return self._first.unit

    @property
    def qualifier(self) -> Qualifier:
        """How the text qualifies it."""
        return self._first.qualifier

    @property
    def geography(self) -> Geography | None:
        """The area it refers to, if the text says."""
        return self._first.geography

    @property
    def document_id(self) -> str:
        """The document that states it."""
        return self._first.document_id

    @property
    def period(self) -> Period | None:
        """Its period: the first one the text states, else the first inferred one."""
        periods = [s.period for s in self.statistics if s.period is not None]
        stated = [p for p in periods if p.basis is Basis.STATED]
        return next(iter(stated or periods), None)

    @property
    def statistic_ids(self) -> tuple[str, ...]:
        """The ids of the statistics that state it."""
        return tuple(s.id for s in self.statistics)


def _key(stat: Statistic) -> tuple[object, ...]:
    period = stat.period
    bounds = (None, None) if period is None else (period.start, period.end)
    return (stat.document_id, stat.measure_id, stat.geography, stat.unit, stat.qualifier, stat.value, *bounds)


def series_points(series: Iterable[Statistic]) -> tuple[SeriesPoint, ...]:
    """
    The points of a series: statistics stating the same figure merged, grouped by geography.

    Example:
        >>> import modslavery
        >>> points = series_points(modslavery.load().series("people-in-modern-slavery"))
        >>> [(geography_name(p.geography), p.value) for p in points]
        [('Worldwide', 45000000), ('United Kingdom', 12000)]

    """
    grouped: dict[tuple[object, ...], list[Statistic]] = {}
    for stat in series:
        grouped.setdefault(_key(stat), []).append(stat)
    points = [SeriesPoint(tuple(stats)) for stats in grouped.values()]
    return tuple(sorted(points, key=lambda point: _RANK[point.geography]))
