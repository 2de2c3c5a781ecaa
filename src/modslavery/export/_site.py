"""
The frame of the HTML export's pages: the page shell, the style sheet, tables and links.

Every page is a complete HTML5 document that links ``style.css`` in the site's
folder and nothing outside it. Every value is escaped with :func:`html.escape`.
A page lives at ``index.html`` or one folder down (``documents/ID.html``), so
:func:`link` writes paths relative to where the page stands.

Example:
    >>> print(link("documents", "op-ed-stroud", "The op-ed", depth=1))
    <a href="../documents/op-ed-stroud.html">The op-ed</a>

"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from modslavery._about import __data_version__, __version__
from modslavery._marks import MARK_CSS, TEXT_COLOUR, escape

__all__ = ["LINK_COLOUR", "MUTED_COLOUR", "SITE_CSS", "link", "page", "path_of", "table"]

#: Colour of links, on the white page.
LINK_COLOUR = "#1d4ed8"
#: Colour of secondary text (captions, notes), on the white page and on table headers.
MUTED_COLOUR = "#4b5563"
_HEADER_BACKGROUND = "#f3f4f6"

#: The site's style sheet (``style.css``): page layout, tables and the marks.
SITE_CSS = "\n".join(
    [
        (
            f"body {{ color: {TEXT_COLOUR}; background: #ffffff; font: 1rem/1.5 system-ui, sans-serif;"
            " margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 4rem; }"
        ),
        f"a {{ color: {LINK_COLOUR}; }}",
        "a:focus, summary:focus { outline: 2px solid #1d4ed8; outline-offset: 2px; }",
        f".muted, caption, footer {{ color: {MUTED_COLOUR}; background: #ffffff; }}",
        "nav { margin-bottom: 1rem; }",
        "table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; width: 100%; }",
        f"th {{ color: {TEXT_COLOUR}; background: {_HEADER_BACKGROUND}; text-align: left; }}",
        "th, td { border: 1px solid #d1d5db; padding: 0.25rem 0.5rem; vertical-align: top; }",
        "caption { text-align: left; caption-side: top; padding: 0.25rem 0; }",
        "td.number { text-align: right; font-variant-numeric: tabular-nums; }",
        (
            ".ms-text { white-space: pre-wrap; font: 1.05rem/1.8 Georgia, serif; max-width: 46rem;"
            " padding: 1rem 1.5rem; border: 1px solid #d1d5db; border-radius: 4px; }"
        ),
        "dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }",
        "dt { font-weight: 600; }",
        "dd { margin: 0; }",
        "footer { margin-top: 3rem; font-size: 0.9rem; }",
        MARK_CSS,
    ]
)

_FOOTER = (
    f"modslavery {__version__}, data {__data_version__}. Code MIT; curated records CC-BY-4.0. The source texts "
    "are not openly licensed: they remain their authors' and publishers', and are shown for research, criticism, "
    "review and quotation (see LICENSE-DATA.md)."
)


def path_of(folder: str, record_id: str) -> str:
    """
    A record page's path in the site: ``folder/ID.html``.

    Example:
        >>> path_of("campaigns", "mayoral-pledge-2024")
        'campaigns/mayoral-pledge-2024.html'

    """
    return f"{folder}/{record_id}.html"


def link(folder: str, record_id: str, text: str, *, depth: int, anchor: str | None = None) -> str:
    """
    A link to a record's page (at *anchor* in it, if given), from a page *depth* folders down.

    Example:
        >>> print(link("documents", "d", "<b>", depth=0, anchor="statistic-d-s01"))
        <a href="documents/d.html#statistic-d-s01">&lt;b&gt;</a>

    """
    target = "../" * depth + path_of(folder, record_id) + (f"#{anchor}" if anchor else "")
    return f'<a href="{escape(target)}">{escape(text)}</a>'


def table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[str]], numbers: Iterable[int] = ()) -> str:
    """
    An HTML table: *rows* of cells that are already HTML; the columns in *numbers* are aligned right.

    Example:
        >>> print(table("Two", ["a"], [["1"]], numbers=[0]))
        <table><caption>Two</caption><tr><th scope="col">a</th></tr><tr><td class="number">1</td></tr></table>

    """
    right = set(numbers)
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join(
        "<tr>"
        + "".join(f'<td class="number">{c}</td>' if i in right else f"<td>{c}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><caption>{escape(caption)}</caption><tr>{head}</tr>{body}</table>"


def page(title: str, body: str, *, depth: int) -> bytes:
    """
    A whole page: *title* (text) and *body* (HTML) in the site's frame, as UTF-8 bytes.

    Example:
        >>> page("A & B", "<p>x</p>", depth=1).decode().count('href="../style.css"')
        1

    """
    up = "../" * depth
    nav = "" if depth == 0 else f'<nav><a href="{up}index.html">All documents, campaigns and organisations</a></nav>'
    text = (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} · modslavery</title>\n"
        f'<link rel="stylesheet" href="{up}style.css">\n'
        "</head>\n<body>\n"
        f"{nav}<main>\n{body}\n</main>\n<footer>{escape(_FOOTER)}</footer>\n</body>\n</html>\n"
    )
    return text.encode("utf-8")
