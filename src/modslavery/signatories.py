"""
Set operations on signatories across any number of campaigns.

Every function takes a :class:`~modslavery.Dataset` and campaigns (records or
ids) and returns a ``frozenset`` of :class:`~modslavery.Organisation`, so the
results combine with Python's own set algebra. Passing no campaigns means
all campaigns of the data set.

Example:
    >>> import modslavery
    >>> from modslavery import signatories
    >>> ds = modslavery.load()
    >>> both = signatories.signed_all(ds, ["general-election-statement", "mayoral-pledge-2024"])
    >>> modslavery.load().organisations.lookup("Unseen") in both
    True

"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from typing import TYPE_CHECKING

from attrs import frozen

if TYPE_CHECKING:
    from modslavery.dataset import Dataset
    from modslavery.models import Campaign, Organisation

__all__ = ["Overlap", "overlap", "signed_all", "signed_any", "signed_exactly", "signed_only"]


def _sets(ds: Dataset, campaigns: Iterable[Campaign | str]) -> list[frozenset[Organisation]]:
    chosen = list(campaigns) or list(ds.campaigns)
    return [ds.signatories(c) for c in chosen]


def signed_all(ds: Dataset, campaigns: Iterable[Campaign | str] = ()) -> frozenset[Organisation]:
    """
    Organisations that signed every one of *campaigns*.

    Example:
        >>> import modslavery
        >>> ds = modslavery.load()
        >>> len(signed_all(ds, ["general-election-statement"])) == len(ds.signatories("general-election-statement"))
        True

    """
    sets = sorted(_sets(ds, campaigns), key=len)
    return frozenset.intersection(*sets) if sets else frozenset()


def signed_any(ds: Dataset, campaigns: Iterable[Campaign | str] = ()) -> frozenset[Organisation]:
    """
    Organisations that signed at least one of *campaigns*.

    Example:
        >>> import modslavery
        >>> ds = modslavery.load()
        >>> signed_any(ds) == ds.signatories("general-election-statement") | ds.signatories("mayoral-pledge-2024")
        True

    """
    return frozenset().union(*_sets(ds, campaigns))


def signed_only(
    ds: Dataset, campaign: Campaign | str, others: Iterable[Campaign | str] = ()
) -> frozenset[Organisation]:
    """
    Organisations that signed *campaign* and none of *others*.

    Example:
        >>> import modslavery
        >>> ds = modslavery.load()
        >>> org = ds.organisations.lookup("Bawso")
        >>> org in signed_only(ds, "general-election-statement", ["mayoral-pledge-2024"])
        True

    """
    first = ds.signatories(campaign)
    rest = [ds.signatories(c) for c in others]
    return first.difference(*rest)


def signed_exactly(ds: Dataset, k: int, campaigns: Iterable[Campaign | str] = ()) -> frozenset[Organisation]:
    """
    Organisations that signed exactly *k* of *campaigns*.

    For k from 1 to the number of campaigns these sets partition :func:`signed_any`.

    Example:
        >>> import modslavery
        >>> ds = modslavery.load()
        >>> signed_exactly(ds, 1) | signed_exactly(ds, 2) == signed_any(ds)
        True

    """
    counts: Counter[Organisation] = Counter()
    for members in _sets(ds, campaigns):
        counts.update(members)
    return frozenset(org for org, n in counts.items() if n == k)


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


def overlap(ds: Dataset, campaigns: Iterable[Campaign | str] = ()) -> tuple[Overlap, ...]:
    """
    The overlap of every pair of *campaigns*, in campaign order.

    The shared counts come from one pass over the signatures (each
    organisation adds one to each pair of the campaigns it signed), so the cost
    grows with signatures times the campaigns each organisation signed, not
    with the product of the campaigns' sizes.

    Example:
        >>> import modslavery
        >>> [round(row.jaccard, 3) for row in overlap(modslavery.load())]
        [0.31]

    """
    chosen = list(campaigns) or list(ds.campaigns)
    ids = [ds._campaign_id(c) for c in chosen]  # noqa: SLF001 - same package
    order = {cid: i for i, cid in enumerate(ids)}
    sizes = {cid: len(ds.signatories(cid)) for cid in ids}
    shared: Counter[tuple[str, str]] = Counter()
    for org_campaigns in ds._campaigns_by_org.values():  # noqa: SLF001 - same package
        mine = sorted((c for c in org_campaigns if c in order), key=order.__getitem__)
        shared.update(combinations(mine, 2))
    rows = []
    for a, b in combinations(ids, 2):
        both = shared[(a, b)]
        rows.append(Overlap(a, b, only_a=sizes[a] - both, only_b=sizes[b] - both, both=both))
    return tuple(rows)
