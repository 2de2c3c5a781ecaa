"""
Notebook views of the evidence: a document's text with its statistics marked, a statistic in its sentence.

A record does not know the data set it came from, so every :class:`Dataset`
is remembered here (weakly, so that a data set nobody holds is freed) when it
is built. A document's view marks the statistics of the data set that holds
that very document (the newest, if several do), or else of the newest that
holds an equal one; a statistic's view finds its sentence in the same way,
through the data set that holds it or the newest that holds its document with
its quote at its span. The marks are those of the HTML export
(:mod:`modslavery._marks`).

Example:
    >>> import modslavery
    >>> ds = modslavery.load()
    >>> view = ds.documents["news-jstac-launch"]._repr_html_()
    >>> view.count("data-statistic-id=") == len(ds.statistics_of("news-jstac-launch"))
    True

"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from modslavery._html import HTMLRepr, record_html
from modslavery._marks import MARK_CSS, Mark, escape, legend_html, marked_html, statistic_marks, statistic_note
from modslavery._words import date_text, title_text

if TYPE_CHECKING:
    from modslavery.dataset import Dataset
    from modslavery.models import Document, Statistic

__all__ = ["FOLD", "DocumentHTML", "StatisticHTML", "document_html", "remember", "sentence_bounds", "statistic_html"]

#: A document's view shows about this many characters, and folds the rest away.
FOLD = 1500
#: How far a statistic's view reaches either side of its quote for the sentence.
REACH = 300

_CSS = (
    MARK_CSS + "\n.ms-notebook .ms-text { white-space: pre-wrap; line-height: 1.6; max-width: 50em; }"
    "\n.ms-notebook summary { cursor: pointer; }"
)

_lock = threading.Lock()
_datasets: list[weakref.ref[Dataset]] = []


def remember(data: Dataset) -> None:
    """
    Remember *data* (weakly) as a data set whose records the notebook views may show; newest first.

    Example:
        >>> import modslavery
        >>> remember(modslavery.load())

    """
    with _lock:
        _datasets[:] = [ref for ref in _datasets if ref() is not None and ref() is not data]
        _datasets.append(weakref.ref(data))


def _newest(holds: Callable[[Dataset], bool], holds_this: Callable[[Dataset], bool]) -> Dataset | None:
    """The newest live data set that *holds_this* record object, or failing that the newest that *holds* it."""
    with _lock:
        refs = list(_datasets)
    live = [data for ref in reversed(refs) if (data := ref()) is not None]
    return next((d for d in live if holds_this(d)), None) or next((d for d in live if holds(d)), None)


def _fold_at(text: str) -> int | None:
    if len(text) <= FOLD + FOLD // 3:
        return None
    line_end = text.find("\n", FOLD, FOLD + FOLD // 3)
    return FOLD if line_end < 0 else line_end


def document_html(document: Document) -> str:
    """
    The notebook view of *document*: its title, a legend and its text with its statistics marked, long texts folded.

    Example:
        >>> import modslavery
        >>> view = document_html(modslavery.load().documents["op-ed-stroud"])
        >>> "<details>" in view, 'data-statistic-id="op-ed-stroud-s02"' in view
        (True, True)

    """
    data = _newest(
        lambda d: d.documents.get(document.id) == document, lambda d: d.documents.get(document.id) is document
    )
    marks = [] if data is None else statistic_marks(data.statistics_of(document), data)
    fold = _fold_at(document.text)
    rest = 0 if fold is None else len(document.text) - fold

    def folded(position: int) -> str:
        return f'</div><details><summary>Show the other {rest:,} characters</summary><div class="ms-text">'

    body = marked_html(document.text, marks, () if fold is None else (fold,), folded)
    closing = "</div>" if fold is None else "</div></details>"
    published = date_text(document.published)
    heading = (
        f"<p><strong>{escape(title_text(document))}</strong> <code>{escape(document.id)}</code>"
        f" · {escape(document.kind.value.replace('_', ' '))}"
        + (f" · published {escape(published)}" if published else "")
        + f" · {len(document.text):,} characters</p>"
    )
    if data is None:
        about = "<p>Its statistics are not marked: no loaded data set holds this document.</p>"
    else:
        about = legend_html({"statistic": len(marks)})
    return f'<div class="ms-notebook"><style>{_CSS}</style>{heading}{about}<div class="ms-text">{body}{closing}</div>'


_STOPS = (". ", "! ", "? ", "\n")


def sentence_bounds(text: str, start: int, end: int, reach: int = REACH) -> tuple[int, int, bool, bool]:
    """
    The sentence around ``text[start:end]``: its start and end, and whether *reach* cut it short on either side.

    Example:
        >>> text = "First one. In 2023, 17,004 people were referred. Last."
        >>> a, b, cut_before, cut_after = sentence_bounds(text, 20, 26)
        >>> text[a:b], cut_before, cut_after
        ('In 2023, 17,004 people were referred.', False, False)

    """
    floor, ceiling = max(0, start - reach), min(len(text), end + reach)
    befores = [found + len(stop) for stop in _STOPS if (found := text.rfind(stop, floor, start)) >= 0]
    afters = [found + len(stop.strip()) for stop in _STOPS if (found := text.find(stop, end, ceiling)) >= 0]
    left, right = max(befores, default=floor), min(afters, default=ceiling)
    while left < start and text[left].isspace():
        left += 1
    return left, right, not befores and floor > 0, not afters and ceiling < len(text)


def statistic_html(stat: Statistic) -> str:
    """
    The notebook view of *stat*: its quote marked inside its sentence, then its fields.

    Example:
        >>> import modslavery
        >>> view = statistic_html(modslavery.load().statistics["pledge-mayoral-2024-s02"])
        >>> print(view[view.index("</mark>") : view.index("</blockquote>")])
        </mark>, the Government&#x27;s framework for identifying and supporting victims of modern slavery in the UK.

    """

    def holds(data: Dataset) -> bool:
        document = data.documents.get(stat.document_id)
        return document is not None and document.text[stat.start : stat.end] == stat.quote

    data = _newest(holds, lambda d: d.statistics.get(stat.id) is stat)
    if data is None:
        text, start, end, before, after = stat.quote, stat.start, stat.end, "", ""
    else:
        text = data.documents[stat.document_id].text
        start, end, cut_before, cut_after = sentence_bounds(text, stat.start, stat.end)
        before, after = "… " if cut_before else "", " …" if cut_after else ""
        text = text[start:end]
    mark = Mark("statistic", stat.id, stat.start - start, stat.end - start, statistic_note(stat, data))
    sentence = marked_html(text, [mark])
    source = "" if data is not None else "<p>Its sentence is not shown: no loaded data set holds its document.</p>"
    return (
        f'<div class="ms-notebook"><style>{_CSS}</style>'
        f'<blockquote class="ms-text">{escape(before)}{sentence}{escape(after)}</blockquote>{source}'
        f"{record_html(stat)}</div>"
    )


class DocumentHTML(HTMLRepr):
    """
    Mixin of :class:`~modslavery.Document`: Jupyter shows the text with its statistics marked.

    Example:
        >>> import modslavery
        >>> modslavery.load().documents["op-ed-stroud"]._repr_html_().startswith('<div class="ms-notebook">')
        True

    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        """The document's text with its statistics marked (see :func:`document_html`)."""
        return document_html(self)  # type: ignore[arg-type]


class StatisticHTML(HTMLRepr):
    """
    Mixin of :class:`~modslavery.Statistic`: Jupyter shows the quote marked in its sentence, then the fields.

    Example:
        >>> import modslavery
        >>> "<mark" in modslavery.load().statistics["op-ed-stroud-s02"]._repr_html_()
        True

    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        """The quote in its sentence and the record (see :func:`statistic_html`)."""
        return statistic_html(self)  # type: ignore[arg-type]
