"""Hostile inputs get the right answer, and the search index finds what a scan of every name finds (#18).

Times are measured in benchmarks/hostile.py, not here; these tests check the answers, and that each input is
handled at all (a quadratic path on a 100,000-character input would not finish in the suite's time).
"""

from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import modslavery
from modslavery.coverage import number_tokens, uncovered_numbers
from modslavery.models import Organisation
from modslavery.names import MAX_NAME_LENGTH, name_key, name_words, split_brackets

OLD_BRACKETS = r"\s*\(([^()]*)\)\s*"  # the regex the bracket split replaced: quadratic on white space


@given(st.text(alphabet="ab() \n", max_size=16))
def test_bracket_split_keeps_the_regex_reading(name: str) -> None:
    without, inner = split_brackets(name)
    assert name_key(without) == name_key(re.sub(OLD_BRACKETS, " ", name))
    assert [name_key(part) for part in inner] == [name_key(part) for part in re.findall(OLD_BRACKETS, name)]


def _trigrams(text: str) -> set[str]:
    """Three-letter pieces of each word, the word padded with two spaces before and one after."""
    return {f"  {w} "[i : i + 3] for w in text.split(" ") for i in range(len(w) + 1)}


def _words(name: str) -> str:
    words = name_words(name)
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


def _reference_score(query: str, name: str) -> float:
    """The documented rules of Organisations.search, applied to one name by brute force."""
    key, words, name_k = name_key(query), name_words(query), name_key(name)
    if key == name_k:
        return 1.0
    share = len(key) / max(len(name_k), 1)
    score = 0.0
    if words and set(words) <= set(name_words(name)) and len(key) > 2:
        return min(0.6 + 0.3 * share, 0.9)
    if name_k.startswith(key):
        score = 0.5 + 0.3 * share
    a, b = _trigrams(_words(query)), _trigrams(_words(name))
    score = max(score, 0.85 * 2 * len(a & b) / (len(a) + len(b)))
    score = min(score, 0.9)
    return min(score, 0.4) if len(key) <= 4 else score


@settings(max_examples=300, deadline=None)
@given(
    query=st.one_of(
        st.sampled_from([n for o in modslavery.load().organisations for n in o.names]).flatmap(
            lambda n: st.integers(0, max(len(n) - 1, 0)).map(lambda i: n[:i] + n[i + 1 :])
        ),
        st.text(alphabet="abcdefghijklmnoprstu &'-", min_size=1, max_size=20),
    ),
    min_score=st.sampled_from([0.0, 0.3, 0.5, 0.7]),
)
def test_search_finds_what_scoring_every_name_finds(query: str, min_score: float) -> None:
    ds = modslavery.load()
    if not name_key(query):
        assert ds.organisations.search(query) == []
        return
    expected = {}
    for org in ds.organisations:
        best = max(_reference_score(query, name) for name in org.names)
        if best >= min_score:
            expected[org.id] = round(best, 4)
    found = ds.organisations.search(query, limit=None, min_score=min_score)
    assert {org.id: score for org, score in found} == pytest.approx(expected, abs=1.5e-4)
    assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)


def test_every_name_with_a_letter_missing_is_found_first(ds) -> None:
    checked = 0
    for org in ds.organisations:
        for name in org.names:
            for i in range(len(name)) if len(name) >= 8 else ():
                if name[i].isalpha():
                    typo = name[:i] + name[i + 1 :]
                    assert ds.organisations.search(typo, limit=1)[0][0].id == org.id, typo
                    checked += 1
    assert checked > 2000


@pytest.mark.parametrize("text", [" " * 100_000, "a" * 100_000, "(" * 50_000 + " " * 50_000, "\u00e9" * 100_000])
def test_lookup_of_a_huge_string_is_not_found(ds, text: str) -> None:
    with pytest.raises(modslavery.NotFound, match=f"at most {MAX_NAME_LENGTH}"):
        ds.organisations.lookup(text)


def test_search_refuses_a_query_longer_than_any_name(ds) -> None:
    assert ds.organisations.search("a" * MAX_NAME_LENGTH, min_score=0.0)
    with pytest.raises(ValueError, match="longer than any name can be"):
        ds.organisations.search("a" * (MAX_NAME_LENGTH + 1))


@pytest.mark.parametrize("field", ["name", "acronyms", "aliases"])
def test_an_organisation_name_longer_than_the_limit_is_refused(field: str) -> None:
    long = "A" + " " * MAX_NAME_LENGTH
    value = long if field == "name" else (long,)
    with pytest.raises(ValueError, match="Length of"):
        Organisation(id="o-1", **{"name": "Org", field: value})  # type: ignore[arg-type]
    Organisation(id="o-1", **{"name": "Org", field: ("A" * MAX_NAME_LENGTH if field == "name" else ("A",))})


def test_an_unknown_id_is_answered_with_suggestions_at_scale(tmp_path) -> None:
    """Suggestions come from the trigram index: close ids are offered, an unrelated one gets none."""
    ds = modslavery.load()
    with pytest.raises(modslavery.NotFound) as info:
        ds.campaigns["mayoral-pledge"]
    assert info.value.candidates == ("mayoral-pledge-2024",)
    with pytest.raises(modslavery.NotFound) as info:
        ds.statistics["x" * 100_000]
    assert info.value.candidates == ()
    assert "x" * 101 not in str(info.value)  # the id asked for is shown cut short


@given(
    text=st.text(alphabet="1 ab,.", max_size=40),
    spans=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 10)), max_size=6),
)
def test_the_coverage_sweep_agrees_with_checking_every_span(text: str, spans: list[tuple[int, int]]) -> None:
    """The sweep of uncovered_numbers, against the all-spans reading, on one synthetic document."""

    import attrs

    from modslavery._format import Parts
    from modslavery.models import Exclusion

    base = modslavery.load()
    doc = attrs.evolve(
        base.documents["op-ed-stroud"],
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        authors=(),
        publisher=None,
        published=None,
        updated=None,
    )
    exclusions = tuple(
        Exclusion(id=f"x-{i:02d}", document_id=doc.id, quote=text[s : s + n], start=s, end=s + n, reason="r")
        for i, (s, n) in enumerate(spans)
        if s + n <= len(text) and n > 0
    )
    ds = modslavery.Dataset(Parts(documents=(doc,), exclusions=exclusions))
    expected = [
        t.text for t in number_tokens(text) if not any(x.start <= t.start and t.end <= x.end for x in exclusions)
    ]
    assert [t.text for _, t in uncovered_numbers(ds)] == expected


def test_a_huge_white_space_run_in_a_wrapped_name_is_joined() -> None:
    """A name wrapped over 120,000 spaces: the span check joins the lines without backtracking."""
    from modslavery._checks import joined_lines

    assert joined_lines("A" + " " * 120_000 + "\n" + " " * 120_000 + "B") == "A B"
    assert joined_lines("A" + " " * 120_000 + "B") == "A" + " " * 120_000 + "B"
