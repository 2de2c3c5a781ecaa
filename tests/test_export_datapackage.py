"""The Frictionless data package, validated by the frictionless library itself (issue #6)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from frictionless import Package

import modslavery
from modslavery.export import export_datapackage


@pytest.fixture
def package_dir(tmp_path: Path) -> Path:
    export_datapackage(tmp_path)
    return tmp_path


def descriptor(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def errors(folder: Path) -> list[list[str]]:
    report = Package(str(folder / "datapackage.json")).validate()
    return report.flatten(["type", "note"])


def test_the_exported_package_is_valid(package_dir):
    report = Package(str(package_dir / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])
    # Every resource was read: one task per CSV file.
    assert len(report.tasks) == len(list(package_dir.glob("*.csv")))


def test_a_broken_reference_is_caught_by_frictionless(package_dir):
    path = package_dir / "signatures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",unseen,", ",no-such-org,", 1), encoding="utf-8")
    found = {kind for kind, _ in errors(package_dir)}
    assert "foreign-key" in found
    assert {"hash-count", "byte-count"} <= found


def test_a_bad_enum_value_is_caught(package_dir):
    path = package_dir / "statistics.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",people,", ",furlongs,", 1), encoding="utf-8")
    assert "constraint-error" in {kind for kind, _ in errors(package_dir)}


def test_every_resource_is_described(package_dir):
    d = descriptor(package_dir)
    assert d["version"] == modslavery.__data_version__
    assert d["licenses"][0]["name"] == "CC-BY-4.0"
    assert len(d["sources"]) == len(modslavery.load().documents)
    for resource in d["resources"]:
        data = (package_dir / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["format"] == "csv"
        assert resource["mediatype"] == "text/csv"
        assert resource["licenses"]
        assert resource["schema"]["primaryKey"]
        for field in resource["schema"]["fields"]:
            assert field["type"] in {"string", "integer", "number", "boolean"}
            assert field["description"], (resource["name"], field["name"])


def test_foreign_keys_point_at_primary_keys(package_dir):
    d = descriptor(package_dir)
    by_name = {r["name"]: r for r in d["resources"]}
    signatures = by_name["signatures"]["schema"]["foreignKeys"]
    assert {"fields": ["organisation_id"], "reference": {"resource": "organisations", "fields": ["id"]}} in signatures
    for resource in d["resources"]:
        for fk in resource["schema"].get("foreignKeys", []):
            target = by_name[fk["reference"]["resource"] or resource["name"]]
            assert fk["reference"]["fields"] == target["schema"]["primaryKey"]


def test_the_document_text_is_marked_not_openly_licensed(package_dir):
    d = descriptor(package_dir)
    documents = next(r for r in d["resources"] if r["name"] == "documents")
    assert any("NOT openly licensed" in lic.get("title", "") for lic in documents["licenses"])
    text_field = next(f for f in documents["schema"]["fields"] if f["name"] == "text")
    assert "Not openly licensed" in text_field["description"]
    others = [r for r in d["resources"] if r["name"] != "documents"]
    assert all(r["licenses"] == [d["licenses"][0]] for r in others)


def test_the_package_is_byte_identical_across_exports(tmp_path):
    first = export_datapackage(tmp_path / "a").parent
    second = export_datapackage(tmp_path / "b").parent
    files = sorted(p.name for p in first.iterdir())
    assert files == sorted(p.name for p in second.iterdir())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_every_path_the_descriptor_names_is_in_the_export(package_dir):
    """Issue #20: no resource or source points at a file the export does not contain."""
    d = descriptor(package_dir)

    def paths(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "path" and not str(item).startswith("https://"):
                    yield item
                else:
                    yield from paths(item)
        elif isinstance(value, list):
            for item in value:
                yield from paths(item)

    named = set(paths(d))
    assert named == {r["path"] for r in d["resources"]}
    written = {p.name for p in package_dir.iterdir()} - {"datapackage.json"}
    assert named == written


def test_sources_name_each_document_and_where_its_text_is(package_dir):
    documents = modslavery.load().documents
    titles = [source["title"] for source in descriptor(package_dir)["sources"]]
    assert len(titles) == len(documents)
    for title, doc in zip(titles, documents, strict=True):
        assert title.startswith(doc.title)
        assert f"documents.csv, id {doc.id}" in title
