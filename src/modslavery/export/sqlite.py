"""
SQLite export: one normalised database file with primary keys, foreign keys and indexes.

The tables and columns are those of the CSV export (the model field names);
enumerated columns carry ``CHECK`` constraints, required ones ``NOT NULL``,
and every foreign key has an index. ``metadata`` records the data version.
Numbers (``statistics.value``) have ``NUMERIC`` affinity: integers stay
integers and fractions stay real, though SQLite stores a whole-number float
such as ``3.0`` as the integer ``3``. Foreign keys are declared; SQLite
enforces them only after ``PRAGMA foreign_keys = ON``.

Example:
    >>> import sqlite3, tempfile, os
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = export_sqlite(os.path.join(tmp, "modslavery.db"))
    ...     db = sqlite3.connect(path)
    ...     sql = '''SELECT o.name FROM signatures s JOIN organisations o ON o.id = s.organisation_id
    ...              WHERE s.campaign_id = 'mayoral-pledge-2024' ORDER BY s.position LIMIT 1'''
    ...     db.execute(sql).fetchone()
    ...     db.close()
    ('A21 UK',)

"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from modslavery._loader import load
from modslavery.export._atomic import write_file
from modslavery.export._tables import METADATA, TABLES, Column, Table, metadata_rows, table_rows

if TYPE_CHECKING:
    from modslavery.dataset import Dataset, Parts

__all__ = ["create_statements", "export_sqlite"]

_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "NUMERIC", "boolean": "INTEGER"}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _column_sql(column: Column) -> str:
    sql = f"{_quote(column.name)} {_TYPES[column.type]}"
    if column.required:
        sql += " NOT NULL"
    if column.enum:
        sql += f" CHECK ({_quote(column.name)} IN ({', '.join(_literal(v) for v in column.enum)}))"
    return sql


def _create(table: Table) -> list[str]:
    parts = [_column_sql(c) for c in table.columns]
    parts.append(f"PRIMARY KEY ({', '.join(_quote(k) for k in table.primary_key)})")
    parts += [
        f"FOREIGN KEY ({', '.join(_quote(c) for c in fk.columns)}) "
        f"REFERENCES {_quote(fk.table)} ({', '.join(_quote(c) for c in fk.references)})"
        for fk in table.foreign_keys
    ]
    statements = [f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(parts) + "\n)"]
    for fk in table.foreign_keys:
        if fk.columns == table.primary_key[: len(fk.columns)]:
            continue  # the primary key's index serves it
        index = f"{table.name}_{'_'.join(fk.columns)}"
        columns = ", ".join(_quote(c) for c in fk.columns)
        statements.append(f"CREATE INDEX {_quote(index)} ON {_quote(table.name)} ({columns})")
    return statements


def create_statements() -> list[str]:
    """
    The ``CREATE TABLE`` and ``CREATE INDEX`` statements of the database, in dependency order.

    Example:
        >>> print(next(s for s in create_statements() if '"signatures"' in s.split("(")[0]))
        CREATE TABLE "signatures" (
          "id" TEXT NOT NULL,
          "campaign_id" TEXT NOT NULL,
          "organisation_id" TEXT NOT NULL,
          "position" INTEGER NOT NULL,
          "name_as_written" TEXT NOT NULL,
          "start" INTEGER NOT NULL,
          "end" INTEGER NOT NULL,
          PRIMARY KEY ("id"),
          FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id"),
          FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id")
        )

    """
    statements: list[str] = []
    for table in (*TABLES, METADATA):
        statements += _create(table)
    return statements


def export_sqlite(target: str | os.PathLike[str], data: Dataset | Parts | None = None) -> Path:
    """
    Write *data* (default: the bundled data) to the SQLite database file *target*, replacing it.

    The database is built in a temporary file beside *target*, its foreign
    keys checked, and then moved into place, so a failed export leaves no
    half-written file; a link at *target* is replaced, never written through.
    Missing parent folders are created. The file's mode follows the umask.

    Raises:
        ExportError: *target* is empty, a folder, or cannot be written.
        sqlite3.IntegrityError: a reference does not resolve (never for data that loaded).

    Example:
        >>> import sqlite3, tempfile, os
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     db = sqlite3.connect(export_sqlite(os.path.join(tmp, "m.db")))
        ...     db.execute("SELECT value FROM metadata WHERE key = 'data_version'").fetchone()[0]
        ...     db.close()
        '2026.12.04'

    """
    if data is None:
        data = load()
    rows = table_rows(data)

    def build(path: Path) -> None:
        db = sqlite3.connect(path)
        try:
            with db:
                for statement in create_statements():
                    db.execute(statement)
                for table, table_rows_ in [*((t, rows[t.name]) for t in TABLES), (METADATA, metadata_rows())]:
                    marks = ", ".join("?" * len(table.columns))
                    db.executemany(f"INSERT INTO {_quote(table.name)} VALUES ({marks})", table_rows_)  # noqa: S608
                problems = db.execute("PRAGMA foreign_key_check").fetchall()
                if problems:
                    msg = f"unresolved references: {problems[:5]}"
                    raise sqlite3.IntegrityError(msg)
        finally:
            db.close()

    return write_file(target, build)
