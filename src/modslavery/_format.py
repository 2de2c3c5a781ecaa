"""
The data format: which file holds which collection of which model.

Example:
    >>> [filename for filename, _, _ in FILES][:3]
    ['documents.json', 'measures.json', 'statistics.json']

"""

from __future__ import annotations

from collections.abc import Iterator

from attrs import frozen

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

__all__ = ["FILES", "MANIFEST", "Parts"]

#: The data files of a data directory, in load order, with the attribute and record type each holds.
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

#: The manifest's file name, beside the data files: the data version and each file's SHA-256.
MANIFEST = "manifest.json"


@frozen(kw_only=True)
class Parts:
    """
    The records of a data directory, file by file, before they are checked against each other and indexed.

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
