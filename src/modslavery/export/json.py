"""
The bundled JSON format: one array of records per file, written deterministically.

Example:
    >>> from modslavery.models import Measure
    >>> print(dumps_records([Measure(id="a-b", label="A", description="d")]), end="")
    [
      {
        "id": "a-b",
        "label": "A",
        "description": "d"
      }
    ]

"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from modslavery._about import __data_version__
from modslavery._converter import unstructure_records
from modslavery._format import FILES
from modslavery._loader import load
from modslavery.export._atomic import write_files

if TYPE_CHECKING:
    from modslavery.dataset import Dataset, Parts

__all__ = ["dumps_records", "export_json", "json_files", "manifest_bytes", "write_manifest"]


def dumps_records(records: Sequence[object]) -> str:
    r"""
    Serialise records to the bundled JSON text: two-space indent, UTF-8 characters kept, final newline.

    Example:
        >>> dumps_records([])
        '[]\n'

    """
    return json.dumps(unstructure_records(records), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def export_json(target: str | os.PathLike[str], data: Dataset | Parts | None = None) -> list[Path]:
    """
    Write every data file of *data* (default: the bundled data) into directory *target*.

    The result loads back with :meth:`modslavery.Dataset.from_directory`. The
    files are written all or none (see :func:`~modslavery.export.csv.export_csv`).

    Raises:
        ExportError: *target* is empty or cannot be written.

    Example:
        >>> import modslavery, tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     len(export_json(tmp))
        10

    """
    return write_files(target, json_files(load() if data is None else data))


def json_files(data: Dataset | Parts) -> dict[str, bytes]:
    """
    The bytes of every data file of *data*, in the bundled format.

    Example:
        >>> import modslavery
        >>> list(json_files(modslavery.load()))[:2]
        ['documents.json', 'measures.json']

    """
    return {filename: dumps_records(list(getattr(data, attribute))).encode("utf-8") for filename, attribute, _ in FILES}


def manifest_bytes(files: Mapping[str, bytes]) -> bytes:
    """
    The ``manifest.json`` of data *files*: the data version and each file's SHA-256, as the bundled manifest.

    Example:
        >>> import json, modslavery
        >>> manifest = json.loads(manifest_bytes(json_files(modslavery.load())))
        >>> manifest["data_version"] == modslavery.__data_version__, len(manifest["files"])
        (True, 10)

    """
    hashes = {name: hashlib.sha256(files[name]).hexdigest() for name in sorted(files)}
    return (json.dumps({"data_version": __data_version__, "files": hashes}, indent=2) + "\n").encode("utf-8")


def write_manifest(target: str | os.PathLike[str]) -> Path:
    """
    Write ``manifest.json`` for the data files in directory *target*: the data version and each file's SHA-256.

    The format is that of the bundled manifest, so
    :func:`modslavery.integrity.verify_directory` checks the directory against it.

    Example:
        >>> import modslavery, json, tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     _ = export_json(tmp)
        ...     manifest = json.loads(write_manifest(tmp).read_text(encoding="utf-8"))
        >>> manifest["data_version"] == modslavery.__data_version__, len(manifest["files"])
        (True, 10)

    """
    folder = Path(target)
    files = {filename: (folder / filename).read_bytes() for filename, _, _ in FILES}
    return write_files(folder, {"manifest.json": manifest_bytes(files)})[0]
