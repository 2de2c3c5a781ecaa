"""
The :class:`Dataset`: every collection of records, checked against each other and indexed.

Example:
    >>> import modslavery
    >>> ds = modslavery.load()
    >>> len(ds.documents), len(ds.campaigns)
    (5, 2)

"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from modslavery._about import __data_version__
from modslavery._checks import check_parts
from modslavery._files import DEFAULT_MAX_FILE_BYTES, directory_reader
from modslavery._format import FILES, Parts
from modslavery._html import dataset_html
from modslavery._json import DEFAULT_MAX_DEPTH
from modslavery._notebook import remember
from modslavery._organisations import Organisations, build_name_index
from modslavery._read import read_parts
from modslavery._readonly import ReadOnly
from modslavery._records import Records
from modslavery._signatories import OrganisationSet, Overlap, intersection, overlap, signed_exactly, union
from modslavery._statistics import Statistics
from modslavery.errors import DataError, NotFound
from modslavery.models import (
    Campaign,
    Document,
    Entity,
    Exclusion,
    Geography,
    Judgement,
    Measure,
    Mention,
    Organisation,
    Signature,
    Statistic,
    Unit,
)
from modslavery.names import name_key

__all__ = ["BUNDLED_SOURCE", "FILES", "Dataset", "Parts"]

#: The :attr:`Dataset.source` of the data set :func:`modslavery.load` gives: the data of this package's version.
BUNDLED_SOURCE = "modslavery (bundled)"


class Dataset(ReadOnly):
    """
    All records of one data set, indexed by id, with relations resolved.

    Build one with :func:`modslavery.load` (the bundled data) or
    :meth:`from_directory` (a directory in the same format), or from
    :class:`~modslavery.dataset.Parts` in memory. Construction checks the
    records against each other: unique ids, resolvable references, every quote
    at its span, document hashes, organisation names that identify one
    organisation.

    Example:
        >>> import modslavery
        >>> ds = modslavery.load()
        >>> ds.organisations.lookup("Unseen").name
        'Unseen UK'

    """

    # __weakref__: the notebook views find a record's data set through weak references.
    __slots__ = (
        "__weakref__", "_campaigns_by_organisation", "_campaigns_signed", "_entities_by_key", "_mentions_by_document",
        "_mentions_by_target", "_signatories", "_signatures_by_campaign", "_statistics_by_document", "campaigns",
        "documents", "entities", "exclusions", "judgements", "measures", "mentions", "organisations", "signatures",
        "source", "statistics",
    )  # fmt: skip

    documents: Records[Document]
    measures: Records[Measure]
    statistics: Statistics
    organisations: Organisations
    campaigns: Records[Campaign]
    signatures: Records[Signature]
    entities: Records[Entity]
    mentions: Records[Mention]
    judgements: Records[Judgement]
    exclusions: Records[Exclusion]
    source: str
    _signatories: dict[str, OrganisationSet]
    _signatures_by_campaign: dict[str, tuple[Signature, ...]]
    _campaigns_by_organisation: dict[str, tuple[Campaign, ...]]
    _campaigns_signed: dict[str, Records[Campaign]]
    _statistics_by_document: dict[str, tuple[Statistic, ...]]
    _mentions_by_document: dict[str, tuple[Mention, ...]]
    _mentions_by_target: dict[str, tuple[Mention, ...]]
    _entities_by_key: dict[str, str]

    def __init__(self, parts: Parts, *, source: str = "<memory>") -> None:
        name_index, clashes = build_name_index(parts.organisations)
        problems = check_parts(parts, clashes, organisation_keys=name_index)
        if problems:
            prefix = "" if source == "<memory>" else f"{source}: "
            raise DataError([prefix + problem for problem in problems.listed], more=problems.more)
        init = object.__setattr__  # past ReadOnly's refusal
        init(self, "source", source)
        init(self, "documents", Records(parts.documents, kind="document"))
        init(self, "measures", Records(parts.measures, kind="measure"))
        init(self, "entities", Records(parts.entities, kind="entity"))
        statistics = Statistics(
            parts.statistics, documents=self.documents, measures=self.measures, entities=self.entities
        )
        init(self, "statistics", statistics)
        init(self, "organisations", Organisations(parts.organisations, index=name_index))
        init(self, "campaigns", Records(parts.campaigns, kind="campaign"))
        init(self, "signatures", Records(parts.signatures, kind="signature"))
        init(self, "mentions", Records(parts.mentions, kind="mention"))
        init(self, "judgements", Records(parts.judgements, kind="judgement"))
        init(self, "exclusions", Records(parts.exclusions, kind="exclusion"))
        by_campaign: dict[str, list[Signature]] = {c.id: [] for c in parts.campaigns}
        for sig in parts.signatures:
            by_campaign[sig.campaign_id].append(sig)
        init(self, "_signatures_by_campaign", {k: tuple(v) for k, v in by_campaign.items()})
        by_id = {org.id: org for org in parts.organisations}
        init(
            self,
            "_signatories",
            {k: OrganisationSet([by_id[sig.organisation_id] for sig in v]) for k, v in by_campaign.items()},
        )
        # Campaign order, each campaign once: a dict is an ordered set.
        by_organisation: dict[str, dict[str, Campaign]] = {}
        for campaign in parts.campaigns:
            for sig in by_campaign[campaign.id]:
                by_organisation.setdefault(sig.organisation_id, {})[campaign.id] = campaign
        init(self, "_campaigns_by_organisation", {k: tuple(v.values()) for k, v in by_organisation.items()})
        init(self, "_campaigns_signed", {})  # each organisation's collection, made on first ask
        init(self, "_statistics_by_document", _grouped(parts.documents, parts.statistics))
        init(self, "_mentions_by_document", _grouped(parts.documents, parts.mentions))
        by_target: dict[str, list[Mention]] = {}
        for mention in sorted(parts.mentions, key=_start):
            by_target.setdefault(mention.target_id, []).append(mention)
        init(self, "_mentions_by_target", {k: tuple(v) for k, v in by_target.items()})
        init(self, "_entities_by_key", {name_key(n): e.id for e in parts.entities for n in (e.name, *e.aliases)})
        remember(self)

    @classmethod
    def from_directory(
        cls,
        path: str | os.PathLike[str],
        *,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        max_depth: int = DEFAULT_MAX_DEPTH,
    ) -> Dataset:
        """
        Load and fully validate a data directory in the bundled format.

        Only the known file names directly inside *path* are read; a file that
        is a link leading outside the directory is refused, and so is any file
        over *max_file_bytes* or nested deeper than *max_depth*. A
        ``manifest.json`` in the directory is ignored: every record is validated.

        Raises:
            DataError: a file is missing or malformed; the message names the file and the JSON path.

        Example:
            >>> import modslavery, tempfile
            >>> with tempfile.TemporaryDirectory() as tmp:
            ...     _ = modslavery.export_json(tmp)
            ...     modslavery.Dataset.from_directory(tmp).campaigns.ids
            ('general-election-statement', 'mayoral-pledge-2024')

        """
        root = Path(path)
        return cls(read_parts(directory_reader(root, max_file_bytes), max_depth=max_depth), source=str(root))

    def __repr__(self) -> str:
        """Counts of each kind of record."""
        counts = ", ".join(f"{attribute}={len(getattr(self, attribute))}" for _, attribute, _ in FILES)
        return f"<Dataset from {self.source}: {counts}>"

    def _repr_html_(self) -> str:
        """
        The collections with their types and counts, the source and the data version, as an HTML table for Jupyter.

        Example:
            >>> import modslavery
            >>> html = modslavery.load()._repr_html_()
            >>> "<td>statistics</td><td>Statistics</td><td>20</td>" in html, modslavery.__data_version__ in html
            (True, True)

        """
        collections = [(a, type(getattr(self, a)).__name__, len(getattr(self, a))) for _, a, _ in FILES]
        version = __data_version__ if self.source == BUNDLED_SOURCE else None
        return dataset_html(self.source, version, collections)

    # -- relations -------------------------------------------------------

    def signatories(self, campaign: Campaign | str) -> OrganisationSet:
        """
        The organisations that signed a campaign (a :class:`Campaign` or its id), in id order.

        Raises:
            NotFound: no such campaign.

        Example:
            >>> import modslavery
            >>> ds = modslavery.load()
            >>> len(ds.signatories("general-election-statement"))
            59

        """
        return self._signatories[self._campaign_id(campaign)]

    def signatures_of(self, campaign: Campaign | str) -> Records[Signature]:
        """
        A campaign's signatures in source order.

        Example:
            >>> import modslavery
            >>> modslavery.load().signatures_of("mayoral-pledge-2024")[0].name_as_written
            'A21 UK'

        """
        return Records(self._signatures_by_campaign[self._campaign_id(campaign)], kind="signature")

    def campaigns_signed_by(self, organisation: Organisation | str) -> Records[Campaign]:
        """
        The campaigns an organisation signed, in campaign order.

        *organisation* is an :class:`Organisation`, its id, or any name
        :meth:`Organisations.lookup` accepts.

        Example:
            >>> import modslavery
            >>> [c.id for c in modslavery.load().campaigns_signed_by("Unseen")]
            ['general-election-statement', 'mayoral-pledge-2024']

        """
        if isinstance(organisation, Organisation):
            organisation_id = self.organisations[organisation.id].id
        else:
            organisation_id = self.organisations.lookup(organisation).id
        signed = self._campaigns_signed.get(organisation_id)
        if signed is None:
            # Made once per organisation, so that a repeated ask costs no more for one that signed many.
            signed = Records(self._campaigns_by_organisation.get(organisation_id, ()), kind="campaign")
            self._campaigns_signed[organisation_id] = signed
        return signed

    def statistics_of(self, document: Document | str) -> Statistics:
        """
        All statistics a document states, in text order.

        Example:
            >>> import modslavery
            >>> [s.value for s in modslavery.load().statistics_of("pledge-mayoral-2024")][:2]
            [50, 17004]

        """
        by_document = self._statistics_by_document[self._document_id(document)]
        return Statistics(by_document, documents=self.documents, measures=self.measures, entities=self.entities)

    def mentions_in(self, document: Document | str) -> Records[Mention]:
        """
        Every mention of an organisation or entity in a document, in text order.

        Example:
            >>> import modslavery
            >>> "Amber Rudd" in {m.quote for m in modslavery.load().mentions_in("news-jstac-launch")}
            True

        """
        return Records(self._mentions_by_document[self._document_id(document)], kind="mention")

    def documents_mentioning(self, target: Organisation | Entity | str) -> Records[Document]:
        """
        The documents that name an organisation, person, law, report or programme, in document order.

        *target* is a record, its id, an entity's name or alias, or any name
        :meth:`Organisations.lookup` accepts.

        Raises:
            NotFound: nothing by that id or name.

        Example:
            >>> import modslavery
            >>> [d.id for d in modslavery.load().documents_mentioning("Modern Slavery Act 2015")]
            ['op-ed-stroud', 'pledge-mayoral-2024']

        """
        ids = {m.document_id for m in self._mentions_by_target.get(self._target_id(target), ())}
        return Records((d for d in self.documents if d.id in ids), kind="document")

    def series(
        self, measure: Measure | str, *, unit: Unit | str | None = None, geography: Geography | str | None = None
    ) -> Statistics:
        """
        The statistics of one measure ordered by period, then id: a time series across documents.

        See :meth:`Statistics.series` for *unit* and *geography*.

        Example:
            >>> import modslavery
            >>> [(s.document_id, s.value) for s in modslavery.load().series("nrm-referrals")]
            [('news-jstac-launch', 3800), ('pledge-mayoral-2024', 17004)]

        """
        return self.statistics.series(measure, unit=unit, geography=geography)

    # -- set operations: no campaigns means every campaign ------------------

    def signed_all(self, *campaigns: Campaign | str) -> OrganisationSet:
        """
        Organisations that signed every one of *campaigns* (every campaign if none are given).

        Example:
            >>> import modslavery
            >>> ds = modslavery.load()
            >>> ds.signed_all() == ds.signatories("general-election-statement") & ds.signatories("mayoral-pledge-2024")
            True

        """
        return intersection(self._sets(campaigns))

    def signed_any(self, *campaigns: Campaign | str) -> OrganisationSet:
        """
        Organisations that signed at least one of *campaigns* (every campaign if none are given).

        Example:
            >>> import modslavery
            >>> len(modslavery.load().signed_any("general-election-statement"))
            59

        """
        return union(self._sets(campaigns))

    def signed_only(self, campaign: Campaign | str, *others: Campaign | str) -> OrganisationSet:
        """
        Organisations that signed *campaign* and none of *others* (none of the other campaigns if none are given).

        Example:
            >>> import modslavery
            >>> ds = modslavery.load()
            >>> only = ds.signed_only("mayoral-pledge-2024")
            >>> only == ds.signatories("mayoral-pledge-2024") - ds.signatories("general-election-statement")
            True

        """
        chosen = self._campaign_id(campaign)
        rest = self._sets(others) if others else [s for c, s in self._signatories.items() if c != chosen]
        return self._signatories[chosen] - union(rest)

    def signed_exactly(self, k: int, *campaigns: Campaign | str) -> OrganisationSet:
        """
        Organisations that signed exactly *k* of *campaigns* (every campaign if none are given).

        For k from 1 to the number of campaigns these sets partition :meth:`signed_any`.

        Example:
            >>> import modslavery
            >>> ds = modslavery.load()
            >>> ds.signed_exactly(2) == ds.signed_all()
            True

        """
        return signed_exactly(k, self._sets(campaigns))

    def overlap(self, *campaigns: Campaign | str) -> tuple[Overlap, ...]:
        """
        The overlap of every pair of *campaigns* (every campaign if none are given): counts and Jaccard index.

        Example:
            >>> import modslavery
            >>> row = modslavery.load().overlap()[0]
            >>> (row.a, row.b, row.both, round(row.jaccard, 3))
            ('general-election-statement', 'mayoral-pledge-2024', 27, 0.31)

        """
        ids = self._campaign_ids(campaigns)
        sizes = {campaign_id: len(self._signatories[campaign_id]) for campaign_id in ids}
        signed = ([c.id for c in chosen] for chosen in self._campaigns_by_organisation.values())
        return overlap(ids, sizes, signed)

    # -- resolving arguments ---------------------------------------------

    def _campaign_id(self, campaign: Campaign | str) -> str:
        return self.campaigns[campaign.id if isinstance(campaign, Campaign) else campaign].id

    def _campaign_ids(self, campaigns: Sequence[Campaign | str]) -> list[str]:
        ids = [self._campaign_id(c) for c in campaigns] if campaigns else list(self._signatories)
        return list(dict.fromkeys(ids))

    def _sets(self, campaigns: Sequence[Campaign | str]) -> list[OrganisationSet]:
        return [self._signatories[campaign_id] for campaign_id in self._campaign_ids(campaigns)]

    def _document_id(self, document: Document | str) -> str:
        return self.documents[document.id if isinstance(document, Document) else document].id

    def _target_id(self, target: Organisation | Entity | str) -> str:
        if isinstance(target, (Organisation, Entity)):
            return target.id
        if target in self.entities or target in self.organisations:
            return target
        entity_id = self._entities_by_key.get(name_key(target))
        if entity_id is not None:
            return entity_id
        try:
            return self.organisations.lookup(target).id
        except NotFound:
            msg = f"no organisation or entity named {target!r}"
            raise NotFound(msg) from None


R = TypeVar("R", Statistic, Mention)


def _start(record: Mention | Statistic) -> int:
    return record.start


def _grouped(documents: Iterable[Document], records: Iterable[R]) -> dict[str, tuple[R, ...]]:
    """The records of each document, in text order."""
    by_document: dict[str, list[R]] = {d.id: [] for d in documents}
    for record in sorted(records, key=_start):
        by_document[record.document_id].append(record)
    return {k: tuple(v) for k, v in by_document.items()}
