"""
The commands of ``modslavery``: each parses nothing, calls one query or export, and returns a result to print.

Example:
    >>> import argparse
    >>> result = lookup(argparse.Namespace(name="ECPAT"))
    >>> dict(result.fields)["id"]
    'ecpat-uk'

"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from modslavery import export as writers
from modslavery._about import __data_version__
from modslavery._converter import unstructure
from modslavery._loader import load
from modslavery._points import geography_name, series_points
from modslavery._words import date_text, title_text
from modslavery.cli._output import Record, Table, Text
from modslavery.cli._tools import completion, validate
from modslavery.export._atomic import write_files
from modslavery.export.json import json_files, manifest_bytes
from modslavery.export.schema import schema_files

if TYPE_CHECKING:
    from modslavery.dataset import Dataset
    from modslavery.models import DateClaim, Organisation, Period, Statistic

__all__ = [
    "campaigns_list",
    "campaigns_show",
    "completion",
    "documents_list",
    "documents_show",
    "export",
    "lookup",
    "measures_list",
    "organisations_list",
    "organisations_show",
    "overlap",
    "overview",
    "search",
    "series",
    "signatories",
    "signed_all",
    "signed_any",
    "signed_exactly",
    "signed_only",
    "statistics_list",
    "statistics_show",
    "validate",
]


def _ds() -> Dataset:
    return load()


def _json(record: object) -> Any:
    return unstructure(record)


def _date(claim: DateClaim | Period | None) -> str | None:
    return date_text(claim)


def _period(stat: Statistic) -> str | None:
    if stat.period is None:
        return None
    dates, label = _date(stat.period), stat.period.label
    if dates is None or (label and dates.split()[0] in label):
        return label or dates
    return f"{dates}, {label!r}" if label else dates


# -- overview and records -------------------------------------------------


def overview(args: argparse.Namespace) -> Text:
    """
    Counts, documents, campaigns and their signatory overlap.

    Example:
        >>> print(overview(argparse.Namespace()).text.splitlines()[0])
        modslavery data 2026.12.04: 5 documents, 20 statistics, 2 campaigns, 114 signatures of 87 organisations

    """
    ds = _ds()
    signers = {s.organisation_id for s in ds.signatures}
    lines = [
        (
            f"modslavery data {__data_version__}: {len(ds.documents)} documents, {len(ds.statistics)} statistics, "
            f"{len(ds.campaigns)} campaigns, {len(ds.signatures)} signatures of {len(signers)} organisations"
        ),
        "",
        "Documents:",
    ]
    lines += [f"  {d.id:<34} {d.kind.value:<16} {title_text(d)}" for d in ds.documents]
    lines += ["", "Campaigns:"]
    lines += [f"  {c.id:<34} {len(ds.signatories(c)):>3} signatories  {title_text(c)}" for c in ds.campaigns]
    lines += ["", "Signatory overlap:"]
    lines += [
        f"  {row.a} & {row.b}: {row.both} both, {row.only_a} only the first, {row.only_b} only the second "
        f"(Jaccard {row.jaccard:.2f})"
        for row in ds.overlap()
    ]
    data = {
        "data_version": __data_version__,
        "counts": {attribute: len(getattr(ds, attribute)) for attribute in ("documents", "statistics", "campaigns")}
        | {"signatures": len(ds.signatures), "signing_organisations": len(signers)},
        "overlap": [
            {"a": r.a, "b": r.b, "both": r.both, "only_a": r.only_a, "only_b": r.only_b, "jaccard": r.jaccard}
            for r in ds.overlap()
        ],
    }
    return Text("\n".join(lines), data)


def documents_list(args: argparse.Namespace) -> Table:
    """Every document: id, kind, publication date, statistics and title."""
    ds = _ds()
    rows = [(d.id, d.kind.value, _date(d.published), len(ds.statistics_of(d)), title_text(d)) for d in ds.documents]
    return Table(("id", "kind", "published", "statistics", "title"), rows)


def documents_show(args: argparse.Namespace) -> Record | Text:
    """One document's metadata and statistics, or its full text with ``--text``."""
    ds = _ds()
    doc = ds.documents[args.id]
    if args.text:
        return Text(doc.text, {"id": doc.id, "text": doc.text})
    authors = [", ".join(x for x in (a.name, a.role) if x) for a in doc.authors]
    fields = [
        ("id", doc.id),
        ("kind", doc.kind.value),
        ("title", title_text(doc)),
        ("authors", authors or None),
        ("publisher", doc.publisher.name if doc.publisher else None),
        ("published", _date(doc.published)),
        ("updated", _date(doc.updated)),
        ("source_file", doc.source_file),
        ("sha256", doc.sha256),
        ("characters", len(doc.text)),
        ("notes", list(doc.notes) or None),
    ]
    rows = [(s.id, s.value, s.unit.value, s.measure_id) for s in ds.statistics_of(doc)]
    stats = Table(("id", "value", "unit", "measure_id"), rows, empty="none")
    return Record(fields, _json(doc), [("statistics", stats)])


_STAT_COLUMNS = ("id", "document_id", "measure_id", "value", "unit", "qualifier", "geography", "period")


def _stat_row(s: Statistic) -> tuple[Any, ...]:
    return (s.id, s.document_id, s.measure_id, s.value, s.unit.value, s.qualifier.value,
            s.geography.value if s.geography else None, _period(s))  # fmt: skip


def statistics_list(args: argparse.Namespace) -> Table:
    """Statistics matching the filters given, in data order; ``--json`` gives the full records."""
    chosen = _ds().statistics.filter(
        document=args.document, measure=args.measure, unit=args.unit, geography=args.geography,
        qualifier=args.qualifier, year=args.year,
    )  # fmt: skip
    rows = [_stat_row(s) for s in chosen]
    return Table(
        _STAT_COLUMNS, rows, footer=f"{len(chosen)} statistic(s)", data=[_json(s) for s in chosen],
        empty="no statistic matches these filters",
    )  # fmt: skip


def statistics_show(args: argparse.Namespace) -> Record:
    """One statistic with its quote."""
    s = _ds().statistics[args.id]
    fields = [
        *zip(_STAT_COLUMNS, _stat_row(s), strict=True),
        ("description", s.description),
        ("quote", s.quote),
        ("span", f"{s.start}:{s.end}"),
        ("speaker_id", s.speaker_id),
        ("conversion_of_id", s.conversion_of_id),
        ("note", s.note),
    ]
    return Record(fields, _json(s))


def measures_list(args: argparse.Namespace) -> Table:
    """The measures, with how many statistics each has."""
    ds = _ds()
    rows = [(m.id, len(ds.statistics.filter(measure=m.id)), m.label) for m in ds.measures]
    return Table(("id", "statistics", "label"), rows)


def campaigns_list(args: argparse.Namespace) -> Table:
    """Every campaign with its date and number of signatories."""
    ds = _ds()
    rows = [(c.id, c.document_id, _date(c.date), len(ds.signatories(c)), title_text(c)) for c in ds.campaigns]
    return Table(("id", "document_id", "date", "signatories", "title"), rows)


def campaigns_show(args: argparse.Namespace) -> Record:
    """One campaign, its asks and support claim."""
    ds = _ds()
    c = ds.campaigns[args.id]
    fields = [
        ("id", c.id),
        ("title", title_text(c)),
        ("document_id", c.document_id),
        ("audience", c.audience),
        ("date", _date(c.date)),
        ("signatures", len(ds.signatures_of(c))),
        ("signatories", len(ds.signatories(c))),
        ("support_claim", c.support_claim.quote if c.support_claim else None),
        ("note", c.note),
    ]
    asks = Table(("number", "ask"), [(a.number, a.text) for a in c.asks])
    return Record(fields, _json(c), [("asks", asks)])


def organisations_list(args: argparse.Namespace) -> Table:
    """Every organisation with its acronyms and the campaigns it signed."""
    ds = _ds()
    rows = [(o.id, o.name, list(o.acronyms), [c.id for c in ds.campaigns_signed_by(o)]) for o in ds.organisations]
    return Table(("id", "name", "acronyms", "campaigns"), rows, footer=f"{len(rows)} organisation(s)")


def _organisation(org: Organisation, ds: Dataset) -> Record:
    campaigns = [c.id for c in ds.campaigns_signed_by(org)]
    documents = [d.id for d in ds.documents_mentioning(org)]
    fields = [
        ("id", org.id),
        ("name", org.name),
        ("acronyms", list(org.acronyms) or None),
        ("aliases", list(org.aliases) or None),
        ("campaigns", campaigns or None),
        ("mentioned_in", documents or None),
        ("note", org.note),
    ]
    return Record(fields, _json(org) | {"campaigns": campaigns, "mentioned_in": documents})


def organisations_show(args: argparse.Namespace) -> Record:
    """One organisation by id or any of its names."""
    ds = _ds()
    return _organisation(ds.organisations.lookup(args.name), ds)


def lookup(args: argparse.Namespace) -> Record:
    """The one organisation a name spells (exit status 1 if none or several)."""
    ds = _ds()
    return _organisation(ds.organisations.lookup(args.name), ds)


def search(args: argparse.Namespace) -> Table:
    """Organisations ranked by match score."""
    hits = _ds().organisations.search(args.query, limit=args.limit)
    rows = [(score, org.id, org.name) for org, score in hits]
    return Table(
        ("score", "id", "name"), rows, empty=f"no organisation name is close to {args.query!r}", decimals={"score": 2}
    )


# -- signatories and set operations ------------------------------------------


def signatories(args: argparse.Namespace) -> Table:
    """A campaign's signatures in source order, with the organisation each resolves to."""
    ds = _ds()
    sigs = ds.signatures_of(args.campaign)
    rows = [(s.position, s.organisation_id, s.name_as_written) for s in sigs]
    return Table(
        ("position", "organisation_id", "name_as_written"),
        rows,
        footer=f"{len(rows)} signature(s)",
        empty="no signatures",
    )


def _organisations(orgs: Iterable[Organisation]) -> Table:
    rows = [(o.id, o.name) for o in sorted(orgs, key=lambda o: (o.name.casefold(), o.id))]
    return Table(("id", "name"), rows, footer=f"{len(rows)} organisation(s)", empty="no organisation")


def signed_all(args: argparse.Namespace) -> Table:
    """Organisations that signed every campaign given."""
    return _organisations(_ds().signed_all(*args.campaigns))


def signed_any(args: argparse.Namespace) -> Table:
    """Organisations that signed at least one campaign given."""
    return _organisations(_ds().signed_any(*args.campaigns))


def signed_only(args: argparse.Namespace) -> Table:
    """Organisations that signed one campaign and none of the others."""
    ds = _ds()
    campaign = ds.campaigns[args.campaign]
    others = args.others if args.others is not None else [c.id for c in ds.campaigns if c.id != campaign.id]
    return _organisations(ds.signed_only(campaign, *others))


def signed_exactly(args: argparse.Namespace) -> Table:
    """Organisations that signed exactly K of the campaigns."""
    return _organisations(_ds().signed_exactly(args.k, *args.campaigns))


def overlap(args: argparse.Namespace) -> Table:
    """Each pair of campaigns: shared and exclusive signatories, Jaccard index."""
    rows = [(r.a, r.b, r.both, r.only_a, r.only_b, round(r.jaccard, 4)) for r in _ds().overlap(*args.campaigns)]
    columns = ("a", "b", "both", "only_a", "only_b", "jaccard")
    return Table(columns, rows, empty="no pair of campaigns to compare", decimals={"jaccard": 2})


def series(args: argparse.Namespace) -> Table:
    """
    One measure's figures by area, then period: one row per figure, with every statistic that states it.

    ``--json`` gives the full records of those statistics, in the same order.

    Example:
        >>> table = series(argparse.Namespace(measure="nrm-referral-countries", unit=None, geography=None))
        >>> [row[:3] for row in table.rows], table.rows[0][-1]
        ([('United Kingdom', '2016', 108)], ['news-jstac-launch-s03', 'news-jstac-launch-s07'])

    """
    ds = _ds()
    points = series_points(ds.series(args.measure, unit=args.unit, geography=args.geography))
    rows = [
        (geography_name(p.geography), _date(p.period), p.value, p.unit.value, p.qualifier.value, p.document_id,
         list(p.statistic_ids))
        for p in points
    ]  # fmt: skip
    columns = ("geography", "period", "value", "unit", "qualifier", "document_id", "statistic_ids")
    records = [_json(s) for p in points for s in p.statistics]
    label = ds.measures[args.measure].label
    footer = f"{len(rows)} figure(s) of {label!r}"
    return Table(columns, rows, data=records, footer=footer, empty=f"no statistic of {label!r} matches")


# -- export, validate, completion ---------------------------------------------


def export(args: argparse.Namespace) -> Text:
    """Write the bundled data in one of the export formats."""
    fmt = args.export_format
    if fmt == "csv":
        paths = writers.export_csv(args.target)
    elif fmt == "sqlite":
        paths = [writers.export_sqlite(args.target)]
    elif fmt == "parquet":
        paths = writers.export_parquet(args.target)
    elif fmt == "html":
        paths = writers.export_html(args.target)
    elif fmt == "datasette":
        paths = writers.export_datasette(args.target)
    elif fmt == "datapackage":
        path = writers.export_datapackage(args.target)
        resources = json.loads(path.read_text(encoding="utf-8"))["resources"]
        paths = [*(path.parent / r["path"] for r in resources), path]
    else:  # the data files, their schemas and their manifest, written all or none
        data = json_files(_ds())
        schemas = {f"schemas/{name}": text for name, text in schema_files().items()}
        paths = write_files(args.target, {**data, **schemas, "manifest.json": manifest_bytes(data)})
    names = [str(p) for p in paths]
    text = f"wrote {len(names)} file(s) for data {__data_version__} as {fmt} to {args.target}"
    return Text(text, {"format": fmt, "target": args.target, "data_version": __data_version__, "files": names})
