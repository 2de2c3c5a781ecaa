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

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import chain, combinations
from operator import attrgetter

from attrs import frozen

from modslavery.models import Organisation

__all__ = ["OrganisationSet", "Overlap", "overlap", "signed_exactly"]

_BY_ID = attrgetter("id")


class OrganisationSet(AbstractSet[Organisation]):
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
        return OrganisationSet(org for org in self if org in other)

    __rand__ = __and__

    def __or__(self, other: AbstractSet[Organisation]) -> OrganisationSet:  # type: ignore[override] # organisations only
        """The organisations in either set."""
        if not isinstance(other, AbstractSet):
            return NotImplemented
        return OrganisationSet(chain(self, other))

    __ror__ = __or__

    def __sub__(self, other: AbstractSet[object]) -> OrganisationSet:
        """The organisations of this set that are not in *other*."""
        if not isinstance(other, AbstractSet):
            return NotImplemented
        return OrganisationSet(org for org in self if org not in other)

    def __rsub__(self, other: AbstractSet[Organisation]) -> OrganisationSet:
        """The organisations of *other* that are not in this set."""
        if not isinstance(other, AbstractSet):
            return NotImplemented
        return OrganisationSet(org for org in other if org not in self)

    def __xor__(self, other: AbstractSet[Organisation]) -> OrganisationSet:  # type: ignore[override] # organisations only
        """The organisations in one of the two sets only."""
        if not isinstance(other, AbstractSet):
            return NotImplemented
        return (self - other) | OrganisationSet(org for org in other if org not in self)

    __rxor__ = __xor__

    def __hash__(self) -> int:
        """The hash a ``frozenset`` of the same organisations has."""
        return hash(frozenset(self._by_id.values()))

    def __setattr__(self, name: str, value: object) -> None:
        """An organisation set is read-only."""
        msg = "OrganisationSet is immutable"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        """An organisation set is read-only."""
        msg = "OrganisationSet is immutable"
        raise AttributeError(msg)

    def __repr__(self) -> str:
        """The ids, in order."""
        return f"OrganisationSet({list(self._by_id)!r})"

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


def signed_exactly(k: int, sets: Iterable[OrganisationSet]) -> OrganisationSet:
    """
    The organisations in exactly *k* of *sets*.

    Example:
        >>> a, b = Organisation(id="a-org", name="A"), Organisation(id="b-org", name="B")
        >>> signed_exactly(2, [OrganisationSet([a, b]), OrganisationSet([a])]).ids
        ('a-org',)

    """
    counts: Counter[Organisation] = Counter()
    for members in sets:
        counts.update(members)
    return OrganisationSet(org for org, n in counts.items() if n == k)


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
