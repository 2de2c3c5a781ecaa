"""
Datasette export: the SQLite database and a ``metadata.json`` that describes it, ready to publish.

The folder gets ``modslavery.db`` (the SQLite export, full-text tables
included) and ``metadata.json``: a title, description, licence and source for
the database and each table, every column's description from the data
dictionary, and facets on measures and campaigns. Serve it with::

    datasette DIR/modslavery.db -m DIR/metadata.json

Datasette itself is not needed to write the folder (``pip install
"modslavery[datasette]"`` installs it to serve one).

Example:
    >>> meta = metadata()
    >>> meta["databases"]["modslavery"]["tables"]["statistics"]["facets"]
    ['measure_id', 'unit', 'document_id']

"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modslavery._about import __data_version__, __version__
from modslavery.export._atomic import write_files
from modslavery.export._tables import LICENCES, METADATA, TABLES, Table
from modslavery.export.sqlite import SEARCH, export_sqlite

if TYPE_CHECKING:
    from modslavery.dataset import Dataset, Parts

__all__ = ["DATABASE", "FACETS", "export_datasette", "metadata"]

#: The database's file name, which is also its name in Datasette's URLs.
DATABASE = "modslavery.db"

#: The columns each table is faceted by.
FACETS: dict[str, list[str]] = {
    "statistics": ["measure_id", "unit", "document_id"],
    "signatures": ["campaign_id"],
    "campaign_asks": ["campaign_id"],
    "mentions": ["document_id"],
    "exclusions": ["document_id"],
}

_LABELS = {"documents": "title", "campaigns": "title", "organisations": "name", "measures": "label", "entities": "name"}
_CC_BY = "https://creativecommons.org/licenses/by/4.0/"
_SOURCE = (
    f"Five UK modern-slavery advocacy texts and the records curated from them: modslavery {__version__}, "
    f"data version {__data_version__}"
)
_DESCRIPTION = (
    "UK modern-slavery advocacy texts as typed, traceable data: documents, statistics, campaigns and signatories. "
    "Every statistic, signature and mention records its exact quote and its character span (start, end) in its "
    "document's text. Search documents and statistics with the full-text search box."
)


def _table(table: Table) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "description": table.description,
        "source": _SOURCE,
        "license": "CC-BY-4.0",
        "license_url": _CC_BY,
        "columns": {column.name: column.description for column in table.columns},
    }
    if table.name == "documents":
        entry["license"] = "CC-BY-4.0, except the text column: " + LICENCES["licence_text"]
    if table.name in FACETS:
        entry["facets"] = FACETS[table.name]
    if table.name in _LABELS:
        entry["label_column"] = _LABELS[table.name]
    return entry


def metadata() -> dict[str, Any]:
    """
    The Datasette metadata of the database: title, description, licence and source, per table too.

    Example:
        >>> meta = metadata()
        >>> meta["title"], meta["license"]
        ('modslavery', 'CC-BY-4.0')
        >>> meta["databases"]["modslavery"]["tables"]["signatures"]["columns"]["position"]
        "Place of the entry in the campaign's signatory list (from 1)."

    """
    tables = {table.name: _table(table) for table in (*TABLES, METADATA)}
    for name, (table, columns) in SEARCH.items():
        tables[name] = {"description": f"Full-text index of {table} ({', '.join(columns)})."}
    database = {
        "title": f"modslavery {__data_version__}",
        "description": _DESCRIPTION,
        "source": _SOURCE,
        "license": "CC-BY-4.0",
        "license_url": _CC_BY,
        "tables": tables,
    }
    return {
        "title": "modslavery",
        "description": _DESCRIPTION + " " + LICENCES["licence_text"] + ".",
        "license": "CC-BY-4.0",
        "license_url": _CC_BY,
        "source": _SOURCE,
        "databases": {DATABASE.removesuffix(".db"): database},
    }


def export_datasette(target: str | os.PathLike[str], data: Dataset | Parts | None = None) -> list[Path]:
    """
    Write *data* (default: the bundled data) as ``modslavery.db`` and ``metadata.json`` into folder *target*.

    Both files are written or neither; the database is the one
    :func:`~modslavery.export.sqlite.export_sqlite` writes.

    Raises:
        ExportError: *target* is empty or cannot be written.

    Example:
        >>> import tempfile, json
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     [p.name for p in export_datasette(tmp)]
        ['modslavery.db', 'metadata.json']

    """
    meta = (json.dumps(metadata(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="modslavery-") as scratch:
        database = export_sqlite(Path(scratch) / DATABASE, data).read_bytes()
    return write_files(target, {DATABASE: database, "metadata.json": meta})
