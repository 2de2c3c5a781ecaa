"""Set operations on signatories, checked against Python's own set algebra on generated data (issue #5)."""

from __future__ import annotations

import hashlib
from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

import modslavery
from modslavery.dataset import Dataset, Parts
from modslavery.models import Campaign, Document, DocumentKind, Evidence, Organisation, Signature, TitleBasis

TEXT = "o"


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """A small valid data set: n organisations, k campaigns, random signatory lists."""
    n_orgs = draw(st.integers(0, 12))
    n_campaigns = draw(st.integers(1, 5))
    orgs = [Organisation(id=f"o{i}", name=f"Organisation {i}") for i in range(n_orgs)]
    doc = Document(
        id="d1", kind=DocumentKind.PLEDGE, title="t", title_basis=TitleBasis.EDITORIAL, source_file="d1.txt",
        text=TEXT, sha256=hashlib.sha256(TEXT.encode()).hexdigest(),
    )  # fmt: skip
    campaigns, signatures = [], []
    for c in range(n_campaigns):
        campaigns.append(
            Campaign(
                id=f"c{c}",
                document_id="d1",
                title=f"C{c}",
                title_basis=TitleBasis.EDITORIAL,
                audience="a",
                audience_evidence=(Evidence(quote=TEXT, start=0, end=1),),
            )
        )
        members = draw(st.lists(st.sampled_from(orgs), unique=True)) if orgs else []
        signatures += [
            Signature(
                id=f"c{c}-{p}",
                campaign_id=f"c{c}",
                organisation_id=o.id,
                position=p,
                name_as_written=TEXT,
                start=0,
                end=1,
            )
            for p, o in enumerate(members, start=1)
        ]
    return Dataset(
        Parts(documents=(doc,), organisations=tuple(orgs), campaigns=tuple(campaigns), signatures=tuple(signatures))
    )


def _expected(ds: Dataset) -> dict[str, frozenset[Organisation]]:
    """Each campaign's signatories computed straight from the signatures."""
    return {
        c.id: frozenset(ds.organisations[s.organisation_id] for s in ds.signatures if s.campaign_id == c.id)
        for c in ds.campaigns
    }


@given(datasets())
def test_signatories_match_the_signatures(ds: Dataset) -> None:
    for campaign_id, members in _expected(ds).items():
        assert ds.signatories(campaign_id) == members
        assert ds.signatories(ds.campaigns[campaign_id]) == members


@given(datasets(), st.data())
def test_all_any_only_against_set_algebra(ds: Dataset, data: st.DataObject) -> None:
    sets = _expected(ds)
    chosen = data.draw(st.lists(st.sampled_from(list(sets)), min_size=1, unique=True))
    chosen_sets = [sets[c] for c in chosen]
    assert ds.signed_all(*chosen) == frozenset.intersection(*chosen_sets)
    assert ds.signed_any(*chosen) == frozenset().union(*chosen_sets)
    if len(chosen) > 1:
        assert ds.signed_only(chosen[0], *chosen[1:]) == chosen_sets[0].difference(*chosen_sets[1:])
    # With no others given, "only" means none of the other campaigns.
    others = [sets[c] for c in sets if c != chosen[0]]
    assert ds.signed_only(chosen[0]) == chosen_sets[0].difference(*others)


@given(datasets(), st.data())
def test_laws(ds: Dataset, data: st.DataObject) -> None:
    ids = list(_expected(ds))
    a, b, c = (data.draw(st.sampled_from(ids)) for _ in range(3))
    universe = ds.signed_any()
    # commutativity and associativity
    assert ds.signed_all(a, b) == ds.signed_all(b, a)
    assert ds.signed_any(a, b) == ds.signed_any(b, a)
    assert ds.signed_all(ds_id := a, b, c) == ds.signed_all(c, b, ds_id)
    assert (ds.signatories(a) & ds.signatories(b)) & ds.signatories(c) == ds.signatories(a) & (
        ds.signatories(b) & ds.signatories(c)
    )
    # De Morgan, relative to everyone who signed anything
    assert universe - ds.signed_any(a, b) == (universe - ds.signatories(a)) & (universe - ds.signatories(b))
    assert universe - ds.signed_all(a, b) == (universe - ds.signatories(a)) | (universe - ds.signatories(b))
    # intersection is a subset
    assert ds.signed_all(a, b) <= ds.signatories(a)


@given(datasets())
def test_exactly_k_partitions_any(ds: Dataset) -> None:
    ids = list(_expected(ds))
    parts = [ds.signed_exactly(k, *ids) for k in range(1, len(ids) + 1)]
    assert frozenset().union(*parts) == ds.signed_any(*ids)
    for x, y in combinations(parts, 2):
        assert not (x & y)
    assert ds.signed_exactly(len(ids), *ids) == ds.signed_all(*ids)
    counts = {o: sum(o in s for s in _expected(ds).values()) for o in ds.signed_any()}
    for k, part in enumerate(parts, start=1):
        assert part == frozenset(o for o, n in counts.items() if n == k)


@given(datasets())
def test_overlap_table(ds: Dataset) -> None:
    sets = _expected(ds)
    rows = ds.overlap()
    assert len(rows) == len(sets) * (len(sets) - 1) // 2
    for row in rows:
        a, b = sets[row.a], sets[row.b]
        assert (row.both, row.only_a, row.only_b) == (len(a & b), len(a - b), len(b - a))
        assert 0.0 <= row.jaccard <= 1.0
        assert row.jaccard == (len(a & b) / len(a | b) if a | b else 0.0)
    if len(sets) >= 2:  # symmetric: swapping the campaigns swaps only_a and only_b, same Jaccard
        x, y = list(sets)[:2]
        (forward,) = ds.overlap(x, y)
        (backward,) = ds.overlap(y, x)
        assert (forward.both, forward.only_a, forward.only_b, forward.jaccard) == (
            backward.both, backward.only_b, backward.only_a, backward.jaccard,
        )  # fmt: skip


def test_bundled_overlap_matches_python_sets(ds) -> None:
    a = ds.signatories("general-election-statement")
    b = ds.signatories("mayoral-pledge-2024")
    (row,) = ds.overlap()
    assert (row.both, row.only_a, row.only_b) == (len(a & b), len(a - b), len(b - a))


def test_unknown_campaign(ds) -> None:
    import pytest

    with pytest.raises(modslavery.NotFound):
        ds.signatories("no-such-campaign")
