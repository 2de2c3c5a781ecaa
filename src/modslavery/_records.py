"""
Immutable, ordered, id-indexed collections of records.

Example:
    >>> from modslavery.models import Measure
    >>> coll = Records([Measure(id="a-b", label="A", description="d")], kind="measure")
    >>> len(coll), "a-b" in coll, coll["a-b"].label, coll[0].id
    (1, True, 'A', 'a-b')

"""

from __future__ import annotations

import operator
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, Protocol, SupportsIndex, TypeVar, overload

from modslavery._html import records_html
from modslavery._readonly import ReadOnly
from modslavery._similar import TrigramIndex
from modslavery.errors import NotFound

__all__ = ["Records"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_HasId)
D = TypeVar("D")


# Generic, not a Sequence subclass, so that type checkers allow "an-id" in coll (an id is not a record);
# registered as a Sequence below, so isinstance(coll, Sequence) holds at run time.
class Records(ReadOnly, Generic[R]):
    """
    An immutable sequence of records in source order, indexed by id.

    Supports ``len()``, iteration, ``id in coll`` (or ``record in coll``),
    ``coll[id]`` (raises :class:`modslavery.NotFound`, a ``KeyError``),
    ``coll.get(id, default=None)``, and, as a sequence, ``coll[0]``,
    ``coll[-1]`` and ``coll[:3]`` (a slice is a collection too). Ids are
    strings, so a number is always a position. Two collections, or a
    collection and a tuple, are equal when they hold the same records in the
    same order.

    Example:
        >>> import modslavery
        >>> docs = modslavery.load().documents
        >>> docs.get("no-such-document") is None
        True
        >>> [d.id for d in docs[:2]], docs[-1].id
        (['op-ed-stroud', 'blog-victims-minister'], 'news-jstac-launch')

    """

    __slots__ = ("_by_id", "_id_index", "_items", "_kind")
    _items: tuple[R, ...]
    _by_id: dict[str, R]
    _kind: str
    _id_index: TrigramIndex | None

    def __init__(self, items: Iterable[R], *, kind: str) -> None:
        items = tuple(items)
        set_field = object.__setattr__  # past ReadOnly's refusal
        set_field(self, "_items", items)
        # Later duplicates would shadow earlier ones; a Dataset refuses duplicate ids first.
        set_field(self, "_by_id", {record.id: record for record in items})
        set_field(self, "_kind", kind)
        set_field(self, "_id_index", None)  # for suggestions after a miss: built on the first one

    def __len__(self) -> int:
        """The number of records."""
        return len(self._items)

    def __iter__(self) -> Iterator[R]:
        """The records in source order."""
        return iter(self._items)

    def __reversed__(self) -> Iterator[R]:
        """The records in reverse source order."""
        return reversed(self._items)

    def index(self, record: object, start: int = 0, stop: int = sys.maxsize) -> int:
        """
        The position of *record* (between *start* and *stop*), as for any sequence.

        Raises:
            ValueError: the record is not there.

        Example:
            >>> import modslavery
            >>> docs = modslavery.load().documents
            >>> docs.index(docs["pledge-mayoral-2024"])
            3

        """
        return self._items.index(record, start, stop)

    def count(self, record: object) -> int:
        """
        How many times *record* is in the collection (0 or 1, since ids are unique).

        Example:
            >>> import modslavery
            >>> docs = modslavery.load().documents
            >>> docs.count(docs[0])
            1

        """
        return self._items.count(record)

    def __contains__(self, item: object) -> bool:
        """Whether an id (or a record with that id) is in the collection."""
        if isinstance(item, str):
            return item in self._by_id
        return getattr(item, "id", None) in self._by_id and self._by_id[item.id] == item  # type: ignore[attr-defined]

    @overload
    def __getitem__(self, key: str) -> R: ...
    @overload
    def __getitem__(self, key: SupportsIndex) -> R: ...
    @overload
    def __getitem__(self, key: slice) -> Records[R]: ...
    def __getitem__(self, key: str | SupportsIndex | slice) -> R | Records[R]:
        """
        The record with this id, the record at this position, or a slice of the collection.

        Raises:
            NotFound: no record has this id; the message names the closest ids.
            IndexError: no record is at this position.

        """
        if isinstance(key, str):
            try:
                return self._by_id[key]
            except KeyError:
                raise self._not_found(key) from None
        if isinstance(key, slice):
            return self._derive(self._items[key])
        if isinstance(key, bool) or not hasattr(key, "__index__"):
            raise self._not_found(key)
        try:
            return self._items[key]
        except IndexError:
            msg = f"no {self._kind} at position {operator.index(key)}: there are {len(self._items)}"
            raise IndexError(msg) from None

    def __eq__(self, other: object) -> bool:
        """The same records in the same order as another collection or a tuple."""
        if isinstance(other, Records):
            return self._items == other._items
        if isinstance(other, tuple):
            return self._items == other
        return NotImplemented

    def __hash__(self) -> int:
        """The hash of a tuple of the same records, as equality requires."""
        return hash(self._items)

    def _derive(self, items: Iterable[R]) -> Records[R]:
        """A collection of the same kind holding *items* (subclasses keep what they know)."""
        return Records(items, kind=self._kind)

    @overload
    def get(self, record_id: str) -> R | None: ...
    @overload
    def get(self, record_id: str, default: D) -> R | D: ...
    def get(self, record_id: str, default: object = None) -> object:
        """
        The record with this id, or *default*.

        Example:
            >>> import modslavery
            >>> modslavery.load().campaigns.get("nope", "missing")
            'missing'

        """
        try:
            return self._by_id.get(record_id, default)
        except TypeError:  # an unhashable argument cannot be an id
            return default

    @property
    def ids(self) -> tuple[str, ...]:
        """
        The ids in source order.

        Example:
            >>> import modslavery
            >>> modslavery.load().campaigns.ids
            ('general-election-statement', 'mayoral-pledge-2024')

        """
        return tuple(self._by_id)

    def __repr__(self) -> str:
        """A short summary: the kind, the count and the first ids."""
        if not self._items:
            return f"<{type(self).__name__} of 0 {self._kind} records>"
        shown = ", ".join(repr(i) for i in list(self._by_id)[:3])
        more = ", ..." if len(self._items) > 3 else ""  # noqa: PLR2004
        return f"<{type(self).__name__} of {len(self._items)} {self._kind} record(s): {shown}{more}>"

    def _repr_html_(self) -> str:
        """The first records as an HTML table, for Jupyter (values escaped)."""
        return records_html(self._items, self._kind)

    def _not_found(self, record_id: object) -> NotFound:
        ids = list(self._by_id)
        close: list[str] = []
        if isinstance(record_id, str):
            index = self._id_index
            if index is None:
                # Idempotent: racing threads build equal indexes, and either may be kept.
                index = TrigramIndex(ids)
                object.__setattr__(self, "_id_index", index)
            # Most of the asked id's trigrams in an id: a typo, or a part of it ('op-ed' in 'op-ed-stroud').
            close = [ids[position] for position, _ in index.similar(record_id, 0.6, within=True)[:3]]
        if close:
            hint = "did you mean " + ", ".join(repr(c) for c in close) + "?"
        elif not isinstance(record_id, str):
            hint = "a collection takes an id (a str), a position (an int) or a slice"
        elif len(ids) <= 20:  # noqa: PLR2004 - up to a screen line or two: still worth listing
            hint = "ids are: " + ", ".join(ids)
        else:
            hint = f"{len(ids)} ids, see .ids"
        shown = record_id if not isinstance(record_id, str) or len(record_id) <= 100 else record_id[:100] + "..."  # noqa: PLR2004
        return NotFound(f"no {self._kind} with id {shown!r}; {hint}", candidates=close)


Sequence.register(Records)
