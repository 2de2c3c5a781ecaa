r"""
CSV export: one UTF-8 file per table, with deterministic bytes.

Every collection becomes ``<collection>.csv`` with the model's field names as
its header; link tables (``organisation_aliases.csv``, ``campaign_asks.csv``,
...) hold the tuples, and ``metadata.csv`` records the data version and the
licences. Lines end with ``"\n"``; fields are quoted only when needed; a
missing value is an empty field; numbers are written as Python writes them.
The same data gives the same bytes on every run.

Example:
    >>> import modslavery, tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = export_csv(tmp)
    ...     Path(tmp, "signatures.csv").read_text(encoding="utf-8").splitlines()[0]
    'id,campaign_id,organisation_id,position,name_as_written,start,end'

"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modslavery._loader import load
from modslavery.export._atomic import write_files
from modslavery.export._tables import METADATA, TABLES, Table, metadata_rows, table_rows

if TYPE_CHECKING:
    from modslavery.dataset import Dataset, Parts

__all__ = ["csv_files", "csv_text", "export_csv"]


_SPECIAL = frozenset(',"\r\n')


def _format(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _quoted(text: str) -> str:
    # The csv module quotes only the characters of its line terminator, so a lone "\r" would go unquoted.
    if any(c in text for c in _SPECIAL):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_text(table: Table, rows: Iterable[tuple[Any, ...]]) -> str:
    r"""
    One table as CSV text: the header, then one line per row.

    A field is quoted when it holds a comma, a double quote, a carriage return or a line feed.

    Example:
        >>> from modslavery.export._tables import TABLE
        >>> csv_text(TABLE["measures"], [("a-b", "A, B", None)])
        'id,label,description\na-b,"A, B",\n'

    """
    lines = [",".join(_quoted(name) for name in table.column_names)]
    lines += [",".join(_quoted(_format(v)) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def export_csv(target: str | os.PathLike[str], data: Dataset | Parts | None = None) -> list[Path]:
    """
    Write every table of *data* (default: the bundled data) as ``<table>.csv`` into directory *target*.

    Returns the paths written, in table order, ``metadata.csv`` last. The
    folder is created if missing; the files are written all or none, and a
    link planted in the folder is replaced, never written through.

    Raises:
        ExportError: *target* is empty or cannot be written.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     [p.name for p in export_csv(tmp)][:3]
        ['documents.csv', 'document_authors.csv', 'document_author_evidence.csv']

    """
    return write_files(target, csv_files(load() if data is None else data))


def csv_files(data: Dataset | Parts) -> dict[str, bytes]:
    """
    The bytes of every ``<table>.csv`` of *data*, in table order, ``metadata.csv`` last.

    Example:
        >>> import modslavery
        >>> list(csv_files(modslavery.load()))[-1]
        'metadata.csv'

    """
    rows = table_rows(data)
    tables = [*((t, rows[t.name]) for t in TABLES), (METADATA, metadata_rows())]
    return {f"{table.name}.csv": csv_text(table, table_data).encode("utf-8") for table, table_data in tables}
