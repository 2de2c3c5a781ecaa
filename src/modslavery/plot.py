"""
Charts of the data set for notebooks: signatory overlap and statistic series.

Needs matplotlib, which the ``plot`` extra installs (``pip install "modslavery[plot]"``).
Importing this module does not import matplotlib; each function imports it
when called and raises :class:`ImportError` naming the extra if it is missing.
Each function returns a :class:`matplotlib.figure.Figure` built without
``pyplot``, so it leaves global plotting state alone: show it in Jupyter by
making it the last expression of a cell, or write it with ``fig.savefig(path)``.
Every figure carries a line citing the source documents of what it shows.

Example:
    >>> from modslavery import plot
    >>> fig = plot.signatory_overlap()
    >>> [text.get_text() for text in fig.axes[0].texts]
    ['32', '28', '27']

"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

import modslavery
from modslavery._about import __data_version__
from modslavery._points import SeriesPoint, geography_name, series_points
from modslavery._words import date_text, title_text
from modslavery.models import Campaign, Document, Geography, Measure, Qualifier, Unit

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from modslavery.dataset import Dataset

__all__ = ["INSTALL_HINT", "signatory_overlap", "statistic_series"]

#: The command that installs what this module needs; named in its ImportError.
INSTALL_HINT = 'pip install "modslavery[plot]"'

_COLOUR = "#3b5b92"
_PALE = "#c9d3e6"
_GREY = "#b0b0b0"
_LOWER_BOUNDS = frozenset({Qualifier.MORE_THAN, Qualifier.AT_LEAST})
_UPPER_BOUNDS = frozenset({Qualifier.LESS_THAN, Qualifier.AT_MOST})
_ARROW = {"arrowstyle": "-|>", "color": _COLOUR, "linewidth": 1.5}
_COUNTED = frozenset({Unit.PEOPLE, Unit.OFFENCES, Unit.COUNTRIES, Unit.ORGANISATIONS, Unit.RECOMMENDATIONS})
_PHRASES = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: "more than ",
    Qualifier.LESS_THAN: "less than ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.AT_MOST: "at most ",
    Qualifier.APPROXIMATELY: "about ",
    Qualifier.ESTIMATED: "an estimated ",
}


def _new_figure(width: float, height: float) -> Figure:
    """A fresh figure with constrained layout, or an ImportError naming the extra."""
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415 - matplotlib is optional and heavy
    except ImportError as error:
        msg = f"modslavery.plot needs matplotlib; install it with: {INSTALL_HINT}"
        raise ImportError(msg, name="matplotlib") from error
    return Figure(figsize=(width, height), layout="constrained")


def _dataset(ds: Dataset | None) -> Dataset:
    if ds is not None:
        return ds

    return modslavery.load()


def _cite(fig: Figure, text: str, *, legend: bool = False) -> None:
    """Put a source line (wrapped to the figure's width) under the figure, and its legend above it if any."""
    width, height = fig.get_size_inches()
    wrap = functools.partial(textwrap.wrap, width=int(width * 17), break_on_hyphens=False)  # ids stay whole
    lines = [line for paragraph in text.split("\n") for line in wrap(paragraph)]
    line = 8 * 1.3 / 72 / height  # a line of 8-point text, as a share of the figure's height
    text_share = 0.02 + line * len(lines)
    share = text_share + (0.07 if legend else 0.0)
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.set(rect=(0, share, 1, 1 - share))  # type: ignore[call-arg]
    fig.text(0.01, 0.01, "\n".join(lines), ha="left", va="bottom", fontsize=8, color="#444444")
    if legend and fig.legends:
        fig.legends[0].set_bbox_to_anchor((0.5, text_share), transform=fig.transFigure)


def _format_value(value: float, unit: Unit) -> str:
    number = f"{value:,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    if unit is Unit.GBP:
        return f"£{number}"
    if unit is Unit.USD:
        return f"US${number}"
    if unit is Unit.PERCENT:
        return f"{number}%"
    return number


def _axis_label(unit: Unit) -> str:
    name = unit.value.replace("_", " ")
    return f"number of {name}" if unit in _COUNTED else name


def _period_label(point: SeriesPoint) -> str:
    return date_text(point.period) or "no period stated"


def signatory_overlap(campaigns: Sequence[Campaign | str] = (), *, ds: Dataset | None = None) -> Figure:
    """
    An UpSet-style chart of who signed which campaigns.

    Each bar counts the organisations that signed exactly the campaigns marked
    by filled dots beneath it (and none of the others chosen); the rows of dots
    name each campaign with its total number of signatories. Bars are ordered by
    how many campaigns they combine, then in campaign order, so for two
    campaigns they read "only the first", "only the second", "both".

    Args:
        campaigns: campaigns or ids to compare; all campaigns of *ds* if empty.
        ds: the data set; the bundled one if ``None``.

    Returns:
        A matplotlib figure with two axes: the bars (``fig.axes[0]``) and the dot matrix.

    Raises:
        ImportError: matplotlib is not installed.
        NotFound: a campaign id is not in the data.

    Example:
        >>> from modslavery import plot
        >>> fig = plot.signatory_overlap(["mayoral-pledge-2024", "general-election-statement"])
        >>> [int(bar.get_height()) for bar in fig.axes[0].patches]
        [28, 32, 27]

    """
    data = _dataset(ds)
    chosen = [data.campaigns[c] if isinstance(c, str) else c for c in (campaigns or list(data.campaigns))]
    members = [data.signatories(c) for c in chosen]
    counts: dict[tuple[int, ...], int] = {}
    for org in frozenset().union(*members):
        combination = tuple(i for i, signed in enumerate(members) if org in signed)
        counts[combination] = counts.get(combination, 0) + 1
    combinations = sorted(counts, key=lambda combo: (len(combo), combo))

    n = len(chosen)
    fig = _new_figure(max(8.5, 1.2 * len(combinations) + 5.0), 3.6 + 0.6 * n)
    bars_ax, dots_ax = fig.subplots(2, 1, sharex=True, height_ratios=(3, max(1.2, 0.6 * n)))
    xs = list(range(len(combinations)))
    heights = [counts[combo] for combo in combinations]
    bars_ax.bar(xs, heights, width=0.6, color=[_COLOUR if len(c) > 1 else _PALE for c in combinations])
    bars_ax.set_ylim(0, max(heights, default=1) * 1.18)
    for x, height in zip(xs, heights, strict=True):
        bars_ax.annotate(str(height), (x, height), xytext=(0, 3), textcoords="offset points", ha="center")
    bars_ax.set_ylabel("organisations")
    fig.suptitle("Organisations by the campaigns they signed")
    bars_ax.spines[["top", "right"]].set_visible(False)
    bars_ax.tick_params(axis="x", length=0)

    for x, combo in enumerate(combinations):
        dots_ax.scatter([x] * n, range(n), s=90, color=_GREY, alpha=0.35, zorder=2)
        dots_ax.scatter([x] * len(combo), combo, s=90, color="black", zorder=3)
        if len(combo) > 1:
            dots_ax.plot([x, x], [min(combo), max(combo)], color="black", linewidth=2, zorder=2)
    names = [textwrap.fill(f"{title_text(c)} ({len(m)} signatories)", 34) for c, m in zip(chosen, members, strict=True)]
    dots_ax.set_yticks(range(n), names)
    dots_ax.set_ylim(n - 0.5, -0.5)
    dots_ax.set_xlim(-0.6, len(combinations) - 0.4)
    dots_ax.set_xticks([])
    dots_ax.set_xlabel("filled dots: the campaigns a bar's organisations signed (and no other)", fontsize=9)
    for side in ("top", "right", "bottom", "left"):
        dots_ax.spines[side].set_visible(False)
    dots_ax.tick_params(axis="y", length=0)

    sources = "; ".join(f"{_document_label(data.documents[c.document_id])} ({c.document_id})" for c in chosen)
    _cite(fig, f"Source: the signatory lists of {sources}.\n{_provenance(ds)}")
    return fig


def statistic_series(
    measure: Measure | str = "nrm-referrals", *, unit: Unit | str | None = None, ds: Dataset | None = None
) -> Figure:
    """
    A bar chart of one measure across periods, one panel per area, qualifiers shown honestly.

    The statistics of :meth:`~modslavery.Dataset.series` become one bar per
    figure (:func:`modslavery._points.series_points`): a document that states
    the same figure twice gives one bar, and the source line cites both
    statistics. Figures for different areas are never drawn on one axis: each
    area (worldwide, United Kingdom, ..., or "area not stated") has its own
    panel, titled with its name and scaled on its own. An exact figure is a
    solid bar; a bound ("more than", "at least") is a hatched bar with an arrow
    pointing the way the true value lies; an estimate or an approximate figure
    is hatched. Every bar is labelled with the figure as the text qualifies it
    (for example "more than 3,800") and, beneath it, with its period and
    source document. The source line names each document once.

    Args:
        measure: a :class:`~modslavery.Measure` or its id.
        unit: keep only this unit where the measure is stated in several.
        ds: the data set; the bundled one if ``None``.

    Returns:
        A matplotlib figure with one axes per area (``fig.axes``), in the order of
        :class:`~modslavery.Geography`, "area not stated" last.

    Raises:
        ImportError: matplotlib is not installed.
        NotFound: the measure is not in the data.
        ValueError: the series mixes units; pass *unit*.

    Example:
        >>> from modslavery import plot
        >>> fig = plot.statistic_series("nrm-referrals")
        >>> [text.get_text() for text in fig.axes[0].texts], fig.axes[0].get_title()
        (['more than 3,800', '17,004'], 'United Kingdom')
        >>> [ax.get_title() for ax in plot.statistic_series("people-in-modern-slavery").axes]
        ['Worldwide', 'United Kingdom']

    """
    data = _dataset(ds)
    measure_id = measure.id if isinstance(measure, Measure) else measure
    label = data.measures[measure_id].label
    series = data.series(measure_id, unit=unit)
    units = {s.unit for s in series}
    if len(units) > 1:
        names = ", ".join(sorted(u.value for u in units))
        msg = f"the series of {measure_id!r} mixes units ({names}); pass unit= one of them"
        raise ValueError(msg)

    panels: dict[Geography | None, list[SeriesPoint]] = {}
    for point in series_points(series):
        panels.setdefault(point.geography, []).append(point)
    sizes = [len(points) for points in panels.values()] or [1]
    fig = _new_figure(max(8.0, 1.8 * sum(sizes) + 2.2 * len(sizes) + 1.3), 5.0)
    axes = fig.subplots(1, len(sizes), squeeze=False, width_ratios=[size + 0.8 for size in sizes])[0]
    for ax, (geography, points) in zip(axes, panels.items(), strict=False):
        _bars(ax, points)
        ax.set_title(geography_name(geography))
        ax.set_xlabel("period stated by the source, and source document", fontsize=9)
    axes[0].set_ylabel(_axis_label(series[0].unit) if series else "")
    fig.suptitle(label)
    qualifiers = {s.qualifier for s in series}
    if qualifiers - {Qualifier.EXACT}:
        _legend(fig, qualifiers)
    _cite(fig, _sources(data, series_points(series)) + f"\n{_provenance(ds)}", legend=bool(fig.legends))
    return fig


def _bars(ax: Axes, points: Sequence[SeriesPoint]) -> None:
    """One bar per figure on *ax*, labelled with the figure as the text qualifies it."""
    top = max((float(p.value) for p in points), default=1.0)
    for x, point in enumerate(points):
        exact = point.qualifier is Qualifier.EXACT
        ax.bar(
            x,
            point.value,
            width=0.6,
            color=_COLOUR if exact else _PALE,
            edgecolor=_COLOUR,
            hatch=None if exact else "//",
        )
        text = _PHRASES[point.qualifier] + _format_value(point.value, point.unit)
        value = float(point.value)
        if point.qualifier in _LOWER_BOUNDS:  # an arrow up from the bar to the label: the true value lies above
            at, arrow = (x, value + 0.12 * top), {**_ARROW, "arrowstyle": "<|-"}
            ax.annotate(text, (x, value), xytext=at, ha="center", va="bottom", arrowprops=arrow)
        elif point.qualifier in _UPPER_BOUNDS:  # an arrow down into the bar: the true value lies below
            at = (x, value + 0.03 * top)
            ax.annotate(text, (x, value - 0.12 * top), xytext=at, ha="center", va="bottom", arrowprops=_ARROW)
        else:
            ax.annotate(text, (x, value), xytext=(0, 4), textcoords="offset points", ha="center", va="bottom")
    ax.set_xticks(range(len(points)), [f"{_period_label(p)}\n{p.document_id}" for p in points])
    ax.set_xlim(-0.6, max(len(points), 1) - 0.4)
    ax.set_ylim(0, top * 1.45)
    if top >= 1000:  # noqa: PLR2004 - thousands separators only where they help
        ax.yaxis.set_major_formatter("{x:,.0f}")
    ax.spines[["top", "right"]].set_visible(False)


def _sources(data: Dataset, points: Sequence[SeriesPoint]) -> str:
    """Each source document once, with the statistics (and so the quotes) behind each of its figures."""
    by_document: dict[str, list[str]] = {}
    for point in points:
        cited = []
        for stat in point.statistics:
            speaker = "" if stat.speaker_id is None else f", quoting {data.entities[stat.speaker_id].name}"
            cited.append(stat.id + speaker)
        figure = _PHRASES[point.qualifier] + _format_value(point.value, point.unit)
        times = f"stated {len(cited)} times: " if len(cited) > 1 else ""
        by_document.setdefault(point.document_id, []).append(f"{figure} ({times}{'; '.join(cited)})")
    lines = [
        f"{_document_label(data.documents[document_id])} ({document_id}): {', '.join(figures)}"
        for document_id, figures in by_document.items()
    ]
    return "Sources: " + "; ".join(lines) + "."


def _document_label(doc: Document) -> str:
    """A document as a source line cites it: a headline in quotes, an editorial title marked, a date with its basis."""
    date = date_text(doc.published)
    return title_text(doc, quoted=True) + ("" if date is None else f", {date}")


def _legend(fig: Figure, qualifiers: set[Qualifier]) -> None:
    from matplotlib.patches import Patch  # noqa: PLC0415 - matplotlib is optional

    handles = (
        [Patch(facecolor=_COLOUR, edgecolor=_COLOUR, label="exact figure")] if Qualifier.EXACT in qualifiers else []
    )
    if qualifiers & _LOWER_BOUNDS:
        handles.append(
            Patch(facecolor=_PALE, edgecolor=_COLOUR, hatch="//", label="lower bound: the true value is higher")
        )
    if qualifiers & _UPPER_BOUNDS:
        handles.append(
            Patch(facecolor=_PALE, edgecolor=_COLOUR, hatch="//", label="upper bound: the true value is lower")
        )
    if qualifiers & {Qualifier.APPROXIMATELY, Qualifier.ESTIMATED}:
        handles.append(Patch(facecolor=_PALE, edgecolor=_COLOUR, hatch="//", label="estimate or approximation"))
    fig.legend(handles=handles, loc="lower center", ncols=len(handles), frameon=False, fontsize=9)


def _provenance(ds: Dataset | None) -> str:
    """Which data a figure shows: the bundled data's version, or where a user's data set came from."""
    if ds is not None:
        return f"Data: {ds.source}."

    return f"Data: modslavery bundled data {__data_version__}."
