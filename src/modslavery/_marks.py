"""
Marked evidence: statistics, signatures, mentions and exclusions shown as marks in their document's text.

Each record becomes one or more ``<mark>`` elements carrying
``data-statistic-id``, ``data-signature-id``, ``data-mention-id`` or
``data-exclusion-id``, whose text is exactly the record's span (a span crossing
another is split, see :mod:`modslavery._spans`). A mark shows its record in its
``title`` on hover and, from the keyboard, in a tooltip when it has focus (or
when a link leads to it). The
HTML export and the notebook views share these marks, their colours and their
style sheet.

Example:
    >>> mark = Mark("exclusion", "x-01", 0, 4, "Year, not a quantity")
    >>> print(marked_html("2010 was", [mark]))  # doctest: +NORMALIZE_WHITESPACE
    <mark class="ms-mark ms-exclusion" data-exclusion-id="x-01" title="Year, not a quantity"
    id="exclusion-x-01" tabindex="0">2010</mark> was

"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from modslavery._spans import nest, render

if TYPE_CHECKING:
    from modslavery.dataset import Dataset
    from modslavery.models import DateClaim, Exclusion, Mention, Period, Signature, Statistic

__all__ = [
    "KINDS",
    "MARK_CSS",
    "TEXT_COLOUR",
    "Kind",
    "Mark",
    "dates_text",
    "escape",
    "legend_html",
    "marked_html",
    "marks_by_document",
    "statistic_marks",
    "statistic_note",
]

#: The colour of text on every light background of the pages and marks.
TEXT_COLOUR = "#111827"


# Named tuples, not attrs classes: these are built on every cold start, and a named tuple costs a third as much.
class Kind(NamedTuple):
    """
    One kind of marked record: its name, its label and its colours (background, underline colour and style).

    Example:
        >>> KINDS[0].attribute
        'data-statistic-id'

    """

    name: str
    label: str
    background: str
    underline: str
    style: str

    @property
    def attribute(self) -> str:
        """The attribute that carries a mark's record id."""
        return f"data-{self.name}-id"


#: The four kinds, in the order of their legend. Underlines differ in style as well as colour.
KINDS: tuple[Kind, ...] = (
    Kind("statistic", "Statistic", "#fde68a", "#b45309", "solid"),
    Kind("signature", "Signature", "#bbf7d0", "#15803d", "double"),
    Kind("mention", "Mention", "#bfdbfe", "#1d4ed8", "dotted"),
    Kind("exclusion", "Exclusion (not a statistic)", "#e5e7eb", "#4b5563", "dashed"),
)
_KIND = {kind.name: kind for kind in KINDS}

#: The style sheet of marks, their keyboard tooltip and the legend.
MARK_CSS = "\n".join(
    [
        "mark.ms-mark { position: relative; padding: 0 1px; cursor: help; }",
        *(
            f"mark.ms-{k.name}, .ms-legend .ms-{k.name} {{ color: {TEXT_COLOUR}; background: {k.background}; "
            f"border-bottom: 3px {k.style} {k.underline}; }}"
            for k in KINDS
        ),
        "mark.ms-mark:focus { outline: 2px solid #1d4ed8; outline-offset: 1px; }",
        (
            "mark.ms-mark:focus::after, mark.ms-mark:target::after { content: attr(title); position: absolute;"
            " left: 0; top: 100%; z-index: 10; width: max-content; max-width: 30em; white-space: pre-line;"
            " color: #ffffff; background: #111827; padding: 0.4em 0.6em; border-radius: 4px;"
            " font: 0.85rem/1.4 system-ui, sans-serif; }"
        ),
        ".ms-legend { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; list-style: none; padding: 0; }",
        ".ms-legend span { padding: 0 0.3em; }",
    ]
)


class Mark(NamedTuple):
    """
    A span of a document to mark: the record's kind and id, where it stands, and what its tooltip says.

    Example:
        >>> Mark("statistic", "doc-s01", 10, 15, "17,004 people").end
        15

    """

    kind: str
    record_id: str
    start: int
    end: int
    note: str


def escape(text: str) -> str:
    """
    *text* escaped for HTML text or a double-quoted attribute.

    Example:
        >>> escape('<a href="x">')
        '&lt;a href=&quot;x&quot;&gt;'

    """
    return html.escape(text, quote=True)


def marked_html(
    text: str, marks: Sequence[Mark], breaks: Iterable[int] = (), fold: Callable[[int], str] | None = None
) -> str:
    """
    *text*, escaped, with every mark as ``<mark>`` elements; *fold(position)* is put at each of *breaks*.

    The first element of a record has the HTML id ``kind-id`` and a place in
    the tab order; the others (where a crossing span split it) carry its id and
    title only.

    Example:
        >>> marks = [Mark("mention", "m1", 0, 5, "an entity"), Mark("statistic", "s1", 3, 8, "5 people")]
        >>> print(marked_html("abc<efgh", marks).replace(' title="an entity"', "").replace(' title="5 people"', ""))
        ... # doctest: +NORMALIZE_WHITESPACE
        <mark class="ms-mark ms-mention" data-mention-id="m1" id="mention-m1" tabindex="0">abc<mark
        class="ms-mark ms-statistic" data-statistic-id="s1" id="statistic-s1" tabindex="0">&lt;e</mark></mark><mark
        class="ms-mark ms-statistic" data-statistic-id="s1">fgh</mark>

    """

    def open_tag(index: int, first: bool) -> str:
        mark = marks[index]
        kind = _KIND[mark.kind]
        tag = (
            f'<mark class="ms-mark ms-{kind.name}" {kind.attribute}="{escape(mark.record_id)}"'
            f' title="{escape(mark.note)}"'
        )
        if first:
            tag += f' id="{kind.name}-{escape(mark.record_id)}" tabindex="0"'
        return tag + ">"

    events = nest([(m.start, m.end) for m in marks], len(text), breaks)
    return render(text, events, open_tag, _close_tag, escape=escape, fold=fold)


def _close_tag(index: int) -> str:
    return "</mark>"


def legend_html(counts: dict[str, int] | None = None) -> str:
    """
    The legend of the marks: each kind's colour and label, with how many marks of it a page shows.

    Example:
        >>> legend_html({"statistic": 2}).count("<li>")
        1

    """
    items = [
        f'<li><span class="ms-{k.name}">{escape(k.label)}</span>'
        + (f" {counts[k.name]}" if counts is not None else "")
        + "</li>"
        for k in KINDS
        if counts is None or k.name in counts
    ]
    return f'<ul class="ms-legend" aria-label="Legend of the marks">{"".join(items)}</ul>'


def dates_text(claim: DateClaim | Period | None) -> str:
    """
    A date claim or period as text: one date, or a range, marked when it is inferred.

    Example:
        >>> from modslavery.models import Basis, PartialDate, Period
        >>> dates_text(Period(label=None, start=PartialDate(2016), end=None, basis=Basis.INFERRED))
        '2016 to open (inferred)'

    """
    if claim is None or (claim.start is None and claim.end is None):
        return ""
    start, end = claim.start, claim.end
    text = str(start) if start == end else f"{start or '?'} to {end or 'open'}"
    return text + (" (inferred)" if claim.basis.value == "inferred" else "")


def _number(value: float) -> str:
    return f"{value:,}"


def statistic_note(stat: Statistic, data: Dataset | None) -> str:
    """
    The tooltip of a statistic: value, unit, qualifier, period, speaker, area and measure, one per line.

    Speaker and measure are named from *data*, or given by id when it is ``None``.

    Example:
        >>> import modslavery
        >>> print(statistic_note(modslavery.load().statistics["pledge-mayoral-2024-s02"], None))
        Statistic pledge-mayoral-2024-s02
        17,004 people (exact)
        period: In 2023 (2023)
        area: united_kingdom
        measure: nrm-referrals

    """
    lines = [
        f"Statistic {stat.id}",
        f"{_number(stat.value)} {stat.unit.value} ({stat.qualifier.value.replace('_', ' ')})",
    ]
    if stat.period is not None:
        dates = dates_text(stat.period)
        label = stat.period.label
        lines.append("period: " + (f"{label} ({dates})" if label and dates else label or dates))
    if stat.speaker_id is not None:
        speaker = None if data is None else data.entities.get(stat.speaker_id)
        lines.append(f"speaker: {speaker.name if speaker is not None else stat.speaker_id}")
    if stat.geography is not None:
        lines.append(f"area: {stat.geography.value}")
    measure = None if data is None else data.measures.get(stat.measure_id)
    lines.append(f"measure: {measure.label if measure is not None else stat.measure_id}")
    return "\n".join(lines)


def _signature_note(sig: Signature, data: Dataset) -> str:
    campaign = data.campaigns[sig.campaign_id]
    organisation = data.organisations[sig.organisation_id]
    return f"Signature {sig.id}\nno. {sig.position} of “{campaign.title}”\norganisation: {organisation.name}"


def _mention_note(mention: Mention, data: Dataset) -> str:
    if mention.organisation_id is not None:
        target = f"organisation: {data.organisations[mention.organisation_id].name}"
    else:
        entity = data.entities[mention.target_id]
        target = f"{entity.kind.value}: {entity.name}"
    return f"Mention {mention.id}\n{target}"


def _exclusion_note(exclusion: Exclusion) -> str:
    return f"Exclusion {exclusion.id} (not a statistic)\nreason: {exclusion.reason}"


def statistic_marks(statistics: Iterable[Statistic], data: Dataset) -> list[Mark]:
    """
    The marks of *statistics*, with their tooltips.

    Example:
        >>> import modslavery
        >>> ds = modslavery.load()
        >>> statistic_marks(ds.statistics_of("pledge-mayoral-2024"), ds)[1].note.splitlines()[1]
        '17,004 people (exact)'

    """
    return [Mark("statistic", s.id, s.start, s.end, statistic_note(s, data)) for s in statistics]


def marks_by_document(data: Dataset) -> dict[str, list[Mark]]:
    """
    Every document's marks of every kind (statistics, signatures, mentions, exclusions), in one pass.

    Example:
        >>> import modslavery
        >>> marks = marks_by_document(modslavery.load())
        >>> sorted({m.kind for m in marks["pledge-mayoral-2024"]})
        ['exclusion', 'mention', 'signature', 'statistic']

    """
    marks: dict[str, list[Mark]] = {d.id: [] for d in data.documents}
    for document in data.documents:
        marks[document.id] += statistic_marks(data.statistics_of(document), data)
    for campaign in data.campaigns:
        marks[campaign.document_id] += [
            Mark("signature", s.id, s.start, s.end, _signature_note(s, data)) for s in data.signatures_of(campaign)
        ]
    for document in data.documents:
        marks[document.id] += [
            Mark("mention", m.id, m.start, m.end, _mention_note(m, data)) for m in data.mentions_in(document)
        ]
    for exclusion in data.exclusions:
        marks[exclusion.document_id].append(
            Mark("exclusion", exclusion.id, exclusion.start, exclusion.end, _exclusion_note(exclusion))
        )
    return marks
