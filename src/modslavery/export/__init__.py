"""
Writing the data set out: JSON with schemas, CSV, SQLite, Parquet, a data package, an HTML site, a Datasette database.

The HTML site marks every record in its document's text; the Datasette folder is the SQLite database with
its metadata.

Every tabular export uses the model field names as column names and records
:data:`modslavery.__data_version__`. The writers load on first use, so
importing this package imports neither :mod:`csv` nor :mod:`sqlite3`.

Example:
    >>> import modslavery, tempfile, os
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     written = modslavery.export_json(tmp)
    ...     sorted(os.path.basename(p) for p in written)[:2]
    ['campaigns.json', 'documents.json']

"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modslavery.export.csv import export_csv
    from modslavery.export.datapackage import export_datapackage
    from modslavery.export.datasette import export_datasette
    from modslavery.export.html import export_html
    from modslavery.export.json import dumps_records, export_json, write_manifest
    from modslavery.export.parquet import export_parquet
    from modslavery.export.sqlite import export_sqlite

__all__ = [
    "dumps_records",
    "export_csv",
    "export_datapackage",
    "export_datasette",
    "export_html",
    "export_json",
    "export_parquet",
    "export_sqlite",
    "write_manifest",
]

_LAZY = {
    "dumps_records": "modslavery.export.json",
    "export_json": "modslavery.export.json",
    "write_manifest": "modslavery.export.json",
    "export_csv": "modslavery.export.csv",
    "export_datapackage": "modslavery.export.datapackage",
    "export_sqlite": "modslavery.export.sqlite",
    "export_parquet": "modslavery.export.parquet",
    "export_html": "modslavery.export.html",
    "export_datasette": "modslavery.export.datasette",
}


def __getattr__(name: str) -> Any:
    """Import a writer on first use."""
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    msg = f"module 'modslavery.export' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    """Public names, including the lazy ones."""
    return sorted(__all__)
