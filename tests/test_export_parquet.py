"""The Parquet export, read back with pyarrow and DuckDB (issue #20)."""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import modslavery
from modslavery.cli import main
from modslavery.export._tables import METADATA, TABLES, metadata_rows, table_rows
from modslavery.export.parquet import export_parquet, parquet_files

ARROW = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("parquet")
    export_parquet(target)
    return target


def test_one_file_per_table_and_nothing_else(folder) -> None:
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"{t.name}.parquet" for t in TABLES] + ["metadata.parquet"])


@pytest.mark.parametrize("table", [*TABLES, METADATA], ids=lambda t: t.name)
def test_columns_types_and_nullability_are_the_tables(folder, table) -> None:
    schema = pq.read_schema(folder / f"{table.name}.parquet")
    assert schema.names == list(table.column_names)
    for column in table.columns:
        field = schema.field(column.name)
        assert field.type == ARROW[column.type], column.name
        assert field.nullable == (not column.required), column.name
        assert field.metadata[b"description"].decode() == column.description


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_rows_are_the_tables_rows(folder, ds, table) -> None:
    expected = [
        tuple(float(v) if c.type == "number" and v is not None else v for v, c in zip(row, table.columns, strict=True))
        for row in table_rows(ds)[table.name]
    ]
    read = pq.read_table(folder / f"{table.name}.parquet").to_pylist()
    assert [tuple(row[name] for name in table.column_names) for row in read] == expected


def test_the_same_values_as_the_csv_export(folder, tmp_path) -> None:
    """Every cell of every table reads back as the CSV export writes it (numbers compared as numbers)."""
    modslavery.export_csv(tmp_path)
    for table in [*TABLES, METADATA]:
        with (tmp_path / f"{table.name}.csv").open(encoding="utf-8", newline="") as f:
            csv_rows = list(csv.DictReader(f))
        parquet_rows = pq.read_table(folder / f"{table.name}.parquet").to_pylist()
        assert len(csv_rows) == len(parquet_rows), table.name
        for from_csv, from_parquet in zip(csv_rows, parquet_rows, strict=True):
            for column in table.columns:
                text, value = from_csv[column.name], from_parquet[column.name]
                if value is None:
                    assert text == "", (table.name, column.name)
                elif column.type == "number":
                    assert float(text) == value
                elif column.type == "boolean":
                    assert text == ("true" if value else "false")
                else:
                    assert text == str(value), (table.name, column.name)


def test_data_version_and_licences_in_every_file(folder) -> None:
    for path in folder.iterdir():
        metadata = {k.decode(): v.decode() for k, v in pq.read_schema(path).metadata.items()}
        assert metadata["data_version"] == modslavery.__data_version__
        assert metadata["modslavery_version"] == modslavery.__version__
        assert metadata["table"] == path.stem
        for key, value in metadata_rows():
            assert metadata[key] == value
    primary = json.loads(pq.read_schema(folder / "organisation_aliases.parquet").metadata[b"primary_key"])
    assert primary == ["organisation_id", "position"]


def test_bytes_are_deterministic(ds, tmp_path) -> None:
    first = export_parquet(tmp_path / "a")
    second = export_parquet(tmp_path / "b", ds)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert parquet_files(ds) == {p.name: p.read_bytes() for p in first}


def test_bytes_are_the_same_in_another_process(ds) -> None:
    """No time, path or hash order leaks into the files: a fresh interpreter with another hash seed agrees."""
    import os
    import subprocess

    code = (
        "import hashlib, modslavery; from modslavery.export.parquet import parquet_files; "
        "print({n: hashlib.sha256(b).hexdigest() for n, b in parquet_files(modslavery.load()).items()})"
    )
    env = {**os.environ, "PYTHONHASHSEED": "7"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    here = {n: hashlib.sha256(b).hexdigest() for n, b in parquet_files(ds).items()}
    assert out.strip() == str(here)


class TestDuckDB:
    def test_a_join_answers_like_the_api(self, folder, ds) -> None:
        sql = f"""
            SELECT a.organisation_id FROM '{folder}/signatures.parquet' a
            JOIN '{folder}/signatures.parquet' b USING (organisation_id)
            WHERE a.campaign_id = 'general-election-statement' AND b.campaign_id = 'mayoral-pledge-2024'
            ORDER BY 1
        """  # noqa: S608 - a path made by the test
        both = [row[0] for row in duckdb.sql(sql).fetchall()]
        assert both == list(ds.signed_all().ids)

    def test_types_as_duckdb_sees_them(self, folder) -> None:
        described = duckdb.sql(f"DESCRIBE SELECT * FROM '{folder}/statistics.parquet'").fetchall()  # noqa: S608
        types = {name: kind for name, kind, *_ in described}
        assert types["value"] == "DOUBLE"
        assert types["start"] == "BIGINT"
        assert types["period_start"] == "VARCHAR"

    def test_the_same_rows_as_sqlite(self, folder, tmp_path) -> None:
        db = sqlite3.connect(modslavery.export_sqlite(tmp_path / "m.db"))
        try:
            for table in TABLES:
                sql = f"SELECT * FROM '{folder}/{table.name}.parquet'"  # noqa: S608
                from_parquet = duckdb.sql(sql).fetchall()
                from_sqlite = db.execute(f'SELECT * FROM "{table.name}"').fetchall()  # noqa: S608
                assert from_parquet == from_sqlite, table.name
        finally:
            db.close()

    def test_metadata_readable_from_sql(self, folder) -> None:
        sql = f"SELECT value::VARCHAR FROM parquet_kv_metadata('{folder}/measures.parquet') WHERE key::VARCHAR = 'data_version'"  # noqa: S608
        assert duckdb.sql(sql).fetchall() == [(modslavery.__data_version__,)]


class TestCommandLine:
    def test_export_parquet(self, capsys, tmp_path) -> None:
        assert main(["export", "--format", "parquet", str(tmp_path / "out")]) == 0
        out = capsys.readouterr().out
        assert f"wrote {len(TABLES) + 1} file(s) for data {modslavery.__data_version__} as parquet" in out
        assert (tmp_path / "out" / "statistics.parquet").read_bytes()[:4] == b"PAR1"

    def test_without_pyarrow_nothing_is_written_and_the_extra_is_named(self, capsys, tmp_path, monkeypatch) -> None:
        for name in list(sys.modules):
            if name == "pyarrow" or name.startswith("pyarrow."):
                monkeypatch.delitem(sys.modules, name)
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        with pytest.raises(ImportError, match=r'pip install "modslavery\[parquet\]"') as info:
            modslavery.export_parquet(tmp_path / "lib")
        assert info.value.name == "pyarrow"
        assert main(["export", "--format", "parquet", str(tmp_path / "cli")]) == 1
        assert capsys.readouterr().err.startswith("modslavery: error: the Parquet export needs pyarrow")
        assert not (tmp_path / "lib").exists()
        assert not (tmp_path / "cli").exists()


def test_the_extra_declares_pyarrow() -> None:
    text = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert 'parquet = ["pyarrow' in text
