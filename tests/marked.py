"""Reading marked HTML back with the standard library's parser: the tests' independent view of a page (#21)."""

from __future__ import annotations

from html.parser import HTMLParser

KINDS = ("statistic", "signature", "mention", "exclusion")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class PageReader(HTMLParser):
    """
    Checks that every element is closed in order, and collects what the tests look at.

    ``marks[kind][id]`` is the text inside the elements that carry ``data-KIND-id="id"``, concatenated;
    ``elements`` lists every start tag with its attributes; ``ids`` are the HTML ids.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list[tuple[str, str]]]] = []
        self.marks: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
        self.pieces: dict[str, dict[str, int]] = {kind: {} for kind in KINDS}
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.text = ""
        self.problems: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if len(attributes) != len(attrs):
            self.problems.append(f"repeated attribute in <{tag}>")
        self.elements.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        marked = [(k, attributes[f"data-{k}-id"]) for k in KINDS if attributes.get(f"data-{k}-id") is not None]
        for kind, ident in marked:
            if any((kind, ident) in m for _, m in self.stack):
                self.problems.append(f"{kind} {ident} inside itself")
            self.marks[kind].setdefault(ident, "")
            self.pieces[kind][ident] = self.pieces[kind].get(ident, 0) + 1
        if tag not in VOID:
            self.stack.append((tag, marked))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text += data
        for _, marked in self.stack:
            for kind, ident in marked:
                self.marks[kind][ident] += data


def read_page(markup: str) -> PageReader:
    """Parse *markup*; fail on an element left open or closed out of order."""
    reader = PageReader()
    reader.feed(markup)
    reader.close()
    assert reader.problems == [], reader.problems[:5]
    assert [tag for tag, _ in reader.stack] == [], "elements left open"
    return reader


def wcag_contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` colours, from the definition of relative luminance."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
