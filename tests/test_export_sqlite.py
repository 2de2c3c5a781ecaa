"""The SQLite export: a normalised database whose joins answer what the Python API answers (issue #6)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import attrs
import pytest

import modslavery
from modslavery.export import export_sqlite
from modslavery.export._tables import TABLES
from modslavery.models import Signature

GE = "general-election-statement"
MAYORAL = "mayoral-pledge-2024"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    path = export_sqlite(tmp_path_factory.mktemp("sqlite") / "modslavery.db")
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def ids(db, sql, *params) -> set[str]:
    return {row[0] for row in db.execute(sql, params)}


class TestSetOperations:
    def test_intersection_of_two_campaigns_matches_python(self, db, ds):
        sql = """
            SELECT organisation_id FROM signatures WHERE campaign_id = ?
            INTERSECT
            SELECT organisation_id FROM signatures WHERE campaign_id = ?
        """
        expected = {o.id for o in ds.signatories(GE) & ds.signatories(MAYORAL)}
        assert ids(db, sql, GE, MAYORAL) == expected
        assert len(expected) == 27

    def test_only_one_campaign_matches_python(self, db, ds):
        sql = """
            SELECT organisation_id FROM signatures WHERE campaign_id = ?
            EXCEPT
            SELECT organisation_id FROM signatures WHERE campaign_id = ?
        """
        assert ids(db, sql, MAYORAL, GE) == {o.id for o in ds.signed_only(MAYORAL, GE)}

    def test_signed_exactly_one_via_group_by(self, db, ds):
        sql = "SELECT organisation_id FROM signatures GROUP BY organisation_id HAVING COUNT(DISTINCT campaign_id) = 1"
        assert ids(db, sql) == {o.id for o in ds.signed_exactly(1)}


class TestJoins:
    def test_statistics_per_document(self, db, ds):
        sql = """
            SELECT d.id, COUNT(s.id) FROM documents d LEFT JOIN statistics s ON s.document_id = d.id
            GROUP BY d.id
        """
        assert dict(db.execute(sql).fetchall()) == {d.id: len(ds.statistics_of(d)) for d in ds.documents}

    def test_documents_mentioning_an_organisation(self, db, ds):
        sql = """
            SELECT DISTINCT d.id FROM documents d JOIN mentions m ON m.document_id = d.id
            JOIN organisations o ON o.id = m.organisation_id WHERE o.name = 'Unseen UK'
        """
        assert ids(db, sql) == {d.id for d in ds.documents_mentioning("Unseen")}

    def test_alias_lookup_through_the_link_table(self, db):
        sql = (
            "SELECT o.id FROM organisation_aliases a JOIN organisations o ON o.id = a.organisation_id WHERE a.alias = ?"
        )
        org = next(o for o in modslavery.load().organisations if o.aliases)
        assert ids(db, sql, org.aliases[0]) == {org.id}

    def test_signatory_names_in_source_order(self, db, ds):
        sql = "SELECT name_as_written FROM signatures WHERE campaign_id = ? ORDER BY position"
        assert [r[0] for r in db.execute(sql, (MAYORAL,))] == [s.name_as_written for s in ds.signatures_of(MAYORAL)]


class TestSchema:
    def test_signature_columns_are_the_model_field_names(self, db):
        columns = [row[1] for row in db.execute("PRAGMA table_info(signatures)")]
        assert columns == [f.name for f in attrs.fields(Signature)]

    def test_every_table_has_a_primary_key_and_its_rows(self, db, ds):
        for table in TABLES:
            pk = [
                row[1] for row in sorted(db.execute(f'PRAGMA table_info("{table.name}")'), key=lambda r: r[5]) if row[5]
            ]
            assert pk == list(table.primary_key)
        assert db.execute("SELECT COUNT(*) FROM signatures").fetchone()[0] == len(ds.signatures)
        assert db.execute("SELECT COUNT(*) FROM organisations").fetchone()[0] == len(ds.organisations)

    def test_foreign_keys_declared_indexed_and_satisfied(self, db):
        fks = {(row[2], row[3]) for row in db.execute("PRAGMA foreign_key_list(signatures)")}
        assert fks == {("campaigns", "campaign_id"), ("organisations", "organisation_id")}
        indexed = {row[1] for row in db.execute("PRAGMA index_list(signatures)")}
        assert {"signatures_campaign_id", "signatures_organisation_id"} <= indexed
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []

    def test_foreign_keys_are_enforced_when_switched_on(self, db):
        db.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO signatures VALUES ('x-1', 'no-such-campaign', 'unseen', 1, 'X', 0, 1)")
        db.rollback()

    def test_enum_columns_refuse_other_values(self, db):
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            db.execute("UPDATE statistics SET unit = 'furlongs' WHERE id = 'pledge-mayoral-2024-s02'")
        db.rollback()

    def test_numbers_keep_their_type(self, db, ds):
        for stat in ds.statistics:
            (value, kind) = db.execute(
                "SELECT value, typeof(value) FROM statistics WHERE id = ?", (stat.id,)
            ).fetchone()
            assert value == stat.value
            assert kind == ("integer" if isinstance(stat.value, int) else "real")

    def test_data_version_recorded(self, db):
        row = db.execute("SELECT value FROM metadata WHERE key = 'data_version'").fetchone()
        assert row == (modslavery.__data_version__,)


def test_export_replaces_an_existing_file_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "m.db"
    target.write_text("not a database")
    export_sqlite(target)
    with contextlib.closing(sqlite3.connect(target)) as db:  # closed: Python 3.13 warns of an open database
        assert db.execute("SELECT COUNT(*) FROM campaigns").fetchone() == (2,)
    assert [p.name for p in tmp_path.iterdir()] == ["m.db"]


def test_failed_export_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A failure while building the database leaves the old file as it was and no temporary file (#19)."""
    target = tmp_path / "m.db"
    target.write_bytes(b"old")

    def fail() -> list[str]:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("modslavery.export.sqlite.create_statements", fail)
    with pytest.raises(sqlite3.OperationalError):
        export_sqlite(target)
    assert [p.name for p in tmp_path.iterdir()] == ["m.db"]
    assert target.read_bytes() == b"old"


def test_a_missing_parent_folder_is_created(tmp_path: Path):
    """As the CSV and JSON exports create their folder, the SQLite export creates the database's (#19)."""
    target = export_sqlite(tmp_path / "missing" / "dir" / "m.db")
    assert target == tmp_path / "missing" / "dir" / "m.db"
    with contextlib.closing(sqlite3.connect(target)) as db:
        assert db.execute("SELECT COUNT(*) FROM signatures").fetchone() == (114,)


def test_every_table_reads_back_as_written(db, ds):
    """SELECT * returns each table's rows as the CSV export has them: no value changed by column affinity."""
    import csv
    import tempfile

    from modslavery.export import export_csv

    with tempfile.TemporaryDirectory() as tmp:
        export_csv(tmp, ds)
        for table in TABLES:
            with Path(tmp, f"{table.name}.csv").open(encoding="utf-8", newline="") as f:
                expected = list(csv.reader(f))[1:]
            got = db.execute(f'SELECT * FROM "{table.name}"').fetchall()  # noqa: S608 - our own table names
            assert [["" if v is None else str(v) for v in row] for row in got] == expected, table.name
