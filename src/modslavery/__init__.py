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

from modslavery.errors import DataError, ModSlaveryError, NotFound

if TYPE_CHECKING:
    from modslavery._loader import clear_cache, load
    from modslavery._records import Records
    from modslavery.dataset import Dataset
    from modslavery.export import export_csv, export_datapackage, export_json, export_sqlite
    from modslavery.models import (
        Ask,
        Author,
        Basis,
        Campaign,
        DateClaim,
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

__version__ = "0.1.0"
#: The version of the bundled data (a date); recorded in every export.
__data_version__ = "2026.11.23"

__all__ = [
    "Ask",
    "Author",
    "Basis",
    "Campaign",
    "DataError",
    "Dataset",
    "DateClaim",
    "Document",
    "DocumentKind",
    "Entity",
    "EntityKind",
    "Evidence",
    "Exclusion",
    "Geography",
    "Judgement",
    "Measure",
    "Mention",
    "ModSlaveryError",
    "NotFound",
    "Organisation",
    "PartialDate",
    "Period",
    "Publisher",
    "Qualifier",
    "Records",
    "Signature",
    "Statistic",
    "TitleBasis",
    "Unit",
    "Verdict",
    "__data_version__",
    "__version__",
    "clear_cache",
    "export_csv",
    "export_datapackage",
    "export_json",
    "export_sqlite",
    "load",
]

_LAZY = {
    "load": "modslavery._loader",
    "clear_cache": "modslavery._loader",
    "Dataset": "modslavery.dataset",
    "Records": "modslavery._records",
    "export_json": "modslavery.export",
    "export_csv": "modslavery.export",
    "export_datapackage": "modslavery.export",
    "export_sqlite": "modslavery.export",
}
_MODELS = frozenset(
    {
        "Ask", "Author", "Basis", "Campaign", "DateClaim", "Document", "DocumentKind", "Entity", "EntityKind",
        "Evidence", "Exclusion", "Geography", "Judgement", "Measure", "Mention", "Organisation", "PartialDate",
        "Period", "Publisher", "Qualifier", "Signature", "Statistic", "TitleBasis", "Unit", "Verdict",
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
