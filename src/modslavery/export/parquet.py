"""
Parquet export: one Apache Parquet file per table, for DuckDB, Polars, Spark, pandas and the rest of the Arrow world.

The tables, columns and rows are those of the CSV and SQLite exports (the
model field names, ``metadata.parquet`` last). Column types follow the
tables' types: ``string`` is UTF-8 text, ``integer`` a 64-bit integer,
``boolean`` a boolean, and ``number`` (``statistics.value``) a 64-bit float,
so one column has one type whatever values it holds; dates stay ISO 8601
strings of 4, 7 or 10 characters, as partial as the texts state them. A
column is nullable exactly where the CSV may leave it empty, and carries its
description in its field metadata. Each file's key/value metadata holds the
rows of the ``metadata`` table (``data_version``, ``modslavery_version``, the
licences) and the table's name, description and primary key.

The files are compressed with Snappy and written with fixed options, so the
same data gives the same bytes on every run with the same pyarrow version
(pyarrow records its version in each file). Needs pyarrow, which the
``parquet`` extra installs: ``pip install "modslavery[parquet]"``. Importing
this module does not import pyarrow.

Example:
    >>> import modslavery, tempfile
    >>> import pyarrow.parquet as pq
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = export_parquet(tmp)
    ...     table = pq.read_table(f"{tmp}/statistics.parquet")
    >>> table.num_rows, table.schema.metadata[b"data_version"] == modslavery.__data_version__.encode()
    (20, True)

"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modslavery._loader import load
from modslavery.export._atomic import write_files
from modslavery.export._tables import METADATA, TABLES, Table, metadata_rows, table_rows

if TYPE_CHECKING:
    import pyarrow as pa

    from modslavery.dataset import Dataset, Parts

__all__ = ["INSTALL_HINT", "export_parquet", "parquet_files", "parquet_schema"]

#: The command that installs what this module needs; named in its ImportError.
INSTALL_HINT = 'pip install "modslavery[parquet]"'

# Written out rather than left to pyarrow's defaults, so that a change of default does not change the files.
_OPTIONS: dict[str, Any] = {
    "version": "2.6",
    "compression": "snappy",
    "use_dictionary": True,
    "write_statistics": True,
    "data_page_version": "1.0",
    "store_schema": True,  # the Arrow schema keeps the column descriptions and the file metadata
}


def _pyarrow() -> None:
    try:
        import pyarrow as pa  # noqa: F401, PLC0415 - pyarrow is optional and heavy
    except ImportError as error:
        msg = f"the Parquet export needs pyarrow, which is not installed: {INSTALL_HINT}"
        raise ImportError(msg, name="pyarrow") from error


def parquet_schema(table: Table) -> pa.Schema:
    """
    The Arrow schema of a table's Parquet file: its columns, types, nullability, descriptions and metadata.

    Raises:
        ImportError: pyarrow is not installed.

    Example:
        >>> from modslavery.export._tables import TABLE
        >>> schema = parquet_schema(TABLE["statistics"])
        >>> str(schema.field("value").type), schema.field("id").nullable, schema.field("note").nullable
        ('double', False, True)

    """
    _pyarrow()
    import pyarrow as pa  # noqa: PLC0415 - pyarrow is optional and heavy

    types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
    fields = [
        pa.field(c.name, types[c.type], nullable=not c.required, metadata={"description": c.description})
        for c in table.columns
    ]
    metadata: dict[bytes | str, bytes | str] = {
        **dict(metadata_rows()),
        "table": table.name,
        "description": table.description,
        "primary_key": json.dumps(list(table.primary_key)),
    }
    return pa.schema(fields, metadata=metadata)


def _parquet_bytes(table: Table, rows: list[tuple[Any, ...]]) -> bytes:
    import pyarrow as pa  # noqa: PLC0415 - pyarrow is optional and heavy
    import pyarrow.parquet as pq  # noqa: PLC0415

    schema = parquet_schema(table)
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(table.columns)
    arrays = [
        # A number column holds ints and floats: pyarrow converts ints to float64 itself, exactly up to 2**53.
        pa.array(values, type=field.type, from_pandas=False)
        for values, field in zip(columns, schema, strict=True)
    ]
    arrow = pa.Table.from_arrays(arrays, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(arrow, sink, **_OPTIONS)
    return bytes(sink.getvalue().to_pybytes())


def parquet_files(data: Dataset | Parts) -> dict[str, bytes]:
    """
    The bytes of every ``<table>.parquet`` of *data*, in table order, ``metadata.parquet`` last.

    Raises:
        ImportError: pyarrow is not installed.

    Example:
        >>> import modslavery
        >>> files = parquet_files(modslavery.load())
        >>> list(files)[-1], files["signatures.parquet"][:4]
        ('metadata.parquet', b'PAR1')

    """
    _pyarrow()
    rows = table_rows(data)
    tables = [*((t, rows[t.name]) for t in TABLES), (METADATA, [tuple(row) for row in metadata_rows()])]
    return {f"{table.name}.parquet": _parquet_bytes(table, table_rows_) for table, table_rows_ in tables}


def export_parquet(target: str | os.PathLike[str], data: Dataset | Parts | None = None) -> list[Path]:
    """
    Write every table of *data* (default: the bundled data) as ``<table>.parquet`` into directory *target*.

    Returns the paths written, in table order, ``metadata.parquet`` last. The
    files are written all or none (see :func:`~modslavery.export.csv.export_csv`).

    Raises:
        ImportError: pyarrow is not installed (nothing is written).
        ExportError: *target* is empty or cannot be written.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     [p.name for p in export_parquet(tmp)][:2]
        ['documents.parquet', 'document_authors.parquet']

    """
    return write_files(target, parquet_files(load() if data is None else data))
