"""Full-text search in the SQLite export (#21): FTS5 tables over documents and statistics, tied to their tables."""

from __future__ import annotations

import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from modslavery.export.sqlite import SEARCH, export_sqlite

WORDS = ["referred", "wilberforce", "slavery", "pledge", "children", "nrm", "billion", "victims", "mayors", "act"]


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_sqlite(tmp_path_factory.mktemp("fts") / "modslavery.db")


def tokens(*texts: str) -> set[str]:
    """The words of *texts* as FTS5's default tokenizer splits them: runs of letters and digits, lower case."""
    return {word for text in texts for word in re.findall(r"[^\W_]+", text.lower())}


def matches(db: sqlite3.Connection, fts: str, table: str, word: str) -> set[str]:
    sql = f"SELECT t.id FROM {fts} JOIN {table} t ON t.rowid = {fts}.rowid WHERE {fts} MATCH ?"  # noqa: S608
    return {row[0] for row in db.execute(sql, (word,))}


class TestSearch:
    def test_the_tables_are_external_content_fts5(self, database):
        with closing(sqlite3.connect(database)) as db:
            for name, (table, columns) in SEARCH.items():
                sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
                assert "USING fts5(" in sql
                assert f'content="{table}"' in sql
                assert [c[1] for c in db.execute(f"PRAGMA table_info({name})")] == list(columns)
                db.execute(f"INSERT INTO {name}({name}) VALUES ('integrity-check')")  # noqa: S608 - raises if out of step

    @pytest.mark.parametrize("word", WORDS)
    def test_documents_found_are_those_whose_title_or_text_has_the_word(self, database, ds, word):
        expected = {d.id for d in ds.documents if word in tokens(d.title, d.text)}
        with closing(sqlite3.connect(database)) as db:
            assert matches(db, "documents_fts", "documents", word) == expected

    @pytest.mark.parametrize("word", WORDS)
    def test_statistics_found_are_those_whose_quote_or_description_has_the_word(self, database, ds, word):
        expected = {s.id for s in ds.statistics if word in tokens(s.quote, s.description)}
        with closing(sqlite3.connect(database)) as db:
            assert matches(db, "statistics_fts", "statistics", word) == expected

    def test_some_words_are_found(self, database):
        with closing(sqlite3.connect(database)) as db:
            assert matches(db, "statistics_fts", "statistics", "referred")
            assert matches(db, "documents_fts", "documents", "wilberforce") == {"op-ed-stroud"}

    def test_triggers_keep_the_index_in_step_with_its_table(self, database, tmp_path):
        copy = Path(shutil.copy(database, tmp_path / "copy.db"))
        with closing(sqlite3.connect(copy)) as db:
            assert matches(db, "documents_fts", "documents", "title:baroness") == {"op-ed-stroud"}
            db.execute("UPDATE documents SET title = 'Zanzibar notes' WHERE id = 'op-ed-stroud'")
            assert matches(db, "documents_fts", "documents", "zanzibar") == {"op-ed-stroud"}
            assert "op-ed-stroud" in matches(db, "documents_fts", "documents", "baroness")  # still in the text
            assert "op-ed-stroud" not in matches(db, "documents_fts", "documents", "title:baroness")
            stat = next(iter(matches(db, "statistics_fts", "statistics", "referred")))
            db.execute("PRAGMA foreign_keys = OFF")
            db.execute("DELETE FROM statistics WHERE id = ?", (stat,))
            assert stat not in matches(db, "statistics_fts", "statistics", "referred")
            db.execute(
                "INSERT INTO statistics (id, document_id, measure_id, description, value, unit, qualifier, quote, "
                "start, \"end\") VALUES ('new-s01', 'op-ed-stroud', 'nrm-referrals', 'quokka', 1, 'people', "
                "'exact', 'q', 0, 1)"
            )
            assert matches(db, "statistics_fts", "statistics", "quokka") == {"new-s01"}
            for name in SEARCH:
                db.execute(f"INSERT INTO {name}({name}) VALUES ('integrity-check')")  # noqa: S608
