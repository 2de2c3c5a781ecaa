"""Marking spans of a text as nested elements (#21): each span's elements hold exactly its characters."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from modslavery._marks import Mark, marked_html
from modslavery._spans import nest, render


class SpanReader(HTMLParser):
    """An independent reading of marked HTML: the text inside each element, by its data-id, and the whole text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.inside: dict[str, str] = {}
        self.elements: dict[str, int] = {}
        self.text = ""

    def handle_starttag(self, _tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("data-id")
        if ident is not None:
            assert ident not in [i for i in self.open if i is not None], f"{ident} nested in itself"
            self.elements[ident] = self.elements.get(ident, 0) + 1
            self.inside.setdefault(ident, "")
        self.open.append(ident)

    def handle_endtag(self, _tag: str) -> None:
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text += data
        for ident in self.open:
            if ident is not None:
                self.inside[ident] += data


def read(markup: str) -> SpanReader:
    reader = SpanReader()
    reader.feed(markup)
    reader.close()
    assert reader.open == [], "an element was left open"
    return reader


def markup(text: str, spans: list[tuple[int, int]], breaks: tuple[int, ...] = ()) -> str:
    return render(
        text,
        nest(spans, len(text), breaks),
        lambda i, _first: f'<span data-id="{i}">',
        lambda _i: "</span>",
        escape=html.escape,
        fold=lambda _position: "<hr>",
    )


def crossings(spans: list[tuple[int, int]]) -> int:
    """Pairs of spans that overlap without one containing the other, counted pair by pair."""
    return sum(1 for i, (a, b) in enumerate(spans) for c, d in spans[i + 1 :] if (a < c < b < d) or (c < a < d < b))


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(alphabet="ab <>&\"'\n", max_size=40))
    point = st.integers(0, len(text))
    pairs = draw(st.lists(st.tuples(point, point), max_size=12))
    return text, [(min(p), max(p)) for p in pairs]


class TestNest:
    @given(text_and_spans())
    def test_every_span_holds_exactly_its_characters(self, case):
        text, spans = case
        reader = read(markup(text, spans))
        assert reader.text == text
        for i, (start, end) in enumerate(spans):
            assert reader.inside[str(i)] == text[start:end]

    @given(text_and_spans(), st.data())
    def test_breaks_keep_every_span_whole(self, case, data):
        text, spans = case
        breaks = tuple(data.draw(st.lists(st.integers(0, len(text)), max_size=3)))
        marked = markup(text, spans, breaks)
        assert marked.count("<hr>") == len(set(breaks))
        reader = read(marked.replace("<hr>", ""))
        for i, (start, end) in enumerate(spans):
            assert reader.inside[str(i)] == text[start:end]

    @given(text_and_spans())
    def test_a_span_is_split_only_where_another_crosses_it(self, case):
        """One element per span, plus at most one more per crossing pair: no needless splits."""
        text, spans = case
        reader = read(markup(text, spans))
        assert sum(reader.elements.values()) <= len(spans) + crossings(spans)
        if crossings(spans) == 0:
            assert all(count == 1 for count in reader.elements.values())

    def test_crossing_spans_split_the_later_one(self):
        assert markup("abcdef", [(0, 4), (2, 6)]) == (
            '<span data-id="0">ab<span data-id="1">cd</span></span><span data-id="1">ef</span>'
        )

    def test_the_longer_of_two_spans_starting_together_contains_the_shorter(self):
        assert markup("abcd", [(0, 2), (0, 4)]) == '<span data-id="1"><span data-id="0">ab</span>cd</span>'

    def test_an_empty_span_is_an_empty_element(self):
        assert markup("ab", [(1, 1)]) == 'a<span data-id="0"></span>b'

    @pytest.mark.parametrize(("spans", "breaks"), [([(0, 5)], ()), ([(-1, 2)], ()), ([(2, 1)], ()), ([], (4,))])
    def test_spans_outside_the_text_are_refused(self, spans, breaks):
        with pytest.raises(ValueError, match="text of 3 characters"):
            nest(spans, 3, breaks)

    def test_work_grows_linearly_with_nested_spans(self):
        """A thousand nested spans and a thousand side by side give one element each, no splits."""
        nested = [(i, 2000 - i) for i in range(1000)]
        side = [(2 * i, 2 * i + 1) for i in range(1000)]
        for spans in (nested, side):
            events = nest(spans, 2000)
            assert sum(e.kind == "open" for e in events) == 1000


class TestMarks:
    @given(text_and_spans())
    def test_marks_of_every_kind_hold_their_spans(self, case):
        text, spans = case
        kinds = ["statistic", "signature", "mention", "exclusion"]
        marks = [Mark(kinds[i % 4], f"r-{i}", a, b, f"note <{i}>") for i, (a, b) in enumerate(spans)]
        marked = marked_html(text, marks)
        for i, mark in enumerate(marks):
            reader = read(marked.replace(f'data-{mark.kind}-id="r-{i}"', f'data-id="{i}"'))
            assert reader.inside[str(i)] == text[mark.start : mark.end]

    def test_the_first_element_of_a_mark_is_its_anchor_and_tab_stop(self):
        marks = [Mark("mention", "m", 0, 4, "a"), Mark("statistic", "s", 2, 6, "b")]
        marked = marked_html("abcdef", marks)
        assert marked.count('id="statistic-s" tabindex="0"') == 1
        assert marked.count('data-statistic-id="s"') == 2
        assert marked.count("tabindex") == 2
