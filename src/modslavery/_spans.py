"""
Spans of a text as properly nested elements: the core of every marked view of a document.

HTML elements nest, but spans of a text may cross. :func:`nest` walks the text
once and returns the events that open and close one element per span, splitting
a span into several elements only where another span crosses it, so that the
elements of each span together hold exactly its characters. Where spans start
together the longer one opens first, so a span that contains another stays
one element.

The work is O(n log n + t + c) for n spans, t characters and c crossing pairs
of spans: sorting the spans, one pass over the boundaries, and one split per
crossing. Spans that only nest or touch are never split.

Example:
    >>> [(e.kind, e.value) for e in nest([(0, 4), (2, 6)], 8)]  # doctest: +NORMALIZE_WHITESPACE
    [('open', 0), ('text', 0), ('open', 1), ('text', 2), ('close', 1), ('close', 0),
     ('open', 1), ('text', 4), ('close', 1), ('text', 6)]

"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Literal, NamedTuple

__all__ = ["Event", "nest", "render"]


class Event(NamedTuple):
    """
    One step of a walk over a text: open or close the element of span *value*, text from *value* to *end*, or a break.

    Example:
        >>> Event("text", 0, 5)
        Event(kind='text', value=0, end=5)

    """

    kind: Literal["open", "close", "text", "break"]
    value: int
    end: int = 0


def nest(spans: Sequence[tuple[int, int]], length: int, breaks: Iterable[int] = ()) -> list[Event]:
    """
    The events that mark *spans* (``(start, end)`` pairs) of a text of *length* characters as nested elements.

    At each position in *breaks* every open element is closed, a ``break``
    event is given, and the elements are opened again in the same order (for a
    fold in the text). An empty span is opened and closed where it stands.

    Raises:
        ValueError: a span or break lies outside the text, or ends before it starts.

    Example:
        >>> [(e.kind, e.value) for e in nest([(0, 6), (2, 4)], 6)]  # nested spans are not split
        [('open', 0), ('text', 0), ('open', 1), ('text', 2), ('close', 1), ('text', 4), ('close', 0)]

    """
    folds = sorted(set(breaks))
    _check(spans, length, folds)
    # Longer spans first where several start together, so that they contain the shorter ones.
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1], i))
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for i in order:
        starting.setdefault(spans[i][0], []).append(i)
        if spans[i][0] < spans[i][1]:
            ending.setdefault(spans[i][1], []).append(i)
    points = sorted({0, length, *starting, *ending, *folds})
    fold_at = set(folds)
    events: list[Event] = []
    stack: list[int] = []  # the open elements, outermost first
    depth: dict[int, int] = {}  # span -> its place in the stack
    for here, following in zip(points, [*points[1:], length], strict=True):
        if here in ending:
            _close(ending[here], stack, depth, events)
        if here in fold_at:
            events += [Event("close", i) for i in reversed(stack)]
            events.append(Event("break", here))
            events += [Event("open", i) for i in stack]
        for i in starting.get(here, ()):
            events.append(Event("open", i))
            if spans[i][1] == here:  # an empty span
                events.append(Event("close", i))
            else:
                depth[i] = len(stack)
                stack.append(i)
        if following > here:
            events.append(Event("text", here, following))
    return events


def _check(spans: Sequence[tuple[int, int]], length: int, folds: list[int]) -> None:
    for index, (start, end) in enumerate(spans):
        if not 0 <= start <= end <= length:
            msg = f"span {index} ({start}, {end}) is not within a text of {length} characters"
            raise ValueError(msg)
    if folds and not 0 <= folds[0] <= folds[-1] <= length:
        msg = f"a break lies outside a text of {length} characters"
        raise ValueError(msg)


def _close(ended: list[int], stack: list[int], depth: dict[int, int], events: list[Event]) -> None:
    """Close the spans *ended*; the elements above the deepest of them cross it, so close and reopen them."""
    lowest = min(depth.pop(i) for i in ended)
    done = set(ended)
    above = stack[lowest:]
    del stack[lowest:]
    events.extend(Event("close", i) for i in reversed(above))
    for i in above:
        if i not in done:
            events.append(Event("open", i))
            depth[i] = len(stack)
            stack.append(i)


def render(
    text: str,
    events: Iterable[Event],
    open_tag: Callable[[int, bool], str],
    close_tag: Callable[[int], str],
    *,
    escape: Callable[[str], str],
    fold: Callable[[int], str] | None = None,
) -> str:
    """
    The markup of *events* over *text*: *open_tag(span, first)* and *close_tag(span)* around *escape*-d text.

    *first* is true for the first element of a span (the one to give an anchor
    or a place in the tab order); *fold(position)* gives the markup of a break.

    Example:
        >>> import html
        >>> events = nest([(0, 1)], 3)
        >>> render("a<b", events, lambda i, first: "<em>", lambda i: "</em>", escape=html.escape)
        '<em>a</em>&lt;b'

    """
    opened: set[int] = set()
    parts: list[str] = []
    for event in events:
        if event.kind == "text":
            parts.append(escape(text[event.value : event.end]))
        elif event.kind == "open":
            parts.append(open_tag(event.value, event.value not in opened))
            opened.add(event.value)
        elif event.kind == "close":
            parts.append(close_tag(event.value))
        elif fold is not None:
            parts.append(fold(event.value))
    return "".join(parts)
