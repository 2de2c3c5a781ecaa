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

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from modslavery.dataset import Dataset, Parts

__all__ = ["dumps_records", "export_json"]


def dumps_records(records: Sequence[object]) -> str:
    r"""
    Serialise records to the bundled JSON text: two-space indent, UTF-8 characters kept, final newline.

    Example:
        >>> dumps_records([])
        '[]\n'

    """
    from modslavery._converter import unstructure_records  # noqa: PLC0415 - keeps cattrs out of import

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
    from modslavery.dataset import FILES  # noqa: PLC0415

    if data is None:
        from modslavery._loader import load  # noqa: PLC0415

        data = load()
    folder = Path(target)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, attribute, _ in FILES:
        path = folder / filename
        path.write_text(dumps_records(list(getattr(data, attribute))), encoding="utf-8", newline="\n")
        written.append(path)
    return written
