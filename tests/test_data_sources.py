"""
The bundled data checked against the source texts themselves (issue #4).

These tests read sources/*.txt directly and recount, reparse and relocate what
the data claims, so they fail if the data drifts from the texts.
"""

from __future__ import annotations

import hashlib
import re

import pytest

import modslavery
from modslavery.coverage import number_tokens, uncovered_numbers
from modslavery.names import name_key

# -- documents -----------------------------------------------------------------


def test_five_documents_one_per_source(ds, source_texts) -> None:
    assert sorted(d.source_file for d in ds.documents) == sorted(source_texts)


def test_document_text_is_the_source_exactly(ds, source_texts) -> None:
    for doc in ds.documents:
        assert doc.text == source_texts[doc.source_file], doc.id
        assert doc.sha256 == hashlib.sha256(source_texts[doc.source_file].encode("utf-8")).hexdigest()


def test_curly_quotes_and_line_breaks_kept(ds, source_texts) -> None:
    joined = "".join(d.text for d in ds.documents)
    assert joined.count("\u2019") == sum(t.count("\u2019") for t in source_texts.values()) > 0
    assert joined.count("\n") == sum(t.count("\n") for t in source_texts.values())


def test_stated_titles_are_headlines_in_the_text(ds) -> None:
    for doc in ds.documents:
        if doc.title_basis.value == "stated":
            assert doc.title_evidence is not None
            assert doc.title_evidence.quote == doc.title
            line = doc.text[doc.title_evidence.start : doc.title_evidence.end]
            assert line == doc.title
            # a headline stands on a line of its own
            before = doc.text[: doc.title_evidence.start]
            after = doc.text[doc.title_evidence.end :]
            assert before.endswith("\n") and after.startswith("\n")
        else:
            assert doc.title_evidence is None
            assert doc.title not in doc.text, f"{doc.id}: an editorial title must not pose as a quote"


def test_blog_dateline_is_read_day_first(ds) -> None:
    """24/04/2013 is 24 April (UK order), and the update time is kept."""
    doc = ds.documents["blog-victims-minister"]
    stamp = re.match(
        r"(\d\d)/(\d\d)/(\d{4}) (\d\d:\d\d) (\w+) \| Updated (\d\d)/(\d\d)/(\d{4}) (\d\d:\d\d) (\w+)", doc.text
    )
    assert stamp is not None
    day, month, year, time, zone, uday, umonth, uyear, utime, uzone = stamp.groups()
    assert doc.published is not None and doc.updated is not None
    assert (doc.published.start.year, doc.published.start.month, doc.published.start.day) == (
        int(year),
        int(month),
        int(day),
    )
    assert (doc.published.time, doc.published.timezone) == (time, zone)
    assert (doc.updated.start.year, doc.updated.start.month, doc.updated.start.day) == (
        int(uyear),
        int(umonth),
        int(uday),
    )
    assert (doc.updated.time, doc.updated.timezone) == (utime, uzone)
    assert doc.published.basis.value == "stated"


def test_pledge_date_is_stated(ds) -> None:
    doc = ds.documents["pledge-mayoral-2024"]
    match = re.search(r"(\d+)(?:st|nd|rd|th) (\w+) (\d{4})", doc.text)
    assert match is not None
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    assert doc.published is not None
    assert (
        str(doc.published.start) == f"{match.group(3)}-{months.index(match.group(2)) + 1:02d}-{int(match.group(1)):02d}"
    )
    assert doc.published.basis.value == "stated"


def test_dates_are_stated_with_evidence_or_marked_inferred(ds) -> None:
    """No date without evidence; an inferred date says so and explains itself."""
    claims = [(d.id, d.published) for d in ds.documents] + [(d.id, d.updated) for d in ds.documents]
    claims += [(c.id, c.date) for c in ds.campaigns]
    for owner, claim in claims:
        if claim is None:
            continue
        assert claim.evidence, owner
        if claim.basis.value == "stated":
            assert claim.is_exact, owner
            assert any(str(claim.start.year) in e.quote for e in claim.evidence), owner
        else:
            assert claim.note, owner


def test_undated_documents_say_why(ds) -> None:
    for doc in ds.documents:
        if doc.published is None:
            assert any("date" in note.lower() for note in doc.notes), doc.id


def test_unnamed_author_is_not_invented(ds) -> None:
    """The blog's author writes as the victims' minister but is never named in the text."""
    (author,) = ds.documents["blog-victims-minister"].authors
    assert author.name is None
    assert author.role is not None
    assert all(author.role in e.quote for e in author.evidence[:1])


def test_every_person_named_is_in_the_text(ds) -> None:
    for doc in ds.documents:
        for author in doc.authors:
            if author.name is not None:
                assert author.name in doc.text
        if doc.publisher is not None:
            assert doc.publisher.name in doc.text


# -- statistics ------------------------------------------------------------------

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "first": 1, "second": 2, "third": 3,
}  # fmt: skip


def _numbers_in(quote: str) -> set[float]:
    """Every number a reader would take from a quote: digits with scale words, and numbers in words."""
    found: set[float] = set()
    for match in re.finditer(r"(\d[\d,]*(?:\.\d+)?)\s*(million|thousand)?", quote):
        value = float(match.group(1).replace(",", ""))
        scale = {"million": 1e6, "thousand": 1e3}.get(match.group(2) or "", 1)
        found.add(value * scale)
    words = re.findall(r"[a-z]+", quote.lower())
    total, current = 0, 0
    for word in words:
        if word in _WORDS:
            current += _WORDS[word]
            found.add(float(_WORDS[word]))
        elif word == "hundred":
            current *= 100
        elif word != "and" and current:
            total, current = total + current, 0
            found.add(float(total))
            total = 0
    if current:
        found.add(float(total + current))
    return found


def test_every_quote_is_at_its_span(ds, source_texts) -> None:
    texts = {d.id: source_texts[d.source_file] for d in ds.documents}
    for stat in ds.statistics:
        assert texts[stat.document_id][stat.start : stat.end] == stat.quote, stat.id


def test_every_value_is_read_from_its_quote(ds) -> None:
    """The value is a number the quote states (words, digits, scale words), not a figure from elsewhere."""
    for stat in ds.statistics:
        assert float(stat.value) in _numbers_in(stat.quote), (stat.id, stat.value, stat.quote)


def test_words_are_numbers_too() -> None:
    assert 681 in _numbers_in("Six hundred and eighty-one victims")
    assert 45e6 in _numbers_in("an estimated 45 million victims")
    assert 1.24e6 in _numbers_in("USD 1.24 million")


@pytest.mark.parametrize(
    ("pattern", "qualifier"),
    [(r"\bover\b|\bmore than\b", "more_than"), (r"\bless than\b", "less_than"), (r"\bestimated\b", "estimated")],
)
def test_qualifier_words_in_the_quote_set_the_qualifier(ds, pattern: str, qualifier: str) -> None:
    """'over 3,800' is more than 3,800, never exactly 3,800."""
    for stat in ds.statistics:
        text = stat.quote.lower()
        first = re.search(r"\d|\b(?:six|seven|second|third)\b", text)
        lead = text[: first.start()] if first else text
        if re.search(pattern, lead):
            assert stat.qualifier.value == qualifier, stat.id


def test_money_has_a_currency_unit(ds) -> None:
    for stat in ds.statistics:
        if "£" in stat.quote or "pound" in stat.quote:
            assert stat.unit.value == "GBP", stat.id
        if "USD" in stat.quote:
            assert stat.unit.value == "USD", stat.id
            assert stat.conversion_of_id is not None
            assert ds.statistics[stat.conversion_of_id].unit.value == "GBP"


def test_percentages_and_ranks(ds) -> None:
    for stat in ds.statistics:
        if "%" in stat.quote[:25] or "per cent" in stat.quote:
            assert stat.unit.value == "percent", stat.id
        if re.search(r"\b(second|third) (largest|most)\b", stat.quote):
            assert stat.unit.value == "rank", stat.id


def test_quoted_speakers(ds) -> None:
    """A figure in a quoted paragraph carries the speaker; one in narration does not."""
    for stat in ds.statistics:
        text = ds.documents[stat.document_id].text
        paragraph = text[text.rfind("\n", 0, stat.start) + 1 :]
        quoted = paragraph[:1] in {'"', "\u201c"}
        assert (stat.speaker_id is not None) == quoted, stat.id
        if stat.speaker_id is not None:
            speaker = ds.entities[stat.speaker_id]
            assert speaker.kind.value == "person"
            assert any(name.split()[-1] in text for name in (speaker.name, *speaker.aliases))


def test_every_number_is_accounted_for(ds) -> None:
    """Each digit run and number word is in a statistic, a mention, a signature, a date, or a reviewed exclusion."""
    assert uncovered_numbers(ds) == ()


def test_coverage_check_finds_a_new_number(ds) -> None:
    """The coverage check can fail: drop a statistic and its number is reported."""
    from modslavery.dataset import Dataset, Parts

    victim = ds.statistics["pledge-mayoral-2024-s03"]
    parts = Parts(**{name: tuple(getattr(ds, name)) for name in Parts.__annotations__})
    thinner = Dataset(
        parts.__class__(
            **{
                **{n: getattr(parts, n) for n in Parts.__annotations__},
                "statistics": tuple(s for s in ds.statistics if s.id != victim.id),
            }
        )
    )
    missing = uncovered_numbers(thinner)
    assert {(d, t.text) for d, t in missing} == {("pledge-mayoral-2024", "2022"), ("pledge-mayoral-2024", "10,454")}


def test_exclusions_have_reasons_and_numbers(ds) -> None:
    for ex in ds.exclusions:
        assert len(ex.reason) > 10
        assert any(True for _ in number_tokens(ex.quote)), ex.id


def test_series_of_nrm_referrals(ds) -> None:
    series = ds.series("nrm-referrals")
    assert [s.period.start.year for s in series] == sorted(s.period.start.year for s in series)
    assert len({s.document_id for s in series}) == 2


# -- campaigns and signatures -------------------------------------------------------


def _joint_statement_entries(text: str) -> list[str]:
    block = text.split("Signed by:", 1)[1]
    return [re.sub(r"^\s*\d+\.\s+", "", line).strip() for line in block.splitlines() if re.match(r"^\s*\d+\.", line)]


def test_joint_statement_signatures_match_the_numbered_list(ds, source_texts) -> None:
    text = source_texts[ds.documents["joint-statement-general-election"].source_file]
    entries = _joint_statement_entries(text)
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\.", text.split("Signed by:", 1)[1], flags=re.MULTILINE)]
    assert numbers == list(range(1, len(numbers) + 1))
    sigs = ds.signatures_of("general-election-statement")
    assert len(sigs) == len(entries) == 59
    assert [s.name_as_written for s in sigs] == entries
    assert [s.position for s in sigs] == list(range(1, 60))


def test_pledge_signatures_tile_the_list(ds, source_texts) -> None:
    """Every non-blank line of the pledge list belongs to exactly one signature, in order."""
    text = source_texts[ds.documents["pledge-mayoral-2024"].source_file]
    start = text.index("We thank you for your support.") + len("We thank you for your support.")
    lines = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S[^\n]*", text[start:])]
    sigs = ds.signatures_of("mayoral-pledge-2024")
    owner = []
    for line_start, line_end in lines:
        holders = [s.position for s in sigs if s.start <= line_start and line_end <= s.end]
        assert len(holders) == 1, text[line_start:line_end]
        owner.append(holders[0])
    assert owner == sorted(owner)
    assert sorted(set(owner)) == [s.position for s in sigs]
    # wrapped names are joined with one space, nothing else changes
    for sig in sigs:
        assert sig.name_as_written == " ".join(text[sig.start : sig.end].split())
    # the second reader counted 55 entries (9 continuation lines) independently
    assert len(sigs) == 55
    assert len(lines) - len(sigs) == 9


def test_signatures_keep_source_spelling(ds) -> None:
    names = {s.name_as_written for s in ds.signatures}
    assert "Ella’s" in names and "Ella's" in names
    assert "René Cassin, the Jewish voice for human rights." in names


def test_pledge_support_claim_against_its_list(ds) -> None:
    campaign = ds.campaigns["mayoral-pledge-2024"]
    claim = ds.statistics[campaign.support_statistic_id]
    assert claim.qualifier.value == "more_than"
    assert len(ds.signatures_of(campaign)) > claim.value


def test_pledges_numbered_as_in_the_source(ds) -> None:
    campaign = ds.campaigns["mayoral-pledge-2024"]
    text = ds.documents[campaign.document_id].text
    numbered = re.findall(r"^(\d)\. (.+)$", text, flags=re.MULTILINE)
    assert [(str(a.number), a.text) for a in campaign.asks] == numbered
    statement = ds.campaigns["general-election-statement"]
    assert [a.number for a in statement.asks] == [None] * 6  # the statement numbers none of its asks
    for ask in statement.asks:
        assert ds.documents[statement.document_id].text[ask.start : ask.end] == ask.text


# -- organisations ---------------------------------------------------------------------


def test_no_two_organisations_share_a_key(ds) -> None:
    seen: dict[str, str] = {}
    for org in ds.organisations:
        for name in org.names:
            key = name_key(name)
            assert seen.setdefault(key, org.id) == org.id, (name, seen[key], org.id)


def test_each_spelling_in_the_lists_is_a_name_of_its_organisation(ds) -> None:
    for sig in ds.signatures:
        org = ds.organisations[sig.organisation_id]
        assert name_key(sig.name_as_written) in {name_key(n) for n in org.names}, sig.id


def test_canonical_name_is_a_form_the_sources_give(ds) -> None:
    """The name is in the texts as written, or with a bracketed acronym taken out."""
    everything = "\n".join(" ".join(d.text.split()) for d in ds.documents)
    without_acronyms = re.sub(r" \([A-Z0-9]{2,6}\)", "", everything)
    for org in ds.organisations:
        assert org.name in everything or org.name in without_acronyms, org.name
        for acronym in org.acronyms:
            assert re.search(rf"\b{re.escape(acronym)}\b", everything), acronym


def test_judgements_hold(ds) -> None:
    for judgement in ds.judgements:
        resolved = [ds.organisations.lookup(name) for name in judgement.names]
        if judgement.verdict.value == "same":
            assert {o.id for o in resolved} == set(judgement.organisation_ids), judgement.id
        else:
            assert len({o.id for o in resolved}) == len(judgement.names), judgement.id


def test_signatories_in_both_lists(ds) -> None:
    both = ds.signatories("general-election-statement") & ds.signatories("mayoral-pledge-2024")
    # the second reader, reconciling independently, found 27 organisations in both lists
    assert len(both) == 27
    assert len(ds.signed_any()) == 87


def test_mentions_of_signatories_link_to_them(ds) -> None:
    unseen = ds.organisations.lookup("Unseen")
    assert ds.documents["op-ed-stroud"] in ds.documents_mentioning(unseen)
    army = ds.organisations.lookup("The Salvation Army")
    assert [d.id for d in ds.documents_mentioning(army)] == ["blog-victims-minister"]


def test_mentions_are_at_their_spans_and_whole_words(ds) -> None:
    for mention in ds.mentions:
        text = ds.documents[mention.document_id].text
        assert text[mention.start : mention.end] == mention.quote
        assert mention.start == 0 or not text[mention.start - 1].isalnum()
        assert mention.end == len(text) or not text[mention.end].isalnum()


def test_laws_named_in_the_issue_are_mentioned(ds) -> None:
    assert {d.id for d in ds.documents_mentioning("Modern Slavery Act 2015")} == {"op-ed-stroud", "pledge-mayoral-2024"}
    assert [d.id for d in ds.documents_mentioning("NRM")] == ["pledge-mayoral-2024", "news-jstac-launch"]
    assert [d.id for d in ds.documents_mentioning("Joint Slavery Trafficking Analysis Centre")] == ["news-jstac-launch"]


def test_module_level_collections_are_the_loaded_ones() -> None:
    ds = modslavery.load()
    assert modslavery.documents is ds.documents
    assert modslavery.organisations is ds.organisations
