"""
The statistic coverage check: every number in a document is accounted for.

A number is a run of digits or a number word (cardinal or ordinal, such as
"six", "thousands", "second"). It is covered when it lies inside the span of
a statistic, a reviewed exclusion, a mention (a year in a law's name), a
signature (a digit in an organisation's name) or the evidence of a
document's date. Contributors who add a document learn from
:func:`uncovered_numbers` which numbers still need a statistic or an
exclusion with a reason.

Example:
    >>> import modslavery
    >>> uncovered_numbers(modslavery.load())
    ()
    >>> [t.text for t in number_tokens("Over 3,800 victims from one hundred and eight countries")]
    ['3,800', 'one', 'hundred', 'eight']

"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from attrs import frozen

if TYPE_CHECKING:
    from modslavery.dataset import Dataset

__all__ = ["NUMBER_WORDS", "NumberToken", "covered_spans", "number_tokens", "uncovered_numbers"]

_UNITS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
_MORE = "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
_SCALES = "hundred hundreds thousand thousands million millions billion billions dozen dozens half"
_ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth twice"
#: The number words the check looks for (matched whole, in any case).
NUMBER_WORDS: frozenset[str] = frozenset(f"{_UNITS} {_MORE} {_SCALES} {_ORDINALS}".split())

_TOKEN = re.compile(r"\d+(?:[.,:/]\d+)*|[A-Za-z]+")


@frozen
class NumberToken:
    """
    A number found in a text, with its span.

    Example:
        >>> NumberToken("12,000", 5, 11).text
        '12,000'

    """

    text: str
    start: int
    end: int


def number_tokens(text: str) -> Iterator[NumberToken]:
    """
    Every run of digits and every number word in *text*, in order.

    Example:
        >>> [t.text for t in number_tokens("the second largest, 17 per cent; someone")]
        ['second', '17']

    """
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0].isdigit() or token.casefold() in NUMBER_WORDS:
            yield NumberToken(token, match.start(), match.end())


def covered_spans(ds: Dataset, document_id: str) -> list[tuple[int, int]]:
    """
    The spans of a document that account for the numbers inside them, sorted.

    Example:
        >>> import modslavery
        >>> (0, 20) in covered_spans(modslavery.load(), "blog-victims-minister")
        True

    """
    ds.documents[document_id]
    return _spans_by_document(ds).get(document_id, [])


def _spans_by_document(ds: Dataset) -> dict[str, list[tuple[int, int]]]:
    """Every covering span, grouped by document in one pass over the records, each list sorted."""
    spans: dict[str, list[tuple[int, int]]] = {d.id: [] for d in ds.documents}
    for record in (*ds.statistics, *ds.mentions, *ds.exclusions):
        spans[record.document_id].append((record.start, record.end))
    for campaign in ds.campaigns:
        spans[campaign.document_id] += [(s.start, s.end) for s in ds.signatures_of(campaign)]
        if campaign.date is not None:
            spans[campaign.document_id] += [(e.start, e.end) for e in campaign.date.evidence]
    for document in ds.documents:
        for claim in (document.published, document.updated):
            if claim is not None:
                spans[document.id] += [(e.start, e.end) for e in claim.evidence]
    return {document_id: sorted(found) for document_id, found in spans.items()}


def uncovered_numbers(ds: Dataset) -> tuple[tuple[str, NumberToken], ...]:
    """
    Each ``(document_id, token)`` whose number no statistic or reviewed span accounts for.

    An empty result means every number in every document is accounted for.
    One sweep over the tokens and the sorted spans of a document: a token is
    covered when the furthest end among the spans that start at or before it
    reaches its end.

    Example:
        >>> import modslavery
        >>> len(uncovered_numbers(modslavery.load()))
        0

    """
    found: list[tuple[str, NumberToken]] = []
    by_document = _spans_by_document(ds)
    for document in ds.documents:
        spans = by_document[document.id]
        next_span, furthest = 0, -1
        for token in number_tokens(document.text):
            while next_span < len(spans) and spans[next_span][0] <= token.start:
                furthest = max(furthest, spans[next_span][1])
                next_span += 1
            if furthest < token.end:
                found.append((document.id, token))
    return tuple(found)
