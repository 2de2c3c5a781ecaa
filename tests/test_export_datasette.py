"""The Datasette export (#21): the database and its metadata, served by a real Datasette and read through its API."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

import modslavery
from modslavery.cli import main
from modslavery.export._tables import TABLE
from modslavery.export.datasette import export_datasette


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("datasette")
    export_datasette(target)
    return target


@pytest.fixture(scope="module")
def meta(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "metadata.json").read_text(encoding="utf-8"))


class TestMetadata:
    def test_the_folder_holds_the_database_and_its_metadata(self, folder):
        assert sorted(p.name for p in folder.iterdir()) == ["metadata.json", "modslavery.db"]

    def test_title_description_licence_and_source(self, meta):
        database = meta["databases"]["modslavery"]
        for entry in (meta, database):
            assert entry["title"].startswith("modslavery")
            assert entry["license"] == "CC-BY-4.0"
            assert entry["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
            assert modslavery.__data_version__ in entry["source"]
            assert entry["description"]

    def test_every_table_of_the_database_is_described_with_its_columns(self, folder, meta):
        tables = meta["databases"]["modslavery"]["tables"]
        with closing(sqlite3.connect(folder / "modslavery.db")) as db:
            names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            real = [n for n in names if "_fts" not in n]  # the full-text tables describe themselves
            assert len(real) > 20
            for name in real:
                entry = tables[name]
                assert entry["description"] and entry["license"] and entry["source"], name
                columns = [r[1] for r in db.execute(f"PRAGMA table_info({name})")]
                assert list(entry["columns"]) == columns, name
                assert all(entry["columns"].values()), name
                if name in TABLE:
                    assert entry["columns"] == {c.name: c.description for c in TABLE[name].columns}

    def test_the_text_column_carries_its_own_licence_note(self, meta):
        assert "not openly licensed" in meta["databases"]["modslavery"]["tables"]["documents"]["license"].lower()
        assert "not openly licensed" in meta["description"].lower()

    def test_facets_on_measures_and_campaigns(self, meta):
        tables = meta["databases"]["modslavery"]["tables"]
        assert "measure_id" in tables["statistics"]["facets"]
        assert "campaign_id" in tables["signatures"]["facets"]


class TestWriting:
    def test_both_files_or_neither(self, tmp_path):
        (tmp_path / "metadata.json").mkdir()  # a folder in the way of the second file
        with pytest.raises(modslavery.ExportError, match=r"metadata\.json"):
            export_datasette(tmp_path)
        assert not (tmp_path / "modslavery.db").exists()
        assert [p.name for p in tmp_path.iterdir()] == ["metadata.json"]

    def test_command_line(self, tmp_path, capsys):
        assert main(["export", "--format", "datasette", str(tmp_path / "out")]) == 0
        assert "wrote 2 file(s)" in capsys.readouterr().out
        with closing(sqlite3.connect(tmp_path / "out" / "modslavery.db")) as db:
            assert db.execute("SELECT COUNT(*) FROM signatures").fetchone()[0] == 114


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local server this test started
        return json.loads(response.read())


@pytest.fixture(scope="module")
def server(folder: Path) -> Any:
    """A real Datasette serving the export on a free local port; stopped after the tests."""
    pytest.importorskip("datasette", reason="datasette is not installed (pip install -e '.[datasette]')")
    port = free_port()
    command = [
        sys.executable, "-m", "datasette", "serve", str(folder / "modslavery.db"),
        "-m", str(folder / "metadata.json"), "-h", "127.0.0.1", "-p", str(port),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get_json(f"{base}/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None:
                    pytest.fail(f"datasette exited: {process.stderr.read().decode(errors='replace')}")
                if time.monotonic() > deadline:
                    pytest.fail("datasette did not answer within 60 s")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


class TestServed:
    def test_the_signatures(self, server, ds):
        rows = get_json(f"{server}/modslavery/signatures.json?_shape=array&_size=max")
        assert len(rows) == 114
        assert [r["id"] for r in rows if r["campaign_id"] == "mayoral-pledge-2024"] == [
            s.id for s in ds.signatures_of("mayoral-pledge-2024")
        ]

    def test_the_metadata(self, server):
        served = get_json(f"{server}/-/metadata.json")
        assert served["title"] == "modslavery"
        assert served["license"] == "CC-BY-4.0"
        assert served["databases"]["modslavery"]["tables"]["statistics"]["columns"]["value"]

    def test_full_text_search(self, server):
        rows = get_json(f"{server}/modslavery/documents.json?_search=Wilberforce&_shape=array")
        assert [r["id"] for r in rows] == ["op-ed-stroud"]

    def test_facets(self, server, ds):
        data = get_json(f"{server}/modslavery/statistics.json?_size=0")
        counts = {row["value"]: row["count"] for row in data["facet_results"]["measure_id"]["results"]}
        assert counts["nrm-referrals"] == len(ds.series("nrm-referrals"))
