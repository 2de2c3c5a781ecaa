"""
Typed use of the public API, checked by `mypy --strict tests/typing` in .ci/run (issue #5).

Not collected by pytest as a test module; its only job is to type-check, so a
change that loses the types callers rely on fails CI.
"""

from __future__ import annotations

import modslavery as ms

ds: ms.Dataset = ms.load()
org: ms.Organisation = ds.organisations.lookup("unseen")
hits: list[tuple[ms.Organisation, float]] = ds.organisations.search("snowdrop", limit=5)
members: ms.OrganisationSet = ds.signatories("general-election-statement")
both: ms.OrganisationSet = members & ds.signatories(ds.campaigns["mayoral-pledge-2024"])
signed: tuple[ms.Campaign, ...] = ds.campaigns_signed_by(org)
signed_by_name: tuple[ms.Campaign, ...] = ds.campaigns_signed_by("Unseen UK")
every: ms.OrganisationSet = ds.signed_all("general-election-statement", "mayoral-pledge-2024")
table: tuple[ms.Overlap, ...] = ds.overlap()
jaccard: float = table[0].jaccard
series: tuple[ms.Statistic, ...] = ds.series("nrm-referrals")
value: int | float = series[0].value
maybe: ms.Document | None = ds.documents.get("op-ed-stroud")
doc: ms.Document = ds.documents["op-ed-stroud"]
stats: tuple[ms.Statistic, ...] = ds.statistics.filter(document=doc, year=2016)
mentioning: tuple[ms.Document, ...] = ds.documents_mentioning("Modern Slavery Act 2015")
first_quote: str = ds.statistics_of(doc)[0].quote
