"""
SQLite export: one normalised database file with primary keys, foreign keys and indexes.

The tables and columns are those of the CSV export (the model field names);
enumerated columns carry ``CHECK`` constraints, required ones ``NOT NULL``,
and every foreign key has an index. ``metadata`` records the data version.
Numbers (``statistics.value``) have ``NUMERIC`` affinity: integers stay
integers and fractions stay real, though SQLite stores a whole-number float
such as ``3.0`` as the integer ``3``. Foreign keys are declared; SQLite
enforces them only after ``PRAGMA foreign_keys = ON``.

Two FTS5 full-text tables index the texts: ``documents_fts`` (``title``,
``text``) and ``statistics_fts`` (``quote``, ``description``). They are
external-content tables: they hold only the index, read their columns from
``documents`` and ``statistics`` by ``rowid``, and triggers keep them in step
when rows change. (``VACUUM`` may renumber the rowids of these tables; after
one, run ``INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')``, and
the same for ``statistics_fts``.)

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

Full-text search, best match first:

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     db = sqlite3.connect(export_sqlite(os.path.join(tmp, "modslavery.db")))
    ...     sql = '''SELECT s.id, s.value FROM statistics_fts JOIN statistics s ON s.rowid = statistics_fts.rowid
    ...              WHERE statistics_fts MATCH 'referral OR referred' ORDER BY rank, s.id LIMIT 2'''
    ...     db.execute(sql).fetchall()
    ...     db.close()
    [('news-jstac-launch-s06', 3800), ('pledge-mayoral-2024-s02', 17004)]

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

__all__ = ["SEARCH", "create_statements", "export_sqlite", "search_statements"]

#: The full-text tables: each one's name, the table it indexes and the columns it indexes.
SEARCH: dict[str, tuple[str, tuple[str, ...]]] = {
    "documents_fts": ("documents", ("title", "text")),
    "statistics_fts": ("statistics", ("quote", "description")),
}

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


def search_statements() -> list[str]:
    """
    The statements that make the FTS5 tables of :data:`SEARCH`, fill them from their tables, and tie them by triggers.

    Run them after the rows are in: each table is filled by FTS5's ``rebuild``
    command, and the triggers then keep it in step with inserts, updates and deletes.

    Example:
        >>> print(search_statements()[0])
        CREATE VIRTUAL TABLE "documents_fts" USING fts5("title", "text", content="documents", content_rowid="rowid")

    """
    statements = []
    for name, (table, columns) in SEARCH.items():
        fts, source = _quote(name), _quote(table)
        listed = ", ".join(_quote(c) for c in columns)
        new = ", ".join(f"new.{_quote(c)}" for c in columns)
        old = ", ".join(f"old.{_quote(c)}" for c in columns)
        # Only the names of SEARCH, quoted, go into these statements.
        add = f"INSERT INTO {fts} (rowid, {listed}) VALUES (new.rowid, {new});"  # noqa: S608
        remove = f"INSERT INTO {fts} ({fts}, rowid, {listed}) VALUES ('delete', old.rowid, {old});"  # noqa: S608
        statements += [
            f'CREATE VIRTUAL TABLE {fts} USING fts5({listed}, content={source}, content_rowid="rowid")',
            f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')",  # noqa: S608
            f"CREATE TRIGGER {_quote(name + '_insert')} AFTER INSERT ON {source} BEGIN {add} END",
            f"CREATE TRIGGER {_quote(name + '_delete')} AFTER DELETE ON {source} BEGIN {remove} END",
            f"CREATE TRIGGER {_quote(name + '_update')} AFTER UPDATE ON {source} BEGIN {remove} {add} END",
        ]
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
                for statement in search_statements():
                    db.execute(statement)
                problems = db.execute("PRAGMA foreign_key_check").fetchall()
                if problems:
                    msg = f"unresolved references: {problems[:5]}"
                    raise sqlite3.IntegrityError(msg)
        finally:
            db.close()

    return write_file(target, build)
