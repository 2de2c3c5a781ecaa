"""
Cross-record checks: unique ids, references that resolve, quotes at their spans, hashes, names naming one thing.

Each rule is written once, as a loop that names the file and JSON path of
every record that breaks it. :func:`check_parts` runs them all.

Example:
    >>> from modslavery.models import Measure
    >>> m = Measure(id="a-b", label="A", description="d")
    >>> list(duplicate_ids("measures.json", [m, m]))
    ["measures.json: $[1].id: duplicate id 'a-b' (first at $[0])"]

"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from modslavery._format import Parts
from modslavery._problems import Problems
from modslavery.models import EntityKind, Evidence, Exclusion, Mention, Statistic, Verdict
from modslavery.names import name_key

__all__ = ["check_parts", "duplicate_ids", "joined_lines", "span_problem"]


def check_parts(
    parts: Parts, name_clashes: Iterable[str] = (), *, organisation_keys: Mapping[str, str] | None = None
) -> Problems:
    """
    Every integrity problem of a set of records, in file order.

    *name_clashes* and *organisation_keys* (each organisation name's
    :func:`~modslavery.names.name_key` to its id) come from the organisations'
    name index; without *organisation_keys* the keys are worked out here.

    Example:
        >>> bool(check_parts(Parts()))
        False

    """
    problems = Problems()
    for filename, records in parts.named():
        problems.extend(duplicate_ids(filename, records))
    texts = {d.id: d.text for d in parts.documents}
    organisation_ids = {o.id for o in parts.organisations}
    statistic_ids = {s.id for s in parts.statistics}
    problems.extend(_documents(parts, organisation_ids))
    problems.extend(f"organisations.json: $: {clash}" for clash in name_clashes)
    problems.extend(_quotes("statistics.json", parts.statistics, texts))
    problems.extend(_statistic_references(parts, statistic_ids))
    problems.extend(_campaigns(parts, texts, {s.id: s.document_id for s in parts.statistics}))
    problems.extend(_signatures(parts, texts, organisation_ids))
    problems.extend(_entity_names(parts, organisation_keys))
    problems.extend(_quotes("mentions.json", parts.mentions, texts))
    problems.extend(_quotes("exclusions.json", parts.exclusions, texts))
    problems.extend(_mention_references(parts, organisation_ids))
    problems.extend(_mention_evidence(parts, texts))
    problems.extend(_judgements(parts, organisation_ids))
    return problems


def duplicate_ids(filename: str, records: Sequence[Any]) -> Iterator[str]:
    """Each record whose id an earlier record of the file already has."""
    first: dict[str, int] = {}
    for index, record in enumerate(records):
        record_id = record.id
        if record_id in first:
            yield f"{filename}: $[{index}].id: duplicate id {record_id!r} (first at $[{first[record_id]}])"
        else:
            first[record_id] = index


def span_problem(text: str, quote: str, start: int, end: int, *, join_lines: bool = False) -> str | None:
    r"""
    Describe how ``text[start:end]`` fails to be *quote*, or return ``None``.

    With *join_lines*, each line break with the white space around it counts
    as one space (a name wrapped over lines); nothing else is folded, and the
    span must not take in white space before or after the quote.

    Example:
        >>> span_problem("hello world", "world", 6, 11) is None
        True
        >>> span_problem("hello world", "world", 0, 5)
        "quote 'world' is not at 0:5, which holds 'hello'"
        >>> listed, name = "1. Anti-Slavery\n   International\n", "Anti-Slavery International"
        >>> span_problem(listed, name, 3, 32, join_lines=True) is None
        True
        >>> span_problem(listed, name, 3, 33, join_lines=True)
        "quote 'Anti-Slavery International' is not at 3:33, which holds 'Anti-Slavery International '"

    """
    if end > len(text):
        return f"span {start}:{end} is outside the document (length {len(text)})"
    found = text[start:end]
    if found == quote:
        return None
    if join_lines and joined_lines(found) == quote:
        return None
    return f"quote {quote!r} is not at {start}:{end}, which holds {(joined_lines(found) if join_lines else found)!r}"


_WHITE_SPACE = re.compile(r"\s+")


def joined_lines(text: str) -> str:
    r"""
    *text* with each run of white space that holds a line break made one space: a wrapped name as one line.

    Example:
        >>> joined_lines("Focus on Labour\n   Exploitation")
        'Focus on Labour Exploitation'
        >>> joined_lines("Unseen  UK")  # white space within a line is kept as printed
        'Unseen  UK'

    """
    if "\n" not in text:
        return text
    return _WHITE_SPACE.sub(lambda run: " " if "\n" in run.group() else run.group(), text)


def _evidence(filename: str, path: str, text: str | None, evidence: Iterable[Evidence]) -> Iterator[str]:
    if text is None:
        return
    for index, item in enumerate(evidence):
        problem = span_problem(text, item.quote, item.start, item.end)
        if problem:
            yield f"{filename}: {path}[{index}]: {problem}"


def _documents(parts: Parts, organisation_ids: set[str]) -> Iterator[str]:
    for i, doc in enumerate(parts.documents):
        at = f"documents.json: $[{i}]"
        digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        if digest != doc.sha256:
            yield f"{at}.sha256: does not match the text (text hashes to {digest})"
        if doc.title_evidence is not None:
            yield from _evidence("documents.json", f"$[{i}].title_evidence", doc.text, [doc.title_evidence])
        for j, author in enumerate(doc.authors):
            path = f"$[{i}].authors[{j}]"
            if author.organisation_id is not None and author.organisation_id not in organisation_ids:
                yield f"documents.json: {path}.organisation_id: unknown organisation {author.organisation_id!r}"
            yield from _evidence("documents.json", f"{path}.evidence", doc.text, author.evidence)
        if doc.publisher is not None:
            yield from _evidence("documents.json", f"$[{i}].publisher.evidence", doc.text, doc.publisher.evidence)
        for name in ("published", "updated"):
            claim = getattr(doc, name)
            if claim is not None:
                yield from _evidence("documents.json", f"$[{i}].{name}.evidence", doc.text, claim.evidence)


def _quotes(
    filename: str, records: Sequence[Statistic | Mention | Exclusion], texts: Mapping[str, str]
) -> Iterator[str]:
    """The document reference and the quote's span of each record of a file."""
    for i, record in enumerate(records):
        text = texts.get(record.document_id)
        if text is None:
            yield f"{filename}: $[{i}].document_id: unknown document {record.document_id!r}"
        elif record.end > len(text) or text[record.start : record.end] != record.quote:
            yield f"{filename}: $[{i}].quote: {span_problem(text, record.quote, record.start, record.end)}"


def _statistic_references(parts: Parts, statistic_ids: set[str]) -> Iterator[str]:
    measures = {m.id for m in parts.measures}
    people = {e.id for e in parts.entities if e.kind is EntityKind.PERSON}
    for i, stat in enumerate(parts.statistics):
        if stat.measure_id not in measures:
            yield f"statistics.json: $[{i}].measure_id: unknown measure {stat.measure_id!r}"
        if stat.speaker_id is not None and stat.speaker_id not in people:
            yield f"statistics.json: $[{i}].speaker_id: unknown person {stat.speaker_id!r}"
        if stat.conversion_of_id is None:
            continue
        if stat.conversion_of_id == stat.id:
            yield f"statistics.json: $[{i}].conversion_of_id: a statistic cannot be a conversion of itself"
        elif stat.conversion_of_id not in statistic_ids:
            yield f"statistics.json: $[{i}].conversion_of_id: unknown statistic {stat.conversion_of_id!r}"


def _campaigns(parts: Parts, texts: Mapping[str, str], statistic_documents: Mapping[str, str]) -> Iterator[str]:
    """References, evidence and asks; a campaign's support is counted by a statistic of its own document."""
    for i, campaign in enumerate(parts.campaigns):
        if campaign.document_id not in texts:
            yield f"campaigns.json: $[{i}].document_id: unknown document {campaign.document_id!r}"
        support = campaign.support_statistic_id
        if support is not None and support not in statistic_documents:
            yield f"campaigns.json: $[{i}].support_statistic_id: unknown statistic {support!r}"
        elif support is not None and statistic_documents[support] != campaign.document_id:
            yield (
                f"campaigns.json: $[{i}].support_statistic_id: statistic {support!r} is from document "
                f"{statistic_documents[support]!r}, not the campaign's {campaign.document_id!r}"
            )
        text = texts.get(campaign.document_id)
        yield from _evidence("campaigns.json", f"$[{i}].audience_evidence", text, campaign.audience_evidence)
        if campaign.support_claim is not None:
            yield from _evidence("campaigns.json", f"$[{i}].support_claim", text, [campaign.support_claim])
        if campaign.date is not None:
            yield from _evidence("campaigns.json", f"$[{i}].date.evidence", text, campaign.date.evidence)
        if text is None:
            continue
        for j, ask in enumerate(campaign.asks):
            problem = span_problem(text, ask.text, ask.start, ask.end)
            if problem:
                yield f"campaigns.json: $[{i}].asks[{j}].text: {problem}"


def _signatures(parts: Parts, texts: Mapping[str, str], organisation_ids: set[str]) -> Iterator[str]:
    """References, spans and positions: each campaign's signatures are numbered 1..n, each number once."""
    campaign_texts = {c.id: texts.get(c.document_id) for c in parts.campaigns}
    positions: dict[str, dict[int, int]] = {campaign_id: {} for campaign_id in campaign_texts}
    for i, sig in enumerate(parts.signatures):
        seen = positions.get(sig.campaign_id)
        if seen is None:
            yield f"signatures.json: $[{i}].campaign_id: unknown campaign {sig.campaign_id!r}"
        if sig.organisation_id not in organisation_ids:
            yield f"signatures.json: $[{i}].organisation_id: unknown organisation {sig.organisation_id!r}"
        if seen is None:
            continue
        if sig.position in seen:
            yield (
                f"signatures.json: $[{i}].position: position {sig.position} of {sig.campaign_id!r} "
                f"is taken by $[{seen[sig.position]}]"
            )
        else:
            seen[sig.position] = i
        text = campaign_texts[sig.campaign_id]
        if text is None or (sig.end <= len(text) and text[sig.start : sig.end] == sig.name_as_written):
            continue
        problem = span_problem(text, sig.name_as_written, sig.start, sig.end, join_lines=True)
        if problem:  # a name wrapped over lines holds at its span
            yield f"signatures.json: $[{i}].name_as_written: {problem}"
    for campaign_id, seen in positions.items():
        missing = [n for n in range(1, len(seen) + 1) if n not in seen]
        if missing:
            yield f"signatures.json: $: positions of {campaign_id!r} are not 1..{len(seen)} (missing {missing})"


def _entity_names(parts: Parts, organisation_keys: Mapping[str, str] | None) -> Iterator[str]:
    """Each entity name or alias names that entity only: no other entity, and no organisation (by name key)."""
    if organisation_keys is None:
        organisation_keys = {name_key(name): org.id for org in parts.organisations for name in org.names}
    owners: dict[str, tuple[str, str]] = {}  # name key to (entity id, JSON path of the name)
    for i, entity in enumerate(parts.entities):
        names = ((f"$[{i}].name", entity.name), *((f"$[{i}].aliases[{j}]", a) for j, a in enumerate(entity.aliases)))
        for path, name in names:
            key = name_key(name)
            if not key:
                yield f"entities.json: {path}: name {name!r} has no letters or digits"
                continue
            owner = owners.setdefault(key, (entity.id, path))
            if owner[0] != entity.id:
                yield f"entities.json: {path}: {name!r} also names entity {owner[0]!r} (at {owner[1]})"
            if key in organisation_keys:
                yield f"entities.json: {path}: {name!r} also names organisation {organisation_keys[key]!r}"


def _mention_references(parts: Parts, organisation_ids: set[str]) -> Iterator[str]:
    entity_ids = {e.id for e in parts.entities}
    for i, mention in enumerate(parts.mentions):
        if mention.organisation_id is not None and mention.organisation_id not in organisation_ids:
            yield f"mentions.json: $[{i}].organisation_id: unknown organisation {mention.organisation_id!r}"
        if mention.entity_id is not None and mention.entity_id not in entity_ids:
            yield f"mentions.json: $[{i}].entity_id: unknown entity {mention.entity_id!r}"


def _mention_evidence(parts: Parts, texts: Mapping[str, str]) -> Iterator[str]:
    for i, mention in enumerate(parts.mentions):
        if mention.evidence:
            yield from _evidence("mentions.json", f"$[{i}].evidence", texts.get(mention.document_id), mention.evidence)


def _judgements(parts: Parts, organisation_ids: set[str]) -> Iterator[str]:
    for i, judgement in enumerate(parts.judgements):
        at = f"judgements.json: $[{i}].organisation_ids"
        for j, org_id in enumerate(judgement.organisation_ids):
            if org_id not in organisation_ids:
                yield f"judgements.json: $[{i}].organisation_ids[{j}]: unknown organisation {org_id!r}"
        distinct = len(set(judgement.organisation_ids))
        if judgement.verdict is Verdict.SAME and distinct != 1:
            yield f"{at}: a 'same' judgement names one organisation, not {distinct}"
        if judgement.verdict is Verdict.DIFFERENT and distinct < 2:  # noqa: PLR2004
            yield f"{at}: a 'different' judgement names two or more organisations"
