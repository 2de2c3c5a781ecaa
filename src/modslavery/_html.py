"""
HTML tables for Jupyter: ``_repr_html_`` of records and collections.

Every value is escaped, so a quote that contains markup shows as text. Long
texts are shortened (a document's ``text`` to its first 200 characters, with
its length); a collection shows its first 20 records.

Example:
    >>> from modslavery.models import Measure
    >>> print(record_html(Measure(id="a-b", label="<b>A</b>", description="d")))  # doctest: +ELLIPSIS
    <table class="modslavery">...<th>label</th><td>&lt;b&gt;A&lt;/b&gt;</td>...</table>

"""

from __future__ import annotations

import enum
import html
from collections.abc import Iterable, Sized
from typing import Any, cast

import attrs

from modslavery._words import date_text, title_text

__all__ = ["ROWS", "HTMLRepr", "dataset_html", "record_html", "records_html"]

#: How many records a collection shows.
ROWS = 20
_LONG = 200
_CELL = 120


def _escape(s: str, quote: bool = True) -> str:
    return html.escape(s, quote)


def _text(value: Any, limit: int) -> str:
    if value is None:
        text = ""
    elif isinstance(value, enum.Enum):
        text = str(value.value)
    elif isinstance(value, tuple):
        text = "; ".join(_text(v, limit) for v in value)
    elif attrs.has(type(value)) and hasattr(value, "quote"):
        text = str(value.quote)  # evidence shows its words
    elif attrs.has(type(value)) and hasattr(value, "role"):
        text = ", ".join(str(x) for x in (value.name, value.role) if x)  # an author
    elif attrs.has(type(value)) and hasattr(value, "name"):
        text = str(value.name)  # a publisher
    elif attrs.has(type(value)) and hasattr(value, "number"):
        text = f"{value.number}. {value.text}" if value.number is not None else str(value.text)  # an ask
    elif attrs.has(type(value)) and hasattr(value, "start") and hasattr(value, "basis"):
        text = date_text(value) or "undated"
        text += f" “{value.label}”" if getattr(value, "label", None) else ""
    else:
        text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + f"… ({len(text)} characters)"
    return text


def _fields(record: object) -> tuple[attrs.Attribute[Any], ...]:
    return tuple(attrs.fields(cast("type[attrs.AttrsInstance]", type(record))))


def _cell(value: Any, limit: int = _CELL) -> str:
    return _escape(_text(value, limit), quote=True)


def _shown(record: Any, name: str) -> Any:
    """A field's value as shown: a title the source does not state is marked as ours."""
    if name == "title" and hasattr(record, "title_basis"):
        return title_text(record)
    return getattr(record, name)


def record_html(record: object) -> str:
    """
    One record as a two-column HTML table of its fields.

    Example:
        >>> from modslavery.models import Measure
        >>> "<th>id</th><td>a-b</td>" in record_html(Measure(id="a-b", label="A", description="d"))
        True

    """
    rows = "".join(
        f"<tr><th>{_escape(f.name)}</th><td>{_cell(_shown(record, f.name), _LONG)}</td></tr>" for f in _fields(record)
    )
    caption = _escape(type(record).__name__)
    return f'<table class="modslavery"><caption>{caption}</caption>{rows}</table>'


def records_html(records: Iterable[object], kind: str = "record") -> str:
    """
    The first :data:`ROWS` records as an HTML table, one column per field.

    Example:
        >>> import modslavery
        >>> table = records_html(modslavery.load().campaigns, "campaign")
        >>> table.count("<tr>"), "2 campaign record(s)" in table
        (3, True)

    """
    items = list(records)
    total = len(records) if isinstance(records, Sized) else len(items)
    caption = _escape(f"{total} {kind} record(s)" + (f", the first {ROWS} shown" if total > ROWS else ""))
    if not items:
        return f'<table class="modslavery"><caption>{caption}</caption></table>'
    names = [f.name for f in _fields(items[0])]
    head = "<tr>" + "".join(f"<th>{_escape(n)}</th>" for n in names) + "</tr>"
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(_shown(item, n))}</td>" for n in names) + "</tr>" for item in items[:ROWS]
    )
    return f'<table class="modslavery"><caption>{caption}</caption>{head}{body}</table>'


def dataset_html(source: str, data_version: str | None, collections: Iterable[tuple[str, str, int]]) -> str:
    """
    A data set as an HTML table: where it came from, its data version, and each collection's type and count.

    *data_version* is ``None`` for a data set not bundled with the package (its version is not known).

    Example:
        >>> print(dataset_html("here", None, [("documents", "Records", 5)]))  # doctest: +ELLIPSIS
        <table class="modslavery"><caption>Dataset from here, data version unknown</caption>...<td>documents</td>...

    """
    version = f"data {data_version}" if data_version is not None else "data version unknown"
    caption = _escape(f"Dataset from {source}, {version}")
    head = "<tr><th>collection</th><th>type</th><th>records</th></tr>"
    body = "".join(
        f"<tr><td>{_escape(name)}</td><td>{_escape(kind)}</td><td>{count}</td></tr>"
        for name, kind, count in collections
    )
    return f'<table class="modslavery"><caption>{caption}</caption>{head}{body}</table>'


class HTMLRepr:
    """
    Mixin that gives a record ``_repr_html_``, so Jupyter shows it as a table.

    Example:
        >>> import modslavery
        >>> modslavery.load().signatures["mayoral-pledge-2024-01"]._repr_html_().startswith("<table")
        True

    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        """The record as an HTML table (see :func:`record_html`)."""
        return record_html(self)
