"""The JSON export and its manifest, and every export on a larger synthetic data set (issue #6)."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from frictionless import Package

import modslavery
from modslavery.export import export_csv, export_datapackage, export_json, export_sqlite, write_manifest
from modslavery.integrity import verify_directory
from repo_scripts import import_script

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "modslavery" / "data"


def test_json_export_is_byte_identical_to_the_bundled_files(tmp_path):
    for path in export_json(tmp_path):
        assert path.read_bytes() == (DATA / path.name).read_bytes(), path.name


def test_manifest_is_byte_identical_to_the_bundled_one(tmp_path):
    export_json(tmp_path)
    assert write_manifest(tmp_path).read_bytes() == (DATA / "manifest.json").read_bytes()
    assert verify_directory(tmp_path) == []


def test_manifest_catches_a_changed_file(tmp_path):
    export_json(tmp_path)
    write_manifest(tmp_path)
    (tmp_path / "measures.json").write_text("[]\n", encoding="utf-8")
    assert any("measures.json" in p for p in verify_directory(tmp_path))


@pytest.fixture(scope="module")
def synthetic_ds(tmp_path_factory: pytest.TempPathFactory) -> modslavery.Dataset:
    folder = tmp_path_factory.mktemp("synthetic")
    import_script("benchmarks/synthetic.py", "synthetic").write(folder, 3, seed=7)
    return modslavery.Dataset.from_directory(folder)


def test_sqlite_on_synthetic_data_answers_like_python(synthetic_ds, tmp_path):
    db = sqlite3.connect(export_sqlite(tmp_path / "s.db", synthetic_ds))
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    campaigns = list(synthetic_ds.campaigns.ids)
    assert len(campaigns) == 3
    for a in campaigns:
        for b in campaigns:
            sql = """SELECT organisation_id FROM signatures WHERE campaign_id = ?
                     INTERSECT SELECT organisation_id FROM signatures WHERE campaign_id = ?"""
            got = {row[0] for row in db.execute(sql, (a, b))}
            assert got == {o.id for o in synthetic_ds.signatories(a) & synthetic_ds.signatories(b)}
    sql = "SELECT organisation_id FROM signatures GROUP BY organisation_id HAVING COUNT(DISTINCT campaign_id) = 3"
    assert {row[0] for row in db.execute(sql)} == {o.id for o in synthetic_ds.signed_exactly(3)}
    db.close()


def test_csv_and_datapackage_on_synthetic_data(synthetic_ds, tmp_path):
    export_csv(tmp_path / "csv", synthetic_ds)
    with (tmp_path / "csv" / "signatures.csv").open(encoding="utf-8", newline="") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    assert ids == list(synthetic_ds.signatures.ids)
    package = export_datapackage(tmp_path / "dp", synthetic_ds)
    report = Package(str(package)).validate()
    assert report.valid, report.flatten(["type", "note"])[:5]
