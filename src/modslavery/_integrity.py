"""
Cross-record checks: unique ids, resolvable references, quotes at their spans.

Each check returns problem lines of the form ``file: $[i].field: message`` so
that :class:`modslavery.DataError` can report every problem of a load at once.

Example:
    >>> from modslavery.models import Measure
    >>> m = Measure(id="a-b", label="A", description="d")
    >>> duplicate_ids("measures.json", [m, m])
    ["measures.json: $[1].id: duplicate id 'a-b' (first at $[0])"]

"""

from __future__ import annotations

import collections
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from modslavery.models import Evidence, Exclusion, Mention, Statistic, Verdict

if TYPE_CHECKING:
    from modslavery.dataset import Parts

__all__ = ["check_parts", "duplicate_ids", "span_problem"]


def duplicate_ids(filename: str, records: Sequence[Any]) -> list[str]:
    """Report every record whose id an earlier record already has."""
    ids = [record.id for record in records]  # a comprehension reads a slot faster than attrgetter does
    if len(set(ids)) == len(ids):  # the usual case, without a Python-level loop
        return []
    first: dict[str, int] = {}
    problems = []
    for index, record in enumerate(records):
        record_id: str = getattr(record, "id", "")
        seen = first.setdefault(record_id, index)
        if seen != index:
            problems.append(f"{filename}: $[{index}].id: duplicate id {record_id!r} (first at $[{seen}])")
    return problems


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
    if join_lines:
        found = joined_lines(found)
    if found != quote:
        return f"quote {quote!r} is not at {start}:{end}, which holds {found!r}"
    return None


_LINE_BREAK = re.compile(r"\s*\n\s*")


def joined_lines(text: str) -> str:
    r"""
    *text* with each line break, and the white space around it, made one space: a wrapped name as one line.

    Example:
        >>> joined_lines("Focus on Labour\n   Exploitation")
        'Focus on Labour Exploitation'
        >>> joined_lines("Unseen  UK")  # white space within a line is kept as printed
        'Unseen  UK'

    """
    return _LINE_BREAK.sub(" ", text) if "\n" in text else text


def _ref(filename: str, path: str, kind: str, value: str | None, known: Mapping[str, object] | set[str]) -> list[str]:
    if value is None or value in known:
        return []
    return [f"{filename}: {path}: unknown {kind} {value!r}"]


def _evidence(filename: str, path: str, text: str | None, evidence: Iterable[Evidence]) -> list[str]:
    if text is None:
        return []
    problems = []
    for index, item in enumerate(evidence):
        problem = span_problem(text, item.quote, item.start, item.end)
        if problem:
            problems.append(f"{filename}: {path}[{index}]: {problem}")
    return problems


def _check_documents(parts: Parts, organisation_ids: set[str]) -> list[str]:
    import hashlib  # noqa: PLC0415 - its OpenSSL import costs milliseconds; the trusted bundled load needs none

    problems = []
    for i, doc in enumerate(parts.documents):
        at = f"$[{i}]"
        digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        if digest != doc.sha256:
            problems.append(f"documents.json: {at}.sha256: does not match the text (text hashes to {digest})")
        if doc.title_evidence is not None:
            problems += _evidence("documents.json", f"{at}.title_evidence", doc.text, [doc.title_evidence])
        for j, author in enumerate(doc.authors):
            problems += _ref(
                "documents.json",
                f"{at}.authors[{j}].organisation_id",
                "organisation",
                author.organisation_id,
                organisation_ids,
            )
            problems += _evidence("documents.json", f"{at}.authors[{j}].evidence", doc.text, author.evidence)
        if doc.publisher is not None:
            problems += _evidence("documents.json", f"{at}.publisher.evidence", doc.text, doc.publisher.evidence)
        for name in ("published", "updated"):
            claim = getattr(doc, name)
            if claim is not None:
                problems += _evidence("documents.json", f"{at}.{name}.evidence", doc.text, claim.evidence)
    return problems


def _check_statistics(parts: Parts, texts: Mapping[str, str], statistic_ids: set[str]) -> list[str]:
    problems = _check_quotes("statistics.json", parts.statistics, texts)
    measures = {m.id for m in parts.measures}
    people = {e.id for e in parts.entities if e.kind.value == "person"}
    column = _column(parts.statistics)
    resolved = (
        _known(column("measure"), measures)
        and _known(column("speaker_id"), people)
        and _known(column("conversion_of"), statistic_ids)
    )
    for i, stat in enumerate(() if resolved else parts.statistics):
        at = f"$[{i}]"
        problems += _ref("statistics.json", f"{at}.measure", "measure", stat.measure, measures)
        problems += _ref("statistics.json", f"{at}.speaker_id", "person", stat.speaker_id, people)
        problems += _ref("statistics.json", f"{at}.conversion_of", "statistic", stat.conversion_of, statistic_ids)
    return problems


def _check_campaigns(parts: Parts, texts: Mapping[str, str], statistic_ids: set[str]) -> list[str]:
    problems = []
    for i, campaign in enumerate(parts.campaigns):
        at = f"$[{i}]"
        problems += _ref("campaigns.json", f"{at}.document_id", "document", campaign.document_id, texts)
        problems += _ref(
            "campaigns.json", f"{at}.support_statistic_id", "statistic", campaign.support_statistic_id, statistic_ids
        )
        text = texts.get(campaign.document_id)
        problems += _evidence("campaigns.json", f"{at}.audience_evidence", text, [campaign.audience_evidence])
        if campaign.support_claim is not None:
            problems += _evidence("campaigns.json", f"{at}.support_claim", text, [campaign.support_claim])
        if campaign.date is not None:
            problems += _evidence("campaigns.json", f"{at}.date.evidence", text, campaign.date.evidence)
        if text is not None:
            for j, ask in enumerate(campaign.asks):
                problem = span_problem(text, ask.text, ask.start, ask.end)
                if problem:
                    problems.append(f"campaigns.json: {at}.asks[{j}].text: {problem}")
    return problems


def _signatures_hold(parts: Parts, texts: Mapping[str, str], organisation_ids: set[str]) -> bool:
    """
    Whether every signature passes :func:`_check_signatures`, told by whole-column operations.

    Each field is read once as a column (``attrgetter`` mapped in C), and
    references, positions and spans are compared as sets and lists; this is
    several times faster than the record-by-record loop that names problems.
    """
    signatures = parts.signatures
    column = _column(signatures)
    campaigns: list[str] = column("campaign_id")
    campaign_texts = {c.id: texts.get(c.document_id) for c in parts.campaigns}
    if not campaign_texts.keys() >= set(campaigns) or not organisation_ids.issuperset(column("organisation_id")):
        return False
    if not _positions_hold(campaigns, column("position")):
        return False
    # Not _quotes_at_spans: a name wrapped over lines needs the text at its span, to join its lines.
    found = _text_at_spans(list(map(campaign_texts.__getitem__, campaigns)), column)
    if found is None:
        return False
    names: list[str] = column("name_as_written")
    if found == names:
        return True
    # A name wrapped over lines is written with one space: join the lines of the texts that differ
    # (a tenth or so, picked out in C) and compare them again.
    differ = list(map(operator.ne, found, names))
    return list(map(joined_lines, itertools.compress(found, differ))) == list(itertools.compress(names, differ))


def _positions_hold(campaigns: list[str], positions: list[int]) -> bool:
    """
    Whether each campaign's positions are exactly 1..n, told by whole columns.

    A campaign with *n* signatures whose positions are all in 1..n and all
    different has exactly 1..n. Campaign *c* (numbered in order of first
    appearance) and position *p* make the integer code ``c * stride + p``;
    with positions below the stride, codes of different campaigns cannot
    meet, so the positions differ within each campaign exactly when the codes
    all differ.
    """
    if not positions or _numbered_in_order(campaigns, positions):
        return True
    counts = collections.Counter(campaigns)
    if min(positions) < 1 or not all(map(operator.le, positions, map(counts.__getitem__, campaigns))):
        return False
    stride = len(positions) + 1
    order = {campaign: index * stride for index, campaign in enumerate(counts)}
    return len(set(map(operator.add, map(order.__getitem__, campaigns), positions))) == len(positions)


def _numbered_in_order(campaigns: list[str], positions: list[int]) -> bool:
    """
    Whether each campaign's signatures come together and are numbered 1..n in order: the usual layout.

    If so, each campaign's positions are exactly 1..n; if not, they may
    still be, and :func:`_positions_hold` checks them in any order. The runs
    are found by ``itertools.groupby`` and compared with the positions they
    call for as one list, in C.

    Example:
        >>> _numbered_in_order(["a", "a", "b"], [1, 2, 1]), _numbered_in_order(["a", "b", "a"], [1, 1, 2])
        (True, False)

    """
    runs: list[str] = []
    stops: list[int] = []  # range(1, stop) numbers a run
    for campaign, run in itertools.groupby(campaigns):
        runs.append(campaign)
        stops.append(len(list(run)) + 1)
    if len(set(runs)) != len(runs):  # a campaign in two runs: not this layout
        return False
    return positions == list(itertools.chain.from_iterable(map(range, itertools.repeat(1), stops)))


def _column(records: Sequence[object]) -> Callable[[str], list[Any]]:
    """A reader of one field of every record, as a list (``attrgetter`` mapped in C)."""
    return lambda name: list(map(operator.attrgetter(name), records))


def _check_signatures(parts: Parts, texts: Mapping[str, str], organisation_ids: set[str]) -> list[str]:
    if _signatures_hold(parts, texts, organisation_ids):
        return []
    problems = []
    campaigns = {c.id: c for c in parts.campaigns}
    positions: dict[str, dict[int, int]] = {}
    campaign_texts = {c.id: texts.get(c.document_id) for c in parts.campaigns}
    for i, sig in enumerate(parts.signatures):
        # The hot loop of a large load: path strings are built only for a problem.
        campaign_id = sig.campaign_id
        if campaign_id not in campaigns:
            problems += _ref("signatures.json", f"$[{i}].campaign_id", "campaign", campaign_id, campaigns)
        if sig.organisation_id not in organisation_ids:
            problems += _ref(
                "signatures.json", f"$[{i}].organisation_id", "organisation", sig.organisation_id, organisation_ids
            )
        if campaign_id not in campaigns:
            continue
        seen = positions.get(campaign_id)
        if seen is None:
            seen = positions[campaign_id] = {}
        if sig.position in seen:
            taken = f"$[{seen[sig.position]}]"
            problems.append(
                f"signatures.json: $[{i}].position: position {sig.position} of {campaign_id!r} is taken by {taken}"
            )
        else:
            seen[sig.position] = i
        text = campaign_texts[campaign_id]
        # span_problem's own test, inline: a name as written at its span (the usual case) costs no call.
        if text is not None and not (sig.end <= len(text) and text[sig.start : sig.end] == sig.name_as_written):
            problem = span_problem(text, sig.name_as_written, sig.start, sig.end, join_lines=True)
            if problem:
                problems.append(f"signatures.json: $[{i}].name_as_written: {problem}")
    return problems + _position_gaps(positions)


def _position_gaps(positions: Mapping[str, Mapping[int, int]]) -> list[str]:
    """Campaigns whose signature positions are not exactly 1..n."""
    problems = []
    for campaign_id, seen in positions.items():
        expected = set(range(1, len(seen) + 1))
        if set(seen) != expected:
            missing = sorted(expected - set(seen))
            problems.append(
                f"signatures.json: $: positions of {campaign_id!r} are not 1..{len(seen)} (missing {missing})"
            )
    return problems


def _check_quotes(
    filename: str, records: Sequence[Statistic | Mention | Exclusion], texts: Mapping[str, str]
) -> list[str]:
    """The document reference and the quote's span of each record of a file."""
    if _quotes_hold(records, texts):
        return []
    problems = []
    for i, record in enumerate(records):
        text = texts.get(record.document_id)
        if text is None:
            problems += _ref(filename, f"$[{i}].document_id", "document", record.document_id, texts)
        # span_problem's own test, inline: the usual case costs no call.
        elif not (record.end <= len(text) and text[record.start : record.end] == record.quote):
            problem = span_problem(text, record.quote, record.start, record.end)
            if problem:
                problems.append(f"{filename}: $[{i}].quote: {problem}")
    return problems


def _quotes_hold(records: Sequence[Statistic | Mention | Exclusion], texts: Mapping[str, str]) -> bool:
    """Whether every record's document exists and holds its quote at its span, told by whole columns."""
    column = _column(records)
    return _quotes_at_spans(list(map(texts.get, column("document_id"))), column("quote"), column)


def _quotes_at_spans(documents: list[str | None], quotes: list[str], column: Callable[[str], list[Any]]) -> bool:
    """
    Whether each document holds its quote exactly at its record's ``start:end``, without cutting the slices.

    A span as long as its quote, in a document whose text starts with the
    quote at the span's start, holds the quote (and so lies inside the
    document): both are compared as whole columns.
    """
    if None in documents:
        return False
    held = cast("list[str]", documents)
    starts: list[int] = column("start")
    return list(map(operator.sub, column("end"), starts)) == list(map(len, quotes)) and all(
        map(str.startswith, held, quotes, starts)
    )


def _text_at_spans(documents: list[str | None], column: Callable[[str], list[Any]]) -> list[str] | None:
    """
    The text at each record's ``start:end`` in its document, as one list.

    ``None`` if a document is missing or a span runs past its document's end
    (a slice would silently come out short): the loops that name problems decide.
    """
    if None in documents:
        return None
    held = cast("list[str]", documents)
    ends: list[int] = column("end")
    if not all(map(operator.le, ends, map(len, held))):
        return None
    return list(map(operator.getitem, held, map(slice, column("start"), ends)))


def _known(values: Iterable[str | None], known: set[str]) -> bool:
    """Whether every value that is set is in *known* (a set operation, in C)."""
    wanted = set(values)
    wanted.discard(None)
    return known >= wanted


def _check_links(parts: Parts, texts: Mapping[str, str], organisation_ids: set[str]) -> list[str]:
    problems = _check_quotes("mentions.json", parts.mentions, texts)
    problems += _check_quotes("exclusions.json", parts.exclusions, texts)
    entity_ids = {e.id for e in parts.entities}
    mentions = _column(parts.mentions)
    resolved = _known(mentions("organisation_id"), organisation_ids) and _known(mentions("entity_id"), entity_ids)
    for i, mention in enumerate(() if resolved else parts.mentions):
        problems += _ref(
            "mentions.json", f"$[{i}].organisation_id", "organisation", mention.organisation_id, organisation_ids
        )
        problems += _ref("mentions.json", f"$[{i}].entity_id", "entity", mention.entity_id, entity_ids)
    for i, judgement in enumerate(parts.judgements):
        at = f"$[{i}]"
        for j, org_id in enumerate(judgement.organisation_ids):
            problems += _ref("judgements.json", f"{at}.organisation_ids[{j}]", "organisation", org_id, organisation_ids)
        distinct = len(set(judgement.organisation_ids))
        if judgement.verdict is Verdict.SAME and distinct != 1:
            problems.append(
                f"judgements.json: {at}.organisation_ids: a 'same' judgement names one organisation, not {distinct}"
            )
        if judgement.verdict is Verdict.DIFFERENT and distinct < 2:  # noqa: PLR2004
            problems.append(
                f"judgements.json: {at}.organisation_ids: a 'different' judgement names two or more organisations"
            )
    return problems


def check_parts(parts: Parts, name_clashes: Sequence[str]) -> list[str]:
    """
    Every integrity problem of a set of parsed records, in file order.

    Example:
        >>> from modslavery.dataset import Parts
        >>> check_parts(Parts(), [])
        []

    """
    problems: list[str] = []
    for filename, records in parts.named():
        problems += duplicate_ids(filename, records)
    texts = {d.id: d.text for d in parts.documents}
    organisation_ids = {o.id for o in parts.organisations}
    statistic_ids = {s.id for s in parts.statistics}
    problems += _check_documents(parts, organisation_ids)
    problems += [f"organisations.json: $: {clash}" for clash in name_clashes]
    problems += _check_statistics(parts, texts, statistic_ids)
    problems += _check_campaigns(parts, texts, statistic_ids)
    problems += _check_signatures(parts, texts, organisation_ids)
    problems += _check_links(parts, texts, organisation_ids)
    return problems
