"""
modslavery: UK modern-slavery advocacy texts as typed, traceable data.

Nothing is read at import; :func:`load` reads and checks the bundled data on
first use and caches it. The collections are also module attributes that load
on first access, like ``pycountry.countries``.

Example:
    >>> import modslavery as ms
    >>> ms.organisations.lookup("ECPAT UK").id
    'ecpat-uk'
    >>> len(ms.load().signatures)
    114

"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from modslavery._about import __data_version__, __version__
from modslavery.errors import DataError, ExportError, ModSlaveryError, NotFound

if TYPE_CHECKING:
    from modslavery._format import Parts
    from modslavery._loader import clear_cache, load
    from modslavery._organisations import Organisations
    from modslavery._records import Records
    from modslavery._signatories import OrganisationSet, Overlap
    from modslavery._statistics import Statistics
    from modslavery.dataset import Dataset
    from modslavery.export import (
        export_csv,
        export_datapackage,
        export_datasette,
        export_html,
        export_json,
        export_parquet,
        export_sqlite,
    )
    from modslavery.models import (
        Ask,
        Author,
        Basis,
        Campaign,
        DateClaim,
        DatePrecision,
        Document,
        DocumentKind,
        Entity,
        EntityKind,
        Evidence,
        Exclusion,
        Geography,
        Judgement,
        Measure,
        Mention,
        Organisation,
        PartialDate,
        Period,
        Publisher,
        Qualifier,
        Signature,
        Statistic,
        TitleBasis,
        Unit,
        Verdict,
    )


__all__ = [
    "Ask",
    "Author",
    "Basis",
    "Campaign",
    "DataError",
    "Dataset",
    "DateClaim",
    "DatePrecision",
    "Document",
    "DocumentKind",
    "Entity",
    "EntityKind",
    "Evidence",
    "Exclusion",
    "ExportError",
    "Geography",
    "Judgement",
    "Measure",
    "Mention",
    "ModSlaveryError",
    "NotFound",
    "Organisation",
    "OrganisationSet",
    "Organisations",
    "Overlap",
    "PartialDate",
    "Parts",
    "Period",
    "Publisher",
    "Qualifier",
    "Records",
    "Signature",
    "Statistic",
    "Statistics",
    "TitleBasis",
    "Unit",
    "Verdict",
    "__data_version__",
    "__version__",
    "clear_cache",
    "export_csv",
    "export_datapackage",
    "export_datasette",
    "export_html",
    "export_json",
    "export_parquet",
    "export_sqlite",
    "load",
]

_LAZY = {
    "load": "modslavery._loader",
    "clear_cache": "modslavery._loader",
    "Dataset": "modslavery.dataset",
    "Parts": "modslavery._format",
    "Records": "modslavery._records",
    "Organisations": "modslavery._organisations",
    "Statistics": "modslavery._statistics",
    "OrganisationSet": "modslavery._signatories",
    "Overlap": "modslavery._signatories",
    "export_json": "modslavery.export",
    "export_csv": "modslavery.export",
    "export_datapackage": "modslavery.export",
    "export_sqlite": "modslavery.export",
    "export_parquet": "modslavery.export",
    "export_html": "modslavery.export",
    "export_datasette": "modslavery.export",
}
_MODELS = frozenset(
    {
        "Ask", "Author", "Basis", "Campaign", "DateClaim", "DatePrecision", "Document", "DocumentKind", "Entity",
        "EntityKind", "Evidence", "Exclusion", "Geography", "Judgement", "Measure", "Mention", "Organisation",
        "PartialDate", "Period", "Publisher", "Qualifier", "Signature", "Statistic", "TitleBasis", "Unit", "Verdict",
    }
)  # fmt: skip
#: Collections of the bundled data set, available as module attributes.
_COLLECTIONS = frozenset(
    {
        "documents", "measures", "statistics", "organisations", "campaigns",
        "signatures", "entities", "mentions", "judgements", "exclusions",
    }
)  # fmt: skip


def __getattr__(name: str) -> Any:
    """Import public names on first use and expose the bundled collections."""
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _MODELS:
        return getattr(importlib.import_module("modslavery.models"), name)
    if name in _COLLECTIONS:
        return getattr(importlib.import_module("modslavery._loader").load(), name)
    msg = f"module 'modslavery' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    """Public names, including the lazy ones."""
    return sorted({*__all__, *_COLLECTIONS})
