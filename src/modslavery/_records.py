"""
Immutable, ordered, id-indexed collections of records.

Example:
    >>> from modslavery.models import Measure
    >>> coll = Records([Measure(id="a-b", label="A", description="d")], kind="measure")
    >>> len(coll), "a-b" in coll, coll["a-b"].label
    (1, True, 'A')

"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Generic, Protocol, TypeVar, overload

from modslavery._html import records_html
from modslavery._similar import TrigramIndex
from modslavery.errors import NotFound

__all__ = ["Records"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_HasId)
D = TypeVar("D")


class Records(Generic[R]):
    """
    An immutable sequence of records in source order, indexed by id.

    Supports ``len()``, iteration, ``id in coll`` (or ``record in coll``),
    ``coll[id]`` (raises :class:`modslavery.NotFound`, a ``KeyError``) and
    ``coll.get(id, default=None)``.

    Example:
        >>> import modslavery
        >>> docs = modslavery.load().documents
        >>> docs.get("no-such-document") is None
        True
        >>> [d.id for d in docs][:2]
        ['op-ed-stroud', 'blog-victims-minister']

    """

    __slots__ = ("_by_id", "_id_index", "_items", "_kind")
    _items: tuple[R, ...]
    _by_id: dict[str, R]
    _kind: str
    _id_index: TrigramIndex | None

    def __init__(self, items: Iterable[R], *, kind: str) -> None:
        items = tuple(items)
        set_field = object.__setattr__  # past the read-only __setattr__
        set_field(self, "_items", items)
        # Later duplicates would shadow earlier ones; a Dataset refuses duplicate ids first.
        set_field(self, "_by_id", {record.id: record for record in items})
        set_field(self, "_kind", kind)
        set_field(self, "_id_index", None)  # for suggestions after a miss: built on the first one

    def __setattr__(self, name: str, value: Any) -> None:
        """Collections are read-only."""
        msg = f"{type(self).__name__} is immutable"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        """Collections are read-only."""
        msg = f"{type(self).__name__} is immutable"
        raise AttributeError(msg)

    def __len__(self) -> int:
        """The number of records."""
        return len(self._items)

    def __iter__(self) -> Iterator[R]:
        """The records in source order."""
        return iter(self._items)

    def __contains__(self, item: object) -> bool:
        """Whether an id (or a record with that id) is in the collection."""
        if isinstance(item, str):
            return item in self._by_id
        return getattr(item, "id", None) in self._by_id and self._by_id[item.id] == item  # type: ignore[attr-defined]

    def __getitem__(self, record_id: str) -> R:
        """
        The record with this id.

        Raises:
            NotFound: no record has this id; the message names the closest ids.

        """
        try:
            return self._by_id[record_id]
        except (KeyError, TypeError):
            raise self._not_found(record_id) from None

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
            close = [ids[position] for position, _ in index.similar(record_id, 0.5)[:3]]
        if close:
            hint = "did you mean " + ", ".join(repr(c) for c in close) + "?"
        elif len(ids) <= 10:  # noqa: PLR2004
            hint = "ids are: " + ", ".join(ids)
        else:
            hint = f"{len(ids)} ids, see .ids"
        shown = record_id if not isinstance(record_id, str) or len(record_id) <= 100 else record_id[:100] + "..."  # noqa: PLR2004
        return NotFound(f"no {self._kind} with id {shown!r}; {hint}", candidates=close)
