"""
The statistics collection: filtering and time series.

Example:
    >>> import modslavery
    >>> stats = modslavery.load().statistics
    >>> [(str(s.period.start), s.value) for s in stats.series("nrm-referrals")]
    [('2016', 3800), ('2023', 17004)]

"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TypeVar

from modslavery._records import Records
from modslavery.models import Document, Entity, Geography, Measure, Qualifier, Statistic, Unit

__all__ = ["Statistics"]

E = TypeVar("E", bound=enum.Enum)
R = TypeVar("R", Document, Measure, Entity)


def _a(noun: str) -> str:
    return ("an " if noun[0] in "AEIO" else "a ") + noun  # "a Unit", "an Entity"


def _id(name: str, value: object, record: type[Document | Measure | Entity]) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, record):
        return value.id
    msg = f"{name}= takes {_a(record.__name__)} or its id (a str), not {type(value).__name__} {value!r}"
    raise TypeError(msg)


def _member(name: str, value: object, vocabulary: type[E]) -> E | None:
    if value is None or isinstance(value, vocabulary):
        return value
    if not isinstance(value, str):
        msg = f"{name}= takes {_a(vocabulary.__name__)} or its value (a str), not {type(value).__name__} {value!r}"
        raise TypeError(msg)
    try:
        return vocabulary(value)
    except ValueError:
        values = ", ".join(str(member.value) for member in vocabulary)
        msg = f"no {name} {value!r}; {name.replace('_', ' ')} values are: {values}"
        raise ValueError(msg) from None


def _year(value: object) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    msg = f"year= takes a whole number such as 2022, not {type(value).__name__} {value!r}"
    raise TypeError(msg)


def _covers(stat: Statistic, year: int) -> bool:
    period = stat.period
    if period is None or (period.start is None and period.end is None):
        return False
    first = period.start.year if period.start is not None else None
    last = period.end.year if period.end is not None else None
    return (first is None or first <= year) and (last is None or year <= last)


def _period_order(stat: Statistic) -> tuple[tuple[int, int, int], str]:
    return (stat.period.sort_key if stat.period else (9999, 99, 99), stat.id)


class Statistics(Records[Statistic]):
    """
    Statistics with :meth:`filter` and :meth:`series`, which return statistics too.

    A data set's statistics know its documents, measures and entities, so a
    criterion naming an id that is not in the data raises
    :class:`~modslavery.NotFound` with the closest ids; a collection made
    without them (``Statistics(records)``) checks no ids.

    Example:
        >>> import modslavery
        >>> [s.id for s in modslavery.load().statistics.filter(unit="GBP")]
        ['blog-victims-minister-s02', 'news-jstac-launch-s01']

    """

    __slots__ = ("_documents", "_entities", "_measures")
    _documents: Records[Document] | None
    _entities: Records[Entity] | None
    _measures: Records[Measure] | None

    def __init__(
        self,
        items: Iterable[Statistic],
        *,
        documents: Records[Document] | None = None,
        measures: Records[Measure] | None = None,
        entities: Records[Entity] | None = None,
    ) -> None:
        set_field = object.__setattr__  # past ReadOnly's refusal, as in Records
        set_field(self, "_documents", documents)
        set_field(self, "_measures", measures)
        set_field(self, "_entities", entities)
        super().__init__(items, kind="statistic")

    def _derive(self, items: Iterable[Statistic]) -> Statistics:
        return Statistics(items, documents=self._documents, measures=self._measures, entities=self._entities)

    def filter(
        self,
        *,
        document: Document | str | None = None,
        measure: Measure | str | None = None,
        unit: Unit | str | None = None,
        geography: Geography | str | None = None,
        qualifier: Qualifier | str | None = None,
        year: int | None = None,
        speaker: Entity | str | None = None,
    ) -> Statistics:
        """
        The statistics that match every criterion given, in data order.

        *year* keeps statistics whose period includes that year; *speaker* is the
        person quoted (an :class:`~modslavery.Entity` or its id). Enum criteria
        take the member or its value.

        Raises:
            NotFound: a document, measure or speaker id that is not in the data; the message names the closest ids.
            ValueError: a unit, geography or qualifier that is not in its vocabulary; the message lists the values.
            TypeError: a criterion of the wrong type, such as ``year="2022"``; the message says what is expected.

        Example:
            >>> import modslavery
            >>> stats = modslavery.load().statistics
            >>> [s.value for s in stats.filter(geography="england_and_wales", year=2022)]
            [10454, 1, 95]
            >>> stats.filter(document="op-ed")
            Traceback (most recent call last):
            ...
            modslavery.errors.NotFound: no document with id 'op-ed'; did you mean 'op-ed-stroud'?

        """
        document_id = _known(_id("document", document, Document), self._documents)
        measure_id = _known(_id("measure", measure, Measure), self._measures)
        speaker_id = _known(_id("speaker", speaker, Entity), self._entities)
        unit_ = _member("unit", unit, Unit)
        geography_ = _member("geography", geography, Geography)
        qualifier_ = _member("qualifier", qualifier, Qualifier)
        year_ = _year(year)
        return self._derive(
            s
            for s in self._items
            if (document_id is None or s.document_id == document_id)
            and (measure_id is None or s.measure_id == measure_id)
            and (unit_ is None or s.unit is unit_)
            and (geography_ is None or s.geography is geography_)
            and (qualifier_ is None or s.qualifier is qualifier_)
            and (year_ is None or _covers(s, year_))
            and (speaker_id is None or s.speaker_id == speaker_id)
        )

    def series(
        self,
        measure: Measure | str,
        *,
        unit: Unit | str | None = None,
        geography: Geography | str | None = None,
    ) -> Statistics:
        """
        The statistics of one measure ordered by period (undated ones last), then by id.

        Pass *unit* to keep one unit where a measure is stated in several (such
        as GBP and USD), and *geography* to keep one area. A series may hold two
        statistics of one document that state the same figure twice;
        :func:`modslavery.plot.statistic_series` draws them as one mark.

        Example:
            >>> import modslavery
            >>> [s.value for s in modslavery.load().statistics.series("government-funding", unit="GBP")]
            [2000000, 1000000]

        """
        chosen = self.filter(measure=measure, unit=unit, geography=geography)
        return self._derive(sorted(chosen, key=_period_order))


def _known(record_id: str | None, records: Records[R] | None) -> str | None:
    """*record_id* once *records* (when known) has it; else :class:`~modslavery.NotFound` naming the closest ids."""
    if record_id is None or records is None:
        return record_id
    return records[record_id].id
