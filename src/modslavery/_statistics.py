"""
The statistics collection: filtering and time series.

Example:
    >>> import modslavery
    >>> stats = modslavery.load().statistics
    >>> [(str(s.period.start), s.value) for s in stats.series("nrm-referrals")]
    [('2016', 3800), ('2023', 17004)]

"""

from __future__ import annotations

from collections.abc import Iterable

from modslavery._records import Records
from modslavery.errors import NotFound
from modslavery.models import Document, Geography, Measure, Qualifier, Statistic, Unit

__all__ = ["Statistics"]


def _id(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (Document, Measure)):
        return value.id
    if isinstance(value, str):
        return value
    msg = f"expected a record or an id, not {type(value).__name__}"
    raise TypeError(msg)


def _covers(stat: Statistic, year: int) -> bool:
    period = stat.period
    if period is None or (period.start is None and period.end is None):
        return False
    first = period.start.year if period.start is not None else None
    last = period.end.year if period.end is not None else None
    return (first is None or first <= year) and (last is None or year <= last)


class Statistics(Records[Statistic]):
    """
    Statistics with :meth:`filter` and :meth:`series`.

    Example:
        >>> import modslavery
        >>> [s.id for s in modslavery.load().statistics.filter(unit="GBP")]
        ['blog-victims-minister-s02', 'news-jstac-launch-s01']

    """

    __slots__ = ("_measures",)
    _measures: frozenset[str]

    def __init__(self, items: Iterable[Statistic], *, measures: Iterable[str] = ()) -> None:
        object.__setattr__(self, "_measures", frozenset(measures))  # past the read-only __setattr__, as in Records
        super().__init__(items, kind="statistic")

    def filter(
        self,
        *,
        document: Document | str | None = None,
        measure: Measure | str | None = None,
        unit: Unit | str | None = None,
        geography: Geography | str | None = None,
        qualifier: Qualifier | str | None = None,
        year: int | None = None,
        speaker: str | None = None,
    ) -> tuple[Statistic, ...]:
        """
        The statistics that match every criterion given, in data order.

        *year* keeps statistics whose period includes that year; *speaker* is a
        person's entity id. Enum criteria take the member or its value.

        Raises:
            ValueError: a unit, geography or qualifier that is not in its vocabulary.
            NotFound: a measure id that is not in the data.

        Example:
            >>> import modslavery
            >>> [s.value for s in modslavery.load().statistics.filter(geography="england_and_wales", year=2022)]
            [10454, 1, 95]

        """
        measure_id = _id(measure)
        if measure_id is not None and measure_id not in self._measures:
            msg = f"no measure with id {measure_id!r}; measures are: {', '.join(sorted(self._measures))}"
            raise NotFound(msg)
        document_id = _id(document)
        unit_ = None if unit is None else Unit(unit)
        geography_ = None if geography is None else Geography(geography)
        qualifier_ = None if qualifier is None else Qualifier(qualifier)
        return tuple(
            s
            for s in self._items
            if (document_id is None or s.document_id == document_id)
            and (measure_id is None or s.measure_id == measure_id)
            and (unit_ is None or s.unit is unit_)
            and (geography_ is None or s.geography is geography_)
            and (qualifier_ is None or s.qualifier is qualifier_)
            and (year is None or _covers(s, year))
            and (speaker is None or s.speaker_id == speaker)
        )

    def series(self, measure: Measure | str, *, unit: Unit | str | None = None) -> tuple[Statistic, ...]:
        """
        The statistics of one measure ordered by period (undated ones last).

        Pass *unit* to keep one unit where a measure is stated in several (such as GBP and USD).

        Example:
            >>> import modslavery
            >>> [s.value for s in modslavery.load().statistics.series("government-funding", unit="GBP")]
            [2000000, 1000000]

        """
        chosen = self.filter(measure=measure, unit=unit)
        return tuple(sorted(chosen, key=lambda s: (s.period.sort_key if s.period else (9999, 99, 99), s.id)))
