"""
Sets of organisations in one order, and the overlap of two campaigns' signatories.

:class:`OrganisationSet` is what :meth:`modslavery.Dataset.signatories` and the
set operations return: an immutable set that combines with ``&``, ``|``,
``-``, ``^`` and compares with ``<=``, ``==`` like a ``frozenset`` (with
frozensets too), but always iterates in id order, so tables and files made
from it are the same in every process.

Example:
    >>> from modslavery.models import Organisation
    >>> a = OrganisationSet([Organisation(id="b-org", name="B"), Organisation(id="a-org", name="A")])
    >>> a.ids
    ('a-org', 'b-org')
    >>> (a - {Organisation(id="a-org", name="A")}).ids
    ('b-org',)

"""

from __future__ import annotations

import functools
import operator
import types
from collections import Counter
from collections.abc import Iterable, Iterator, KeysView, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import combinations
from operator import attrgetter

from attrs import frozen

from modslavery._readonly import ReadOnly
from modslavery.models import Organisation

__all__ = ["OrganisationSet", "Overlap", "intersection", "overlap", "signed_exactly", "union"]

_BY_ID = attrgetter("id")


class OrganisationSet(ReadOnly, AbstractSet[Organisation]):
    """
    An immutable set of organisations that iterates in id order.

    Set algebra with other sets (``frozenset`` included) gives an
    :class:`OrganisationSet`; it is hashable and equal to a ``frozenset`` of
    the same organisations.

    Example:
        >>> import modslavery
        >>> ds = modslavery.load()
        >>> both = ds.signatories("general-election-statement") & ds.signatories("mayoral-pledge-2024")
        >>> len(both), both.ids[:2]
        (27, ('a21', 'afruca-safeguarding-children'))

    """

    __slots__ = ("_by_id",)
    _by_id: dict[str, Organisation]

    def __init__(self, organisations: Iterable[Organisation] = ()) -> None:
        # Sorting is linear on the results of set operations: they come in order, or as two ordered runs.
        object.__setattr__(self, "_by_id", {org.id: org for org in sorted(organisations, key=_BY_ID)})

    def __contains__(self, item: object) -> bool:
        """Whether an organisation is in the set."""
        return isinstance(item, Organisation) and item.id in self._by_id

    def __iter__(self) -> Iterator[Organisation]:
        """The organisations in id order."""
        return iter(self._by_id.values())

    def __len__(self) -> int:
        """How many organisations."""
        return len(self._by_id)

    def __and__(self, other: AbstractSet[object]) -> OrganisationSet:
        """The organisations in both sets."""
        if not isinstance(other, AbstractSet):
            return NotImplemented
        return OrganisationSet(map(self._by_id.__getitem__, self._by_id.keys() & _ids(other)))

    __rand__ = __and__

    def __or__(self, other: AbstractSet[Organisation]) -> OrganisationSet:  # type: ignore[override] # organisations only
        """The organisations in either set."""
        if not isinstance(other, AbstractSet):
            return NotImplemented
        return union([self, OrganisationSet(other)])

    __ror__ = __or__

    def __sub__(self, other: AbstractSet[object]) -> OrganisationSet:
        """The organisations of this set that are not in *other*."""
        if not isinstance(other, AbstractSet):
            return NotImplemented
        return OrganisationSet(map(self._by_id.__getitem__, self._by_id.keys() - _ids(other)))

    def __rsub__(self, other: AbstractSet[Organisation]) -> OrganisationSet:
        """The organisations of *other* that are not in this set."""
        if not isinstance(other, AbstractSet):
            return NotImplemented
        return OrganisationSet(other) - self

    def __xor__(self, other: AbstractSet[Organisation]) -> OrganisationSet:  # type: ignore[override] # organisations only
        """The organisations in one of the two sets only."""
        if not isinstance(other, AbstractSet):
            return NotImplemented
        other = OrganisationSet(other)
        return (self - other) | (other - self)

    __rxor__ = __xor__

    def __hash__(self) -> int:
        """The hash a ``frozenset`` of the same organisations has."""
        return hash(frozenset(self._by_id.values()))

    def __repr__(self) -> str:
        """The ids, in order."""
        return f"OrganisationSet({list(self._by_id)!r})"

    @property
    def by_id(self) -> Mapping[str, Organisation]:
        """
        The organisations by id, in id order (a read-only view).

        Example:
            >>> OrganisationSet([Organisation(id="a-org", name="A")]).by_id["a-org"].name
            'A'

        """
        return types.MappingProxyType(self._by_id)

    @property
    def ids(self) -> tuple[str, ...]:
        """
        The organisations' ids, in order.

        Example:
            >>> OrganisationSet().ids
            ()

        """
        return tuple(self._by_id)


@frozen
class Overlap:
    """
    The overlap of two campaigns' signatories.

    Example:
        >>> Overlap("a", "b", only_a=1, only_b=2, both=3).jaccard
        0.5

    """

    a: str
    b: str
    only_a: int
    only_b: int
    both: int

    @property
    def either(self) -> int:
        """
        Organisations that signed at least one of the two.

        Example:
            >>> Overlap("a", "b", only_a=1, only_b=2, both=3).either
            6

        """
        return self.only_a + self.only_b + self.both

    @property
    def jaccard(self) -> float:
        """
        The Jaccard index: shared signatories over all signatories (0.0 when neither has any).

        Example:
            >>> Overlap("a", "b", only_a=0, only_b=0, both=0).jaccard
            0.0

        """
        return self.both / self.either if self.either else 0.0


def _ids(organisations: Iterable[object]) -> set[str] | KeysView[str]:
    """The ids of the organisations among *organisations* (anything else is in no organisation set)."""
    if isinstance(organisations, OrganisationSet):
        return organisations.by_id.keys()
    return {item.id for item in organisations if isinstance(item, Organisation)}


def intersection(sets: Iterable[OrganisationSet]) -> OrganisationSet:
    """
    The organisations in every one of *sets* (none if there are no sets).

    Example:
        >>> a, b = Organisation(id="a-org", name="A"), Organisation(id="b-org", name="B")
        >>> intersection([OrganisationSet([a, b]), OrganisationSet([a])]).ids
        ('a-org',)

    """
    ordered = sorted(sets, key=len)
    return functools.reduce(operator.and_, ordered) if ordered else OrganisationSet()


def union(sets: Iterable[OrganisationSet]) -> OrganisationSet:
    """
    The organisations in any of *sets*, gathered in one pass.

    Example:
        >>> a, b = Organisation(id="a-org", name="A"), Organisation(id="b-org", name="B")
        >>> union([OrganisationSet([b]), OrganisationSet([a])]).ids
        ('a-org', 'b-org')

    """
    by_id: dict[str, Organisation] = {}
    for members in sets:
        by_id.update(members.by_id)
    return OrganisationSet(by_id.values())


def signed_exactly(k: int, sets: Iterable[OrganisationSet]) -> OrganisationSet:
    """
    The organisations in exactly *k* of *sets*.

    Example:
        >>> a, b = Organisation(id="a-org", name="A"), Organisation(id="b-org", name="B")
        >>> signed_exactly(2, [OrganisationSet([a, b]), OrganisationSet([a])]).ids
        ('a-org',)

    """
    counts: Counter[str] = Counter()
    by_id: dict[str, Organisation] = {}
    for members in sets:
        counts.update(members.by_id.keys())
        by_id.update(members.by_id)
    return OrganisationSet(by_id[org_id] for org_id, n in counts.items() if n == k)


def overlap(
    campaign_ids: Sequence[str], sizes: Mapping[str, int], campaigns_by_organisation: Iterable[Sequence[str]]
) -> tuple[Overlap, ...]:
    """
    The overlap of every pair of *campaign_ids*, in their order, from each organisation's campaigns.

    Each organisation adds one to each pair of the campaigns it signed, so the
    cost grows with the signatures, not with the product of the campaigns' sizes.

    Example:
        >>> overlap(["a", "b"], {"a": 2, "b": 1}, [["a", "b"], ["a"]])
        (Overlap(a='a', b='b', only_a=1, only_b=0, both=1),)

    """
    order = {campaign_id: index for index, campaign_id in enumerate(campaign_ids)}
    shared: Counter[tuple[str, str]] = Counter()
    for signed in campaigns_by_organisation:
        shared.update(combinations(sorted((c for c in signed if c in order), key=order.__getitem__), 2))
    rows = []
    for a, b in combinations(campaign_ids, 2):
        both = shared[(a, b)]
        rows.append(Overlap(a, b, only_a=sizes[a] - both, only_b=sizes[b] - both, both=both))
    return tuple(rows)
