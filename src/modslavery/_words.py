"""
The words every output uses for dates and titles: the CLI, charts, HTML tables and the docs.

A date known exactly reads as itself (``2024-04-10``); a range reads
``2011-10 to 2013-04``; a lower bound alone reads ``2015 or later`` and an
upper bound alone ``2015 or earlier``. A date the text does not state but
that is inferred from it ends in ``(inferred)``. A title the source does not
state (an editorial label) ends in ``[editorial title]``.

This module works on anything shaped like a record (duck typing), so the
lowest layers (``_html``, which the models use) can share it.

Example:
    >>> import modslavery
    >>> op_ed = modslavery.load().documents["op-ed-stroud"]
    >>> date_text(op_ed.published)
    '2015 or later (inferred)'
    >>> title_text(op_ed)
    'Baroness Stroud on the Modern Slavery Act and ending modern slavery [editorial title]'

"""

from __future__ import annotations

from typing import Protocol

__all__ = ["EDITORIAL_TITLE", "INFERRED", "date_text", "title_text"]

#: What follows a date that is inferred from the text rather than stated by it.
INFERRED = "(inferred)"
#: What follows a title that is ours, not the source's.
EDITORIAL_TITLE = "[editorial title]"


class _Valued(Protocol):
    @property
    def value(self) -> str: ...


class _Dated(Protocol):
    @property
    def start(self) -> object: ...
    @property
    def end(self) -> object: ...
    @property
    def basis(self) -> _Valued: ...


class _Titled(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def title_basis(self) -> _Valued: ...


def date_text(claim: _Dated | None) -> str | None:
    """
    A date claim or period in words, or ``None`` when it has neither bound.

    Example:
        >>> from modslavery.models import Basis, DateClaim, PartialDate
        >>> date_text(DateClaim(start=PartialDate(2017), end=PartialDate(2017), basis=Basis.INFERRED))
        '2017 (inferred)'
        >>> date_text(DateClaim(start=None, end=PartialDate(2013, 4), basis=Basis.STATED))
        '2013-04 or earlier'

    """
    if claim is None or (claim.start is None and claim.end is None):
        return None
    start, end = claim.start, claim.end
    if start == end:
        text = str(start)
    elif end is None:
        text = f"{start} or later"
    elif start is None:
        text = f"{end} or earlier"
    else:
        text = f"{start} to {end}"
    return f"{text} {INFERRED}" if claim.basis.value == "inferred" else text


def title_text(record: _Titled, *, quoted: bool = False) -> str:
    """
    A document's or campaign's title, marked ``[editorial title]`` when it is ours; *quoted* quotes a stated one.

    Example:
        >>> import modslavery
        >>> title_text(modslavery.load().documents["pledge-mayoral-2024"], quoted=True)
        '“Pledge to Prioritise Modern Slavery”'

    """
    if record.title_basis.value == "editorial":
        return f"{record.title} {EDITORIAL_TITLE}"
    return f"\u201c{record.title}\u201d" if quoted else record.title
