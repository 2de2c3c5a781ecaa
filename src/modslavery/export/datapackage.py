"""
Frictionless Data Package export: the CSV files plus a ``datapackage.json`` that describes them.

Each table is a tabular resource with its path, format, media type, encoding,
size in bytes, SHA-256 hash, a schema (field types, descriptions,
constraints, primary key, foreign keys), licences and sources. The sources
are the five documents, each named by its title, kind and id; their full texts
are the ``text`` column of ``documents.csv`` (with their own licence note), so
no source points at a file the package does not contain. The package's
``version`` is :data:`modslavery.__data_version__`. Resource names are the
table names with ``-`` for ``_`` (the Data Package v1 name pattern has no
underscore); the files keep the table names.

Example:
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     descriptor = json.loads(export_datapackage(tmp).read_text(encoding="utf-8"))
    >>> descriptor["resources"][0]["name"], descriptor["resources"][0]["path"]
    ('documents', 'documents.csv')

"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modslavery._about import __data_version__, __version__
from modslavery._loader import load
from modslavery._words import title_text
from modslavery.export._atomic import write_files
from modslavery.export._tables import LICENCES, METADATA, TABLES, Table
from modslavery.export.csv import csv_files

if TYPE_CHECKING:
    from modslavery.dataset import Dataset, Parts

__all__ = ["descriptor", "export_datapackage"]

_CC_BY = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
_NOT_OPEN = {
    "name": "LicenseRef-modslavery-source-texts",
    "title": "documents.text is NOT openly licensed: copyright of its authors and publishers (see LICENSE-DATA.md)",
}


def resource_name(table: Table) -> str:
    """
    The resource name of a table: its name with hyphens for underscores.

    Example:
        >>> from modslavery.export._tables import TABLE
        >>> resource_name(TABLE["organisation_aliases"])
        'organisation-aliases'

    """
    return table.name.replace("_", "-")


def _field(table: Table, index: int) -> dict[str, Any]:
    column = table.columns[index]
    field: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.date:
        field["description"] += " Dates may be partial: YYYY, YYYY-MM or YYYY-MM-DD."
        constraints["pattern"] = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(table: Table, name: str, data: bytes, sources: list[dict[str, str]]) -> dict[str, Any]:
    by_name = {t.name: t for t in (*TABLES, METADATA)}
    schema: dict[str, Any] = {
        "fields": [_field(table, i) for i in range(len(table.columns))],
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.columns),
                "reference": {
                    "resource": "" if fk.table == table.name else resource_name(by_name[fk.table]),
                    "fields": list(fk.references),
                },
            }
            for fk in table.foreign_keys
        ]
    resource: dict[str, Any] = {
        "name": resource_name(table),
        "path": name,
        "profile": "tabular-data-resource",
        "title": table.name,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "lineTerminator": "\n", "header": True},
        "schema": schema,
        "licenses": [_CC_BY],
        "sources": sources,
    }
    if table.name == "documents":
        resource["description"] += " " + LICENCES["licence_text"] + "."
        resource["licenses"] = [_CC_BY, _NOT_OPEN]
    return resource


def descriptor(files: Mapping[str, bytes], data: Dataset | Parts) -> dict[str, Any]:
    """
    The ``datapackage.json`` descriptor of the CSV *files* of *data*, as :func:`.csv_files` makes them.

    Example:
        >>> import modslavery
        >>> from modslavery.export.csv import csv_files
        >>> d = descriptor(csv_files(modslavery.load()), modslavery.load())
        >>> d["version"] == modslavery.__data_version__, d["licenses"][0]["name"]
        (True, 'CC-BY-4.0')

    """
    sources = [
        {"title": f"{title_text(doc)} ({doc.kind.value}); its text is documents.csv, id {doc.id}"}
        for doc in data.documents
    ]
    return {
        "profile": "tabular-data-package",
        "name": "modslavery",
        "title": "modslavery: UK modern-slavery advocacy texts as typed, traceable data",
        "description": (
            "Five UK modern-slavery advocacy texts with every statistic they state, the campaigns and their "
            "signatures, and the organisations behind them; every figure points back to its exact quote and span. "
            f"Exported by modslavery {__version__}. " + LICENCES["licence_text"] + ". "
            "Ids never change meaning; an id is deprecated for at least one release before it is removed."
        ),
        "version": __data_version__,
        "licenses": [_CC_BY],
        "sources": sources,
        "keywords": ["modern slavery", "human trafficking", "united kingdom", "advocacy"],
        "resources": [_resource(t, f"{t.name}.csv", files[f"{t.name}.csv"], sources) for t in (*TABLES, METADATA)],
    }


def export_datapackage(target: str | os.PathLike[str], data: Dataset | Parts | None = None) -> Path:
    """
    Write the CSV files and ``datapackage.json`` of *data* (default: the bundled data) into directory *target*.

    Returns the path of ``datapackage.json``. The files are written all or none (see
    :func:`~modslavery.export.csv.export_csv`).

    Raises:
        ExportError: *target* is empty or cannot be written.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     export_datapackage(tmp).name
        'datapackage.json'

    """
    if data is None:
        data = load()
    files = csv_files(data)
    text = json.dumps(descriptor(files, data), ensure_ascii=False, indent=2) + "\n"
    return write_files(target, {**files, "datapackage.json": text.encode("utf-8")})[-1]
