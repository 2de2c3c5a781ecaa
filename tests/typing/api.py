"""
Typed use of the public API, checked by `mypy --strict tests/typing` in .ci/run (issue #5).

Not collected by pytest as a test module; its only job is to type-check, so a
change that loses the types callers rely on fails CI.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pandas as pd

import modslavery as ms
from modslavery import frames

ds: ms.Dataset = ms.load()
org: ms.Organisation = ds.organisations.lookup("unseen")
hits: list[tuple[ms.Organisation, float]] = ds.organisations.search("snowdrop", limit=5)
members: ms.OrganisationSet = ds.signatories("general-election-statement")
both: ms.OrganisationSet = members & ds.signatories(ds.campaigns["mayoral-pledge-2024"])
signed: ms.Records[ms.Campaign] = ds.campaigns_signed_by(org)
signed_by_name: Collection[ms.Campaign] = ds.campaigns_signed_by("Unseen UK")
every: ms.OrganisationSet = ds.signed_all("general-election-statement", "mayoral-pledge-2024")
table: tuple[ms.Overlap, ...] = ds.overlap()
jaccard: float = table[0].jaccard
series: ms.Statistics = ds.series("nrm-referrals")
value: int | float = series[0].value
maybe: ms.Document | None = ds.documents.get("op-ed-stroud")
doc: ms.Document = ds.documents["op-ed-stroud"]
stats: ms.Statistics = ds.statistics.filter(document=doc, year=2016).filter(unit="people")
mentioning: ms.Records[ms.Document] = ds.documents_mentioning("Modern Slavery Act 2015")
first_quote: str = ds.statistics_of(doc)[0].quote
first_document: ms.Document = ds.documents[0]
some_documents: ms.Records[ms.Document] = ds.documents[1:3]
frame: pd.DataFrame = frames.to_dataframe(ds.statistics.filter(year=1800))
every_table: dict[str, pd.DataFrame] = frames.tables()


def export_tables(folder: Path) -> list[Path]:
    """Typed but not called: importing this file (pytest collects it for doctests) writes nothing."""
    return ms.export_parquet(folder)


has_id: bool = "op-ed-stroud" in ds.documents and "amber-rudd" in ds.entities  # an id is not a record: still allowed
