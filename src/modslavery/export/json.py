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
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from modslavery._about import __data_version__
from modslavery._converter import unstructure_records
from modslavery._format import FILES
from modslavery._loader import load

if TYPE_CHECKING:
    from modslavery.dataset import Dataset, Parts

__all__ = ["dumps_records", "export_json", "write_manifest"]


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

    The result loads back with :meth:`modslavery.Dataset.from_directory`.

    Example:
        >>> import modslavery, tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     len(export_json(tmp))
        10

    """
    if data is None:
        data = load()
    folder = Path(target)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, attribute, _ in FILES:
        path = folder / filename
        path.write_text(dumps_records(list(getattr(data, attribute))), encoding="utf-8", newline="\n")
        written.append(path)
    return written


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
    names = sorted(filename for filename, _, _ in FILES)
    hashes = {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in names}
    path = folder / "manifest.json"
    text = json.dumps({"data_version": __data_version__, "files": hashes}, indent=2) + "\n"
    path.write_text(text, encoding="utf-8", newline="\n")
    return path
