"""
The cross-record checks of signatures refuse exactly what is wrong, told by an oracle written here.

The oracle reads the campaign documents' texts and recounts positions itself;
the loader must refuse a changed signatures.json exactly when the oracle finds a
problem, and each kind of problem gets its own message.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import modslavery
from modslavery._files import bundled_files


def _bundled(name: str) -> Any:
    return json.loads(bundled_files().joinpath(name).read_bytes())


SIGNATURES: list[dict[str, Any]] = _bundled("signatures.json")
TEXTS = {d["id"]: d["text"] for d in _bundled("documents.json")}
CAMPAIGN_TEXTS = {c["id"]: TEXTS[c["document_id"]] for c in _bundled("campaigns.json")}
ORGANISATIONS = {o["id"] for o in _bundled("organisations.json")}


def _holds(raw: str, name: str) -> bool:
    """Whether the raw entry is the name, its lines (stripped, blank ones dropped) joined by one space."""
    lines = [line.strip() for line in raw.split("\n")]
    return raw == raw.strip() and " ".join(line for line in lines if line) == name


def _problems(signatures: list[dict[str, Any]]) -> list[str]:
    """What is wrong with these signatures, found without the library."""
    problems = []
    positions: dict[str, list[int]] = {}
    for sig in signatures:
        text = CAMPAIGN_TEXTS.get(sig["campaign_id"])
        if text is None:
            problems.append(f"unknown campaign {sig['campaign_id']!r}")
            continue
        if sig["organisation_id"] not in ORGANISATIONS:
            problems.append(f"unknown organisation {sig['organisation_id']!r}")
        positions.setdefault(sig["campaign_id"], []).append(sig["position"])
        if sig["end"] > len(text):
            problems.append("outside the document")
        elif not _holds(text[sig["start"] : sig["end"]], sig["name_as_written"]):
            problems.append("not at its span")
    for campaign, seen in positions.items():
        if sorted(seen) != list(range(1, len(seen) + 1)):
            problems.append(f"positions of {campaign!r}")
    return problems


def _load(directory: Path, signatures: list[dict[str, Any]]) -> modslavery.DataError | None:
    (directory / "signatures.json").write_text(json.dumps(signatures, ensure_ascii=False), encoding="utf-8")
    try:
        modslavery.Dataset.from_directory(directory)
    except modslavery.DataError as error:
        return error
    return None


@st.composite
def _changed(draw: st.DrawFn) -> list[dict[str, Any]]:
    signatures = copy.deepcopy(SIGNATURES)
    for _ in range(draw(st.integers(1, 3))):
        sig = signatures[draw(st.integers(0, len(signatures) - 1))]
        field = draw(st.sampled_from(["campaign_id", "organisation_id", "position", "start", "end", "name_as_written"]))
        if field == "campaign_id":
            sig[field] = draw(st.sampled_from([*CAMPAIGN_TEXTS, "no-such-campaign"]))
        elif field == "organisation_id":
            sig[field] = draw(st.sampled_from([sig[field], "no-such-organisation", min(ORGANISATIONS)]))
        elif field == "position":
            sig[field] = draw(st.integers(1, 70))
        elif field == "name_as_written":
            sig[field] = draw(st.sampled_from([sig[field] + "x", sig[field][1:] or "x", sig[field].upper()]))
        else:
            shifted = sig[field] + draw(st.sampled_from([-1, 1, 0, 10**6]))
            sig[field] = max(shifted, 0)
            sig["end"] = max(sig["end"], sig["start"])
    return signatures


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(signatures=_changed())
def test_refused_exactly_when_the_oracle_finds_a_problem(data_dir: Path, signatures: list[dict[str, Any]]) -> None:
    error = _load(data_dir, signatures)
    assert (error is not None) == bool(_problems(signatures)), (error, _problems(signatures))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"campaign_id": "no-such-campaign"}, "$[3].campaign_id: unknown campaign 'no-such-campaign'"),
        ({"organisation_id": "no-such-org"}, "$[3].organisation_id: unknown organisation 'no-such-org'"),
        ({"position": 3}, "$[3].position: position 3 of 'general-election-statement' is taken by $[2]"),
        ({"name_as_written": "Nobody"}, "$[3].name_as_written: quote 'Nobody' is not at"),
        ({"end": 10**7}, "$[3].name_as_written: span"),
    ],
)
def test_each_problem_has_its_message(data_dir: Path, change: dict[str, Any], message: str) -> None:
    signatures = copy.deepcopy(SIGNATURES)
    signatures[3].update(change)
    error = _load(data_dir, signatures)
    assert error is not None
    assert any(message in problem for problem in error.problems), error.problems


def test_a_span_past_the_end_is_refused_even_if_what_is_left_matches(data_dir: Path) -> None:
    """The slice of a span past the end is cut short; a name equal to that shorter text is still refused."""
    signatures = copy.deepcopy(SIGNATURES)
    text = CAMPAIGN_TEXTS[signatures[3]["campaign_id"]]
    signatures[3].update(start=len(text) - 4, end=len(text) + 3, name_as_written=text[-4:])
    error = _load(data_dir, signatures)
    assert error is not None
    assert f"$[3].name_as_written: span {len(text) - 4}:{len(text) + 3} is outside the document" in str(error)


def test_a_gap_in_positions_is_named(data_dir: Path) -> None:
    signatures = copy.deepcopy(SIGNATURES)
    signatures[0]["position"] = 100
    error = _load(data_dir, signatures)
    assert error is not None
    assert "signatures.json: $: positions of 'general-election-statement' are not 1..59 (missing [1])" in str(error)


def _numbered_one_to_n(campaigns: list[str], positions: list[int]) -> bool:
    """The reference: each campaign's positions, in any order, are exactly 1..n."""
    by_campaign: dict[str, list[int]] = {}
    for campaign, position in zip(campaigns, positions, strict=True):
        by_campaign.setdefault(campaign, []).append(position)
    return all(sorted(found) == list(range(1, len(found) + 1)) for found in by_campaign.values())


@settings(max_examples=500, deadline=None)
@given(
    runs=st.lists(st.tuples(st.sampled_from("abc"), st.integers(1, 4)), max_size=6),
    shuffle=st.randoms(use_true_random=False),
    mess=st.sampled_from(["none", "shuffle", "bump", "swap"]),
)
def test_position_columns_agree_with_numbering_each_campaign(runs, shuffle, mess: str) -> None:
    """The position check, against a per-campaign reading: campaigns in runs, shuffled, bumped or swapped."""
    campaigns: list[str] = []
    positions: list[int] = []
    counts: dict[str, int] = {}
    for campaign, length in runs:  # runs of a campaign, numbered on from where it stopped
        for _ in range(length):
            counts[campaign] = counts.get(campaign, 0) + 1
            campaigns.append(campaign)
            positions.append(counts[campaign])
    pairs = list(zip(campaigns, positions, strict=True))
    if mess == "shuffle":
        shuffle.shuffle(pairs)
    elif mess == "bump" and pairs:
        index = shuffle.randrange(len(pairs))
        pairs[index] = (pairs[index][0], pairs[index][1] + shuffle.choice([-1, 1]))
    elif mess == "swap" and len(pairs) > 1:
        i, j = shuffle.sample(range(len(pairs)), 2)
        (ci, pi), (cj, pj) = pairs[i], pairs[j]
        pairs[i], pairs[j] = (ci, pj), (cj, pi)
    campaigns = [c for c, _ in pairs]
    positions = [p for _, p in pairs]
    assert _positions_hold(campaigns, positions) == _numbered_one_to_n(campaigns, positions)


@settings(max_examples=500, deadline=None)
@given(pairs=st.lists(st.tuples(st.sampled_from("ab"), st.integers(0, 3)), max_size=6))
def test_position_columns_agree_on_any_numbering(pairs: list[tuple[str, int]]) -> None:
    """Free lists: a campaign split into runs each numbered from 1 must not pass as numbered 1..n."""
    campaigns = [c for c, _ in pairs]
    positions = [p for _, p in pairs]
    assert _positions_hold(campaigns, positions) == _numbered_one_to_n(campaigns, positions)


def _positions_hold(campaigns: list[str], positions: list[int]) -> bool:
    """Whether the library's checks find no problem with these positions (everything else about them valid)."""
    import hashlib

    from modslavery._checks import check_parts
    from modslavery.models import Campaign, Document, DocumentKind, Evidence, Organisation, Signature, TitleBasis

    text = "x"
    document = Document(
        id="doc",
        kind=DocumentKind.PLEDGE,
        title="t",
        title_basis=TitleBasis.EDITORIAL,
        source_file="doc.txt",
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    evidence = Evidence(quote="x", start=0, end=1)
    chosen = [
        Campaign(
            id=f"campaign-{c}",
            document_id="doc",
            title="t",
            title_basis=TitleBasis.EDITORIAL,
            audience="a",
            audience_evidence=(evidence,),
        )
        for c in ("a", "b", "c")
    ]
    signatures = tuple(
        Signature(
            id=f"sig-{i}",
            campaign_id=f"campaign-{c}",
            organisation_id="org",
            position=max(p, 1),
            name_as_written="x",
            start=0,
            end=1,
        )
        for i, (c, p) in enumerate(zip(campaigns, positions, strict=True))
    )
    if any(p < 1 for p in positions):  # a position below 1 is refused by the model itself
        return False
    parts = modslavery.Parts(
        documents=(document,),
        organisations=(Organisation(id="org", name="Org"),),
        campaigns=tuple(chosen),
        signatures=signatures,
    )
    return not check_parts(parts)
