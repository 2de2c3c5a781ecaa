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
    The spans of a document that account for the numbers inside them.

    Example:
        >>> import modslavery
        >>> (0, 20) in covered_spans(modslavery.load(), "blog-victims-minister")
        True

    """
    campaigns = [c for c in ds.campaigns if c.document_id == document_id]
    spans = [(s.start, s.end) for s in ds.statistics_of(document_id)]
    spans += [(m.start, m.end) for m in ds.mentions_in(document_id)]
    spans += [(x.start, x.end) for x in ds.exclusions if x.document_id == document_id]
    spans += [(s.start, s.end) for c in campaigns for s in ds.signatures_of(c)]
    document = ds.documents[document_id]
    claims = [document.published, document.updated, *(c.date for c in campaigns)]
    for claim in claims:
        if claim is not None:
            spans += [(e.start, e.end) for e in claim.evidence]
    return sorted(spans)


def uncovered_numbers(ds: Dataset) -> tuple[tuple[str, NumberToken], ...]:
    """
    Each ``(document_id, token)`` whose number no statistic or reviewed span accounts for.

    An empty result means every number in every document is accounted for.

    Example:
        >>> import modslavery
        >>> len(uncovered_numbers(modslavery.load()))
        0

    """
    found: list[tuple[str, NumberToken]] = []
    for document in ds.documents:
        spans = covered_spans(ds, document.id)
        found.extend(
            (document.id, token)
            for token in number_tokens(document.text)
            if not any(start <= token.start and token.end <= end for start, end in spans)
        )
    return tuple(found)
