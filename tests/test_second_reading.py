"""The judgement calls of the second reading (#22), each checked against the source texts themselves.

Rule: an inference uses only the texts; a bound that needs outside knowledge stays open.
"""

from __future__ import annotations

import re

import pytest

from modslavery.models import Basis, EntityKind
from modslavery.names import name_key, split_brackets

_QUOTED = re.compile(r"(?<!\w)'([^']+)'(?!\w)")
_GEOGRAPHY_WORDS = {
    "worldwide": ("worldwide", "global"),
    "united_kingdom": ("UK", "United Kingdom", "Britain", "this country"),
    "england_and_wales": ("England and Wales",),
    "europe": ("Europe",),
}


def _text(source_texts: dict[str, str], ds, document_id: str) -> str:
    return source_texts[ds.documents[document_id].source_file]


def test_a_date_bound_needing_outside_knowledge_stays_open(ds, source_texts) -> None:
    """The news report calls 2016's figures new 'this week' and states no later year: 2017 or later, no end."""
    doc = ds.documents["news-jstac-launch"]
    text = _text(source_texts, ds, doc.id)
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", text)]
    assert max(years) == 2016
    assert "this week" in text
    claim = doc.published
    assert claim is not None
    assert (str(claim.start), claim.end, claim.basis) == ("2017", None, Basis.INFERRED)
    assert "following year" not in (claim.note or "")


def test_every_inferred_date_rests_on_the_texts_alone(ds) -> None:
    """No inferred date claim or period note appeals to what happens 'usually' or 'early in the year'."""
    notes = [d.published.note for d in ds.documents if d.published] + [
        s.period.note for s in ds.statistics if s.period and s.period.basis is Basis.INFERRED
    ]
    for note in filter(None, notes):
        assert not re.search(r"\busually\b|\btypically\b|come out|following year", note), note


def test_publisher_evidence_names_the_publisher(ds, source_texts) -> None:
    for doc in ds.documents:
        if doc.publisher is not None:
            assert doc.publisher.evidence
            for evidence in doc.publisher.evidence:
                assert doc.publisher.name in evidence.quote, evidence.quote
            assert "syndicated" not in (doc.publisher.note or "")


def test_the_joint_statement_asks_what_it_asks(ds, source_texts) -> None:
    """Every sentence of the statement that asks ('ask that', 'we ask', 'must prioritise') is an ask, and each
    audience it asks is in the audience evidence."""
    campaign = ds.campaigns["general-election-statement"]
    text = _text(source_texts, ds, campaign.document_id)
    body = text[: text.index("Signed by:")]
    asking = [m.start() for m in re.finditer(r"ask that|we ask|must prioritise", body)]
    assert len(asking) == 3
    for at in asking:
        assert any(ask.start <= at < ask.end for ask in campaign.asks) or any(
            e.start <= at < e.end for e in campaign.audience_evidence
        )
    asked = {e.quote for e in campaign.audience_evidence}
    assert any("all political parties" in q for q in asked)
    assert any("any future government" in q for q in asked)
    assert any("Policy makers and those delivering services" in q for q in asked)
    sentences = {ask.text for ask in campaign.asks}
    assert any(s.startswith("Policy makers and those delivering services must prioritise") for s in sentences)
    assert any("all political parties express a renewed commitment" in s for s in sentences)
    (implied,) = [ask for ask in campaign.asks if ask.basis is Basis.INFERRED]
    assert implied.text == "In addition to pledging to tackle modern slavery in election manifestos"
    assert implied.note
    assert [a.heading for a in campaign.asks if a.heading] == [
        "Prevent Modern Slavery",
        "Prioritise Sustainable Recovery",
        "Uphold Justice",
    ]
    for ask in campaign.asks:
        assert text[ask.start : ask.end] == ask.text


def test_a_geography_not_in_the_quote_is_explained_from_the_text(ds, source_texts) -> None:
    """Where a statistic's quote does not say its area, its note quotes the words of the text that do."""
    explained = 0
    for stat in ds.statistics:
        if stat.geography is None:
            continue
        words = _GEOGRAPHY_WORDS[stat.geography.value]
        if any(word in stat.quote for word in words):
            continue
        text = _text(source_texts, ds, stat.document_id)
        quoted = _QUOTED.findall(stat.note or "")
        assert any(q in text and any(w in q for w in words) for q in quoted), (stat.id, stat.note)
        explained += 1
    assert explained >= 9


def test_descriptions_keep_the_texts_words(ds) -> None:
    stat = ds.statistics["blog-victims-minister-s04"]
    assert "professional advice and support and referrals" in stat.description


def test_every_printed_spelling_is_kept_exactly(ds) -> None:
    """Each name a list prints and each stated mention's words are a name, acronym or alias, without folding."""
    for sig in ds.signatures:
        assert sig.name_as_written in ds.organisations[sig.organisation_id].names, sig.id
    for mention in ds.mentions:
        if mention.basis is Basis.INFERRED:
            continue
        if mention.organisation_id is not None:
            names = ds.organisations[mention.organisation_id].names
        else:
            entity = ds.entities[mention.entity_id]
            names = (entity.name, *entity.aliases)
        assert mention.quote in names, mention.id


def test_a_name_is_the_form_outside_the_brackets(ds) -> None:
    """'ECPAT UK (Every Child ...)' and 'SOHTIS (Survivors of ...)' alike: the name is what stands outside."""
    for sig in ds.signatures:
        outside, inside = split_brackets(sig.name_as_written)
        if inside:
            assert name_key(ds.organisations[sig.organisation_id].name) == name_key(outside), sig.name_as_written


def test_an_acronym_is_printed_alone_or_expanded(ds, source_texts) -> None:
    """An acronym is listed only if a text prints it on its own or spells it out in brackets next to it."""
    everything = "\n".join(source_texts.values())
    for org in ds.organisations:
        for acronym in org.acronyms:
            # Occurrences that run on into the rest of a longer name ("AFRUCA Safeguarding Children",
            # "BASNET - UK BME AntiSlavery Network") are not alone.
            rests = [n[len(acronym) :] for n in org.names if n.startswith(acronym + " ")]
            alone = [
                m
                for m in re.finditer(rf"\b{re.escape(acronym)}\b", everything)
                if not any(everything[m.end() : m.end() + len(rest)] == rest for rest in rests)
            ]
            expanded = any(
                "".join(w[0] for w in inside.split()).upper() == acronym
                for name in org.names
                for inside in split_brackets(name)[1]
            )
            assert alone or expanded, (org.id, acronym)


def test_venues_and_events_are_not_organisations(ds, source_texts) -> None:
    assert "united-nations-general-assembly" not in ds.organisations
    entity = ds.entities["united-nations-general-assembly"]
    assert entity.kind is EntityKind.EVENT
    text = _text(source_texts, ds, "op-ed-stroud")
    assert "At the United Nations General Assembly, she urged" in text
    assert [d.id for d in ds.documents_mentioning(entity)] == ["op-ed-stroud"]


@pytest.mark.parametrize(
    ("document_id", "words", "target"),
    [
        ("op-ed-stroud", "the Prime Minister’s announcement", "theresa-may"),
        ("op-ed-stroud", "The Prime Minister is right", "theresa-may"),
        ("news-jstac-launch", "the Home Secretary said", "amber-rudd"),
        ("joint-statement-general-election", "the government’s anti-slavery strategy", "anti-slavery-strategy"),
    ],
)
def test_a_mention_by_office_is_inferred_with_its_evidence(ds, source_texts, document_id, words, target) -> None:
    text = _text(source_texts, ds, document_id)
    at = text.index(words)
    (mention,) = [m for m in ds.mentions_in(document_id) if at <= m.start < at + len(words) and m.entity_id == target]
    assert mention.basis is Basis.INFERRED
    assert mention.note
    entity = ds.entities[target]
    names = (entity.name, *entity.aliases)
    assert mention.quote not in names
    for evidence in mention.evidence:
        assert text[evidence.start : evidence.end] == evidence.quote
    assert any(any(name in e.quote for name in names) for e in mention.evidence)


def test_notes_about_people_say_only_what_the_texts_say(ds) -> None:
    assert "named as prime minister" not in (ds.entities["theresa-may"].note or "").casefold()


def test_every_quoted_phrase_of_a_rationale_is_in_a_text(ds, source_texts) -> None:
    """A rationale quotes the texts, or the names it judges; it quotes nothing else."""
    everything = "\n".join(source_texts.values())
    for judgement in ds.judgements:
        for phrase in _QUOTED.findall(judgement.rationale):
            assert phrase in everything or phrase in judgement.names, (judgement.id, phrase)


def test_disclosed_calls_say_what_the_texts_do_not_show(ds) -> None:
    for judgement_id in ("same-a21", "same-hibiscus", "same-unseen"):
        assert "do not say" in ds.judgements[judgement_id].rationale, judgement_id


def test_a_campaign_and_its_document_share_an_editorial_title(ds) -> None:
    for campaign in ds.campaigns:
        document = ds.documents[campaign.document_id]
        if campaign.title_basis.value == "editorial" or document.title_basis.value == "editorial":
            assert campaign.title == document.title
