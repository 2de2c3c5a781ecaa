"""
The :class:`Dataset`: every collection of records, indexed and cross-checked.

Example:
    >>> import modslavery
    >>> ds = modslavery.load()
    >>> len(ds.documents), len(ds.campaigns)
    (5, 2)

"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from attrs import frozen

from modslavery._organisations import Organisations, build_name_index
from modslavery._records import Records
from modslavery._statistics import Statistics
from modslavery.errors import DataError, NotFound
from modslavery.models import (
    Campaign,
    Document,
    Entity,
    Exclusion,
    Judgement,
    Measure,
    Mention,
    Organisation,
    Signature,
    Statistic,
)

if TYPE_CHECKING:
    from modslavery.signatories import Overlap

__all__ = ["FILES", "Dataset", "Parts"]


#: The data files of a data directory, in load order, with the record type each holds.
FILES: tuple[tuple[str, str, type], ...] = (
    ("documents.json", "documents", Document),
    ("measures.json", "measures", Measure),
    ("statistics.json", "statistics", Statistic),
    ("organisations.json", "organisations", Organisation),
    ("campaigns.json", "campaigns", Campaign),
    ("signatures.json", "signatures", Signature),
    ("entities.json", "entities", Entity),
    ("mentions.json", "mentions", Mention),
    ("judgements.json", "judgements", Judgement),
    ("exclusions.json", "exclusions", Exclusion),
)


@frozen(kw_only=True)
class Parts:
    """
    The parsed records of a data directory, before indexing and checking.

    Example:
        >>> len(Parts().documents)
        0

    """

    documents: tuple[Document, ...] = ()
    measures: tuple[Measure, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    campaigns: tuple[Campaign, ...] = ()
    signatures: tuple[Signature, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    judgements: tuple[Judgement, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()

    def named(self) -> Iterator[tuple[str, tuple[object, ...]]]:
        """
        Each file name with its records.

        Example:
            >>> [name for name, _ in Parts().named()][:2]
            ['documents.json', 'measures.json']

        """
        for filename, attribute, _ in FILES:
            yield filename, getattr(self, attribute)


class Dataset:
    """
    All records of one data set, indexed by id, with relations resolved.

    Build one with :func:`modslavery.load` (the bundled data) or
    :meth:`from_directory` (a directory in the same format). Construction
    checks integrity: unique ids, resolvable references, every quote at its
    span, document hashes, organisation names that identify one organisation.

    Example:
        >>> import modslavery
        >>> ds = modslavery.load()
        >>> ds.organisations.lookup("Unseen").name
        'Unseen UK'

    """

    __slots__ = (
        "_campaigns_by_org",
        "_mentions_by_document",
        "_mentions_by_target",
        "_signatories",
        "_signatures_by_campaign",
        "_statistics_by_document",
        "campaigns",
        "documents",
        "entities",
        "exclusions",
        "judgements",
        "measures",
        "mentions",
        "organisations",
        "signatures",
        "source",
        "statistics",
    )

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
    _signatories: dict[str, frozenset[Organisation]]
    _signatures_by_campaign: dict[str, tuple[Signature, ...]]
    _campaigns_by_org: dict[str, tuple[str, ...]]
    _statistics_by_document: dict[str, tuple[Statistic, ...]]
    _mentions_by_document: dict[str, tuple[Mention, ...]]
    _mentions_by_target: dict[str, tuple[Mention, ...]]

    def __init__(self, parts: Parts, *, source: str = "<memory>") -> None:
        from modslavery._integrity import check_parts  # noqa: PLC0415 - the trusted bundled load checks nothing

        exact, clashes = build_name_index(parts.organisations)
        problems = check_parts(parts, clashes)
        if problems:
            raise DataError([f"{source}: {p}" if source != "<memory>" else p for p in problems])
        self._index(parts, source, exact)

    @classmethod
    def _trusted(cls, parts: Parts, *, source: str) -> Dataset:
        """
        Index records that are known to pass every check, without checking them again.

        Only for the bundled data after its bytes match the package manifest
        (see :func:`modslavery._loader.load`); anything else goes through ``Dataset(parts)``.

        Example:
            >>> Dataset._trusted(Parts(), source="empty").source
            'empty'

        """
        dataset = cls.__new__(cls)
        # No name index yet: the organisations build it on the first lookup that needs it.
        dataset._index(parts, source, None)  # noqa: SLF001 - the class's own helper
        return dataset

    def _index(self, parts: Parts, source: str, exact: dict[str, str] | None) -> None:
        setter = object.__setattr__
        setter(self, "source", source)
        for _, attribute, model in FILES:
            if model in {Organisation, Statistic}:
                continue
            setter(
                self,
                attribute,
                Records(getattr(parts, attribute), kind=attribute[:-1] if attribute != "entities" else "entity"),
            )
        setter(self, "organisations", Organisations(parts.organisations, index=exact))
        setter(self, "statistics", Statistics(parts.statistics, measures=(m.id for m in parts.measures)))

        signatures: dict[str, list[Signature]] = {c.id: [] for c in parts.campaigns}
        # A dict of campaign ids is an ordered set: first-signed order, constant-time membership.
        campaigns_by_org: dict[str, dict[str, None]] = {}
        by_id = self.organisations._by_id  # noqa: SLF001 - the collection just built: one index, not two
        for sig in parts.signatures:
            signatures[sig.campaign_id].append(sig)
            ids = campaigns_by_org.get(sig.organisation_id)
            if ids is None:
                ids = campaigns_by_org[sig.organisation_id] = {}
            ids[sig.campaign_id] = None
        setter(self, "_signatures_by_campaign", {k: tuple(v) for k, v in signatures.items()})
        setter(
            self,
            "_signatories",
            {k: frozenset([by_id[sig.organisation_id] for sig in v]) for k, v in signatures.items()},
        )
        setter(self, "_campaigns_by_org", {k: tuple(v) for k, v in campaigns_by_org.items()})
        by_document: dict[str, list[Statistic]] = {d.id: [] for d in parts.documents}
        for stat in parts.statistics:
            by_document[stat.document_id].append(stat)
        setter(self, "_statistics_by_document", {k: tuple(v) for k, v in by_document.items()})
        mentions_by_document: dict[str, list[Mention]] = {d.id: [] for d in parts.documents}
        mentions_by_target: dict[str, list[Mention]] = {}
        for mention in parts.mentions:
            mentions_by_document[mention.document_id].append(mention)
            mentions_by_target.setdefault(mention.target_id, []).append(mention)
        setter(self, "_mentions_by_document", {k: tuple(v) for k, v in mentions_by_document.items()})
        setter(self, "_mentions_by_target", {k: tuple(v) for k, v in mentions_by_target.items()})

    def __setattr__(self, name: str, value: object) -> None:
        """A data set is read-only."""
        msg = "Dataset is immutable"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        """A data set is read-only."""
        msg = "Dataset is immutable"
        raise AttributeError(msg)

    def __repr__(self) -> str:
        """Counts of each kind of record."""
        counts = ", ".join(f"{attribute}={len(getattr(self, attribute))}" for _, attribute, _ in FILES)
        return f"<Dataset from {self.source}: {counts}>"

    @classmethod
    def from_directory(cls, path: str | os.PathLike[str], **limits: int) -> Dataset:
        """
        Load and fully validate a data directory in the bundled format.

        Every record is validated, whether or not the directory has a manifest.
        *limits* are ``max_file_bytes`` and ``max_depth`` (see :mod:`modslavery._loader`).
        The cyclic garbage collector is paused while the records are built (a
        load makes no reference cycles) and restored as it was afterwards.

        Raises:
            DataError: a file is missing or malformed; the message names the file and the JSON path.

        Example:
            >>> import modslavery, tempfile
            >>> with tempfile.TemporaryDirectory() as tmp:
            ...     _ = modslavery.export_json(tmp)
            ...     modslavery.Dataset.from_directory(tmp).campaigns.ids
            ('general-election-statement', 'mayoral-pledge-2024')

        """
        from modslavery._loader import load_directory  # noqa: PLC0415 - keeps cattrs out of import

        return load_directory(path, **limits)

    # -- relations -------------------------------------------------------

    def _campaign_id(self, campaign: Campaign | str) -> str:
        campaign_id = campaign.id if isinstance(campaign, Campaign) else campaign
        if campaign_id not in self._signatories:
            raise self.campaigns._not_found(campaign_id)  # noqa: SLF001 - same package
        return campaign_id

    def _organisation(self, organisation: Organisation | str) -> Organisation:
        if isinstance(organisation, Organisation):
            return self.organisations[organisation.id]
        return self.organisations.lookup(organisation)

    def signatories(self, campaign: Campaign | str) -> frozenset[Organisation]:
        """
        The organisations that signed a campaign (a :class:`Campaign` or its id).

        Raises:
            NotFound: no such campaign.

        Example:
            >>> import modslavery
            >>> ds = modslavery.load()
            >>> len(ds.signatories("general-election-statement"))
            59

        """
        return self._signatories[self._campaign_id(campaign)]

    def signatures_of(self, campaign: Campaign | str) -> tuple[Signature, ...]:
        """
        A campaign's signatures in source order.

        Example:
            >>> import modslavery
            >>> modslavery.load().signatures_of("mayoral-pledge-2024")[0].name_as_written
            'A21 UK'

        """
        campaign_id = self._campaign_id(campaign)
        return self._signatures_by_campaign[campaign_id]

    def campaigns_signed_by(self, organisation: Organisation | str) -> tuple[Campaign, ...]:
        """
        The campaigns an organisation signed, in campaign order.

        *organisation* is an :class:`Organisation`, its id, or any name
        :meth:`Organisations.lookup` accepts.

        Example:
            >>> import modslavery
            >>> [c.id for c in modslavery.load().campaigns_signed_by("Unseen")]
            ['general-election-statement', 'mayoral-pledge-2024']

        """
        org = self._organisation(organisation)
        ids = self._campaigns_by_org.get(org.id, ())
        return tuple(c for c in self.campaigns if c.id in ids)

    def statistics_of(self, document: Document | str) -> tuple[Statistic, ...]:
        """
        All statistics a document states, in text order.

        Example:
            >>> import modslavery
            >>> [s.value for s in modslavery.load().statistics_of("pledge-mayoral-2024")][:2]
            [50, 17004]

        """
        document_id = document.id if isinstance(document, Document) else document
        if document_id not in self._statistics_by_document:
            raise self.documents._not_found(document_id)  # noqa: SLF001 - same package
        return tuple(sorted(self._statistics_by_document[document_id], key=lambda s: s.start))

    def mentions_in(self, document: Document | str) -> tuple[Mention, ...]:
        """
        Every mention of an organisation or entity in a document, in text order.

        Example:
            >>> import modslavery
            >>> "Amber Rudd" in {m.quote for m in modslavery.load().mentions_in("news-jstac-launch")}
            True

        """
        document_id = document.id if isinstance(document, Document) else document
        if document_id not in self._mentions_by_document:
            raise self.documents._not_found(document_id)  # noqa: SLF001 - same package
        return tuple(sorted(self._mentions_by_document[document_id], key=lambda m: m.start))

    def documents_mentioning(self, target: Organisation | Entity | str) -> tuple[Document, ...]:
        """
        The documents that name an organisation, person, law, report or programme.

        *target* is a record, its id, an entity's name or alias, or any name
        :meth:`Organisations.lookup` accepts.

        Raises:
            NotFound: nothing by that id or name.

        Example:
            >>> import modslavery
            >>> [d.id for d in modslavery.load().documents_mentioning("Modern Slavery Act 2015")]
            ['op-ed-stroud', 'pledge-mayoral-2024']

        """
        target_id = self._target_id(target)
        ids = {m.document_id for m in self._mentions_by_target.get(target_id, ())}
        return tuple(d for d in self.documents if d.id in ids)

    def _target_id(self, target: Organisation | Entity | str) -> str:
        if isinstance(target, (Organisation, Entity)):
            return target.id
        if target in self.entities or target in self.organisations:
            return target
        from modslavery.names import name_key  # noqa: PLC0415

        key = name_key(target)
        for entity in self.entities:
            if key in {name_key(n) for n in (entity.name, *entity.aliases)}:
                return entity.id
        try:
            return self.organisations.lookup(target).id
        except NotFound:
            msg = f"no organisation or entity named {target!r}"
            raise NotFound(msg) from None

    def series(self, measure: Measure | str, *, unit: str | None = None) -> tuple[Statistic, ...]:
        """
        The statistics of one measure ordered by period: a time series across documents.

        Example:
            >>> import modslavery
            >>> [(s.document_id, s.value) for s in modslavery.load().series("nrm-referrals")]
            [('news-jstac-launch', 3800), ('pledge-mayoral-2024', 17004)]

        """
        return self.statistics.series(measure, unit=unit)

    # -- set operations (see modslavery.signatories) --------------------

    def signed_all(self, *campaigns: Campaign | str) -> frozenset[Organisation]:
        """
        Organisations that signed every one of *campaigns*.

        Example:
            >>> import modslavery
            >>> ds = modslavery.load()
            >>> ds.signed_all("general-election-statement", "mayoral-pledge-2024") == (
            ...     ds.signatories("general-election-statement") & ds.signatories("mayoral-pledge-2024"))
            True

        """
        from modslavery import signatories  # noqa: PLC0415

        return signatories.signed_all(self, campaigns)

    def signed_any(self, *campaigns: Campaign | str) -> frozenset[Organisation]:
        """
        Organisations that signed at least one of *campaigns*.

        Example:
            >>> import modslavery
            >>> len(modslavery.load().signed_any("general-election-statement")) == 59
            True

        """
        from modslavery import signatories  # noqa: PLC0415

        return signatories.signed_any(self, campaigns)

    def signed_only(self, campaign: Campaign | str, *others: Campaign | str) -> frozenset[Organisation]:
        """
        Organisations that signed *campaign* but none of *others*.

        Example:
            >>> import modslavery
            >>> ds = modslavery.load()
            >>> only = ds.signed_only("mayoral-pledge-2024", "general-election-statement")
            >>> only == ds.signatories("mayoral-pledge-2024") - ds.signatories("general-election-statement")
            True

        """
        from modslavery import signatories  # noqa: PLC0415

        return signatories.signed_only(self, campaign, others)

    def signed_exactly(self, k: int, *campaigns: Campaign | str) -> frozenset[Organisation]:
        """
        Organisations that signed exactly *k* of *campaigns* (all campaigns if none are given).

        Example:
            >>> import modslavery
            >>> ds = modslavery.load()
            >>> ds.signed_exactly(2) == ds.signed_all(*ds.campaigns)
            True

        """
        from modslavery import signatories  # noqa: PLC0415

        return signatories.signed_exactly(self, k, campaigns)

    def overlap(self, *campaigns: Campaign | str) -> tuple[Overlap, ...]:
        """
        Pairwise overlap of signatories (counts and Jaccard index), all campaigns if none are given.

        Example:
            >>> import modslavery
            >>> row = modslavery.load().overlap()[0]
            >>> (row.a, row.b, row.both) == ("general-election-statement", "mayoral-pledge-2024", 27)
            True

        """
        from modslavery import signatories  # noqa: PLC0415

        return signatories.overlap(self, campaigns)
