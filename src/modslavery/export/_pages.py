"""
The pages of the HTML export: the index, and one page per document, campaign and organisation.

A document's page shows its whole text with every statistic, signature,
mention and exclusion marked (see :mod:`modslavery._marks`); the tables link
each record to its mark (``documents/ID.html#statistic-ID``) and each name to
its page.

Example:
    >>> import modslavery
    >>> ds = modslavery.load()
    >>> pages = Pages(ds)
    >>> b'data-signature-id="mayoral-pledge-2024-01"' in pages.document(ds.documents["pledge-mayoral-2024"])
    True

"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from modslavery._about import __data_version__
from modslavery._marks import KINDS, Mark, dates_text, escape, legend_html, marked_html, marks_by_document
from modslavery.export._site import link, page, table

if TYPE_CHECKING:
    from modslavery.dataset import Dataset
    from modslavery.models import (
        Campaign,
        Document,
        Exclusion,
        Judgement,
        Mention,
        Organisation,
        Signature,
        Statistic,
    )

__all__ = ["PARTNERS", "Pages"]

#: A campaign's page details its overlap with at most this many other campaigns, those that share most signatories.
PARTNERS = 20


def _facts(pairs: Iterable[tuple[str, str]]) -> str:
    """A definition list of (term, HTML) pairs, leaving out empty ones."""
    items = "".join(f"<dt>{escape(term)}</dt><dd>{value}</dd>" for term, value in pairs if value)
    return f"<dl>{items}</dl>"


def _words(value: str) -> str:
    return escape(value.replace("_", " "))


def _number(value: float) -> str:
    return escape(f"{value:,}")


def _period(stat: Statistic) -> str:
    if stat.period is None:
        return ""
    dates, label = dates_text(stat.period), stat.period.label
    return escape(f"{label} ({dates})" if label and dates else label or dates)


T = TypeVar("T")


def _grouped(pairs: Iterable[tuple[str, T]]) -> dict[str, list[T]]:
    """Records grouped by a key, each group in the order given."""
    groups: dict[str, list[T]] = {}
    for key, record in pairs:
        groups.setdefault(key, []).append(record)
    return groups


def _shared_signatories(data: Dataset) -> tuple[dict[str, dict[str, list[str]]], dict[str, list[str]]]:
    """
    For each campaign, the organisations it shares with each other campaign, and those that signed it alone.

    Built from each organisation's campaigns, so the work grows with the pairs that share a signatory, never
    with every pair of campaigns.
    """
    shared: dict[str, dict[str, list[str]]] = {c.id: {} for c in data.campaigns}
    only: dict[str, list[str]] = {c.id: [] for c in data.campaigns}
    for organisation in data.organisations:
        signed = [c.id for c in data.campaigns_signed_by(organisation)]
        if len(signed) == 1:
            only[signed[0]].append(organisation.id)
        for a in signed:
            for b in signed:
                if a != b:
                    shared[a].setdefault(b, []).append(organisation.id)
    return shared, only


class Pages:
    """
    Renders the site's pages of one data set; the indexes they share are built once, in one pass over the records.

    Example:
        >>> import modslavery
        >>> b"<h2>Statistics</h2>" in Pages(modslavery.load()).index()
        True

    """

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.marks: dict[str, list[Mark]] = marks_by_document(data)
        self.signatures: dict[str, list[Signature]] = _grouped((s.organisation_id, s) for s in data.signatures)
        self.mentions: dict[str, list[Mention]] = _grouped(
            (m.organisation_id, m) for m in data.mentions if m.organisation_id is not None
        )
        self.judgements: dict[str, list[Judgement]] = _grouped(
            (organisation_id, j) for j in data.judgements for organisation_id in dict.fromkeys(j.organisation_ids)
        )
        self.exclusions: dict[str, list[Exclusion]] = _grouped((x.document_id, x) for x in data.exclusions)
        self.campaigns: dict[str, list[Campaign]] = _grouped((c.document_id, c) for c in data.campaigns)
        self.shared, self.only = _shared_signatories(data)
        self.order = {campaign_id: i for i, campaign_id in enumerate(data.campaigns.ids)}
        self._organisation_links: dict[tuple[str, int], str] = {}

    # -- links -------------------------------------------------------------

    def _document(self, document_id: str, depth: int, anchor: str | None = None, text: str | None = None) -> str:
        title = text if text is not None else self.data.documents[document_id].title
        return link("documents", document_id, title, depth=depth, anchor=anchor)

    def _organisation(self, organisation_id: str, depth: int) -> str:
        # An organisation is linked from many pages; its link is escaped once.
        key = (organisation_id, depth)
        if key not in self._organisation_links:
            name = self.data.organisations[organisation_id].name
            self._organisation_links[key] = link("organisations", organisation_id, name, depth=depth)
        return self._organisation_links[key]

    def _campaign(self, campaign_id: str, depth: int) -> str:
        return link("campaigns", campaign_id, self.data.campaigns[campaign_id].title, depth=depth)

    def _statistics_table(self, statistics: Iterable[Statistic], depth: int, caption: str) -> str:
        data = self.data
        rows = [
            [
                self._document(s.document_id, depth, f"statistic-{s.id}", s.id),
                _number(s.value),
                escape(s.unit.value),
                _words(s.qualifier.value),
                _period(s),
                _words(s.geography.value) if s.geography is not None else "",
                escape(data.measures[s.measure_id].label),
                escape(s.quote),
            ]
            for s in statistics
        ]
        headers = ["statistic", "value", "unit", "qualifier", "period", "area", "measure", "quote"]
        return table(caption, headers, rows, numbers=[1])

    # -- pages -------------------------------------------------------------

    def index(self) -> bytes:
        """The index page: documents, campaigns, every statistic and every organisation."""
        data = self.data
        documents = [
            [
                self._document(d.id, 0),
                _words(d.kind.value),
                escape(dates_text(d.published)),
                *(str(sum(m.kind == k.name for m in self.marks[d.id])) for k in KINDS),
            ]
            for d in data.documents
        ]
        campaigns = [
            [
                self._campaign(c.id, 0),
                self._document(c.document_id, 0),
                str(len(data.signatures_of(c))),
                str(len(c.asks)),
            ]
            for c in data.campaigns
        ]
        organisations = [
            [
                self._organisation(o.id, 0),
                escape(", ".join(o.names[1:])),
                str(len(data.campaigns_signed_by(o))),
                str(len(self.mentions.get(o.id, ()))),
            ]
            for o in data.organisations
        ]
        body = (
            "<h1>modslavery: the evidence</h1>"
            f'<p class="muted">Data version {escape(__data_version__)}. Every statistic, signature, mention and '
            "exclusion is traced to its characters in the source text: open a document to see each one marked "
            "in its sentence.</p>"
            "<h2>Documents</h2>"
            + table(
                f"{len(data.documents)} source documents",
                ["document", "kind", "published", *(f"{k.name}s" for k in KINDS)],
                documents,
                numbers=[3, 4, 5, 6],
            )
            + "<h2>Campaigns</h2>"
            + table(
                f"{len(data.campaigns)} campaigns", ["campaign", "document", "signatures", "asks"], campaigns, [2, 3]
            )
            + "<h2>Statistics</h2>"
            + self._statistics_table(data.statistics, 0, f"{len(data.statistics)} statistics, each linked to its mark")
            + "<h2>Organisations</h2>"
            + table(
                f"{len(data.organisations)} organisations",
                ["organisation", "other spellings", "campaigns signed", "mentions"],
                organisations,
                numbers=[2, 3],
            )
        )
        return page("The evidence", body, depth=0)

    def document(self, document: Document) -> bytes:
        """A document's page: what it says about itself, its marked text, and its records."""
        data = self.data
        marks = self.marks[document.id]
        counts = {k.name: sum(m.kind == k.name for m in marks) for k in KINDS}
        authors = "; ".join(", ".join(x for x in (a.name, a.role) if x) for a in document.authors)
        facts = _facts(
            [
                ("id", escape(document.id)),
                ("kind", _words(document.kind.value)),
                ("title basis", _words(document.title_basis.value)),
                ("published", escape(dates_text(document.published))),
                ("updated", escape(dates_text(document.updated))),
                ("authors", escape(authors)),
                ("publisher", escape(document.publisher.name) if document.publisher is not None else ""),
                ("source file", escape(document.source_file)),
                ("SHA-256", f"<code>{escape(document.sha256)}</code>"),
                *(("note", escape(note)) for note in document.notes),
            ]
        )
        mentions = [
            [
                self._document(document.id, 1, f"mention-{m.id}", m.quote),
                self._organisation(m.organisation_id, 1)
                if m.organisation_id is not None
                else escape(f"{data.entities[m.target_id].name} ({data.entities[m.target_id].kind.value})"),
            ]
            for m in data.mentions_in(document)
        ]
        exclusions = [
            [self._document(document.id, 1, f"exclusion-{x.id}", x.quote), escape(x.reason)]
            for x in self.exclusions.get(document.id, ())
        ]
        campaigns = self.campaigns.get(document.id, ())
        body = (
            f"<h1>{escape(document.title)}</h1>{facts}"
            "<h2>The text</h2>"
            '<p class="muted">Point at a mark, or move to it with the Tab key, to see its record.</p>'
            f"{legend_html(counts)}"
            f'<div class="ms-text">{marked_html(document.text, marks)}</div>'
            "<h2>Statistics</h2>"
            + self._statistics_table(data.statistics_of(document), 1, f"{counts['statistic']} statistics")
            + "".join(
                f"<h2>Signatures</h2><p>{counts['signature']} signatures of {self._campaign(c.id, 1)}.</p>"
                for c in campaigns
            )
            + "<h2>Mentions</h2>"
            + table(f"{len(mentions)} mentions", ["as written", "names"], mentions)
            + "<h2>Exclusions</h2>"
            + table(f"{len(exclusions)} numbers that are not statistics", ["as written", "reason"], exclusions)
        )
        return page(document.title, body, depth=1)

    def campaign(self, campaign: Campaign) -> bytes:
        """A campaign's page: its asks, its signatories in source order, and its overlap with the others."""
        data = self.data
        date = dates_text(campaign.date)
        support = ""
        if campaign.support_claim is not None:
            support = escape(f"“{campaign.support_claim.quote}”")
            if campaign.support_statistic_id is not None:
                statistic = data.statistics[campaign.support_statistic_id]
                support += " (" + self._document(statistic.document_id, 1, f"statistic-{statistic.id}", "the statistic")
                support += ")"
        facts = _facts(
            [
                ("id", escape(campaign.id)),
                ("document", self._document(campaign.document_id, 1)),
                ("audience", escape(campaign.audience)),
                ("date", escape(date)),
                ("support claimed", support),
                ("note", escape(campaign.note or "")),
            ]
        )
        asks = [
            [escape("" if a.number is None else str(a.number)), escape(a.heading or ""), escape(a.text)]
            for a in campaign.asks
        ]
        signatures = [
            [
                str(s.position),
                self._document(campaign.document_id, 1, f"signature-{s.id}", s.name_as_written),
                self._organisation(s.organisation_id, 1),
            ]
            for s in data.signatures_of(campaign)
        ]
        body = (
            f"<h1>{escape(campaign.title)}</h1>{facts}"
            "<h2>Asks</h2>"
            + table(f"{len(asks)} asks, as the source words them", ["no.", "heading", "ask"], asks)
            + "<h2>Signatories</h2>"
            + table(
                f"{len(signatures)} signatures in source order",
                ["no.", "as written (linked to its mark)", "organisation"],
                signatures,
                numbers=[0],
            )
            + self._overlap(campaign)
        )
        return page(campaign.title, body, depth=1)

    def _overlap(self, campaign: Campaign) -> str:
        """The campaigns that share most signatories with *campaign*: counts, Jaccard index and who signed both."""
        data = self.data
        size = len(data.signatories(campaign))
        partners = sorted(self.shared[campaign.id].items(), key=lambda item: (-len(item[1]), self.order[item[0]]))
        sections = []
        for other, both in partners[:PARTNERS]:
            other_size = len(data.signatories(other))
            counts = table(
                f"Signatories of this campaign and of “{data.campaigns[other].title}”",
                ["signed both", "only this one", "only the other", "Jaccard index"],
                [[str(len(both)), str(size - len(both)), str(other_size - len(both)),
                  f"{len(both) / (size + other_size - len(both)):.3f}"]],
                numbers=[0, 1, 2, 3],
            )  # fmt: skip
            sections.append(
                f"<h3>With {self._campaign(other, 1)}</h3>{counts}"
                f"<p>Signed both ({len(both)}): {', '.join(self._organisation(o, 1) for o in both)}</p>"
            )
        if len(partners) > PARTNERS:
            sections.append(
                f"<p>{len(partners) - PARTNERS} more campaign(s) share fewer signatories with this one.</p>"
            )
        apart = len(data.campaigns) - 1 - len(partners)
        if apart:
            sections.append(f"<p>No signatory in common with {apart} other campaign(s).</p>")
        only = self.only[campaign.id]
        return (
            "<h2>Overlap with the other campaigns</h2>"
            + "".join(sections)
            + f"<h3>Signed this campaign and no other ({len(only)})</h3>"
            + f"<p>{', '.join(self._organisation(o, 1) for o in only)}</p>"
        )

    def organisation(self, organisation: Organisation) -> bytes:
        """An organisation's page: every spelling, the campaigns it signed, where it is named, the judgements."""
        data = self.data
        spellings = [
            [escape(organisation.name), "canonical name"],
            *([escape(a), "acronym"] for a in organisation.acronyms),
            *([escape(a), "alias"] for a in organisation.aliases),
            *(
                [
                    self._document(
                        data.campaigns[s.campaign_id].document_id, 1, f"signature-{s.id}", s.name_as_written
                    ),
                    f"signature no. {s.position} of {self._campaign(s.campaign_id, 1)}",
                ]
                for s in self.signatures.get(organisation.id, ())
            ),
            *(
                [
                    self._document(m.document_id, 1, f"mention-{m.id}", m.quote),
                    f"named in {self._document(m.document_id, 1)}",
                ]
                for m in self.mentions.get(organisation.id, ())
            ),
        ]
        judgements = [
            [
                escape(j.verdict.value),
                escape(" / ".join(j.names)),
                ", ".join(self._organisation(i, 1) for i in dict.fromkeys(j.organisation_ids)),
                escape(j.rationale),
            ]
            for j in self.judgements.get(organisation.id, ())
        ]
        campaigns = [
            [self._campaign(s.campaign_id, 1), str(s.position)] for s in self.signatures.get(organisation.id, ())
        ]
        body = (
            f"<h1>{escape(organisation.name)}</h1>"
            + _facts([("id", escape(organisation.id)), ("note", escape(organisation.note or ""))])
            + "<h2>Every spelling</h2>"
            + table(f"{len(spellings)} spellings and where they stand", ["spelling", "where"], spellings)
            + "<h2>Campaigns</h2>"
            + table(f"{len(campaigns)} signatures", ["campaign", "no."], campaigns, numbers=[1])
            + "<h2>Judgements</h2>"
            + table(
                f"{len(judgements)} curated judgements about its names",
                ["verdict", "names", "organisations", "rationale"],
                judgements,
            )
        )
        return page(organisation.name, body, depth=1)
