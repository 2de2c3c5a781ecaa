"""
``modslavery.load()`` serves only the released bytes: each installed file is checked against the manifest as it is read (#19).

A copy of the bundled folder stands in for the installed one; each test
changes it and expects one :class:`modslavery.DataError` naming the file,
never another exception, and never a data set built from changed files.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import modslavery
from modslavery import _loader
from modslavery._converter import unstructure_records
from modslavery._files import bundled_files
from modslavery.dataset import FILES

NAMES = [filename for filename, _, _ in FILES]
EDITED = "the installed data was changed; load an edited copy with modslavery.Dataset.from_directory()"


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the installed data folder that load() reads instead of the real one, with an empty cache."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in [*NAMES, "manifest.json"]:
        (folder / name).write_bytes(bundled_files().joinpath(name).read_bytes())
    monkeypatch.setattr(_loader, "bundled_files", lambda: folder)
    modslavery.clear_cache()  # the autouse fixture of conftest puts the real cache back
    return folder


def _refused() -> tuple[str, ...]:
    with pytest.raises(modslavery.DataError) as info:
        modslavery.load()
    return info.value.problems


def _dump(ds: modslavery.Dataset) -> dict[str, object]:
    return {attribute: unstructure_records(list(getattr(ds, attribute))) for _, attribute, _ in FILES}


def _manifest(folder: Path) -> dict[str, object]:
    return json.loads((folder / "manifest.json").read_bytes())


def test_the_unchanged_copy_loads(installed: Path, ds: modslavery.Dataset) -> None:
    assert _dump(modslavery.load()) == _dump(ds)


@pytest.mark.parametrize("name", NAMES)
def test_a_valid_edit_of_any_file_is_refused_by_name(installed: Path, name: str) -> None:
    """One more space before the closing bracket: the same records, other bytes."""
    path = installed / name
    path.write_bytes(path.read_bytes().replace(b"\n]", b"\n ]", 1))
    assert _refused() == (f"{name}: differs from manifest.json: {EDITED}",)


def test_a_changed_value_that_passes_every_check_is_refused(installed: Path) -> None:
    """The case #19 names: a valid edit used to be served without a word."""
    path = installed / "statistics.json"
    records = json.loads(path.read_bytes())
    records[0]["note"] = "edited"
    path.write_text(json.dumps(records, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert modslavery.Dataset.from_directory(installed).statistics[records[0]["id"]].note == "edited"
    assert _refused() == (f"statistics.json: differs from manifest.json: {EDITED}",)


def test_every_changed_file_is_named(installed: Path) -> None:
    for name in ("measures.json", "judgements.json"):
        (installed / name).write_bytes((installed / name).read_bytes() + b"\n")
    assert _refused() == (
        f"measures.json: differs from manifest.json: {EDITED}",
        f"judgements.json: differs from manifest.json: {EDITED}",
    )


def test_edited_data_loads_on_purpose_through_from_directory(installed: Path) -> None:
    """The documented way to use edited data: a copy, loaded and fully validated with Dataset.from_directory."""
    path = installed / "measures.json"
    records = json.loads(path.read_bytes())
    records[0]["label"] = "An edited label"
    path.write_text(json.dumps(records), encoding="utf-8")
    assert modslavery.Dataset.from_directory(installed).measures[records[0]["id"]].label == "An edited label"
    assert _refused() == (f"measures.json: differs from manifest.json: {EDITED}",)


def test_a_missing_manifest_is_a_data_error(installed: Path) -> None:
    """Not a FileNotFoundError, as before #19."""
    (installed / "manifest.json").unlink()
    assert _refused() == (
        f"manifest.json: missing from the installed package (no {installed / 'manifest.json'}); reinstall modslavery",
    )


def test_a_missing_data_file_is_a_data_error(installed: Path) -> None:
    (installed / "entities.json").unlink()
    assert _refused() == (
        f"entities.json: missing from the installed package (no {installed / 'entities.json'}); reinstall modslavery",
    )


@pytest.mark.usefixtures("file_modes_apply")
def test_an_unreadable_manifest_is_a_data_error(installed: Path) -> None:
    path = installed / "manifest.json"
    path.chmod(0)
    assert _refused() == (f"manifest.json: cannot read {path} (Permission denied)",)


@pytest.mark.parametrize("name", ["manifest.json", "signatures.json"])
def test_an_os_error_on_an_installed_file_is_a_data_error(
    installed: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """The chmod 000 case wherever the tests run (root reads any file): reading raises PermissionError."""
    real_read_bytes = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == name:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert _refused() == (f"{name}: cannot read {installed / name} (Permission denied)",)


def test_a_file_the_manifest_does_not_list_is_refused(installed: Path) -> None:
    manifest = _manifest(installed)
    del manifest["files"]["mentions.json"]  # type: ignore[attr-defined]
    (installed / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert _refused() == (f"mentions.json: not listed in manifest.json: {EDITED}",)


def test_a_manifest_of_another_data_version_is_refused(installed: Path) -> None:
    manifest = _manifest(installed)
    manifest["data_version"] = "1999.01.01"
    (installed / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert _refused() == (
        f"manifest.json: data version '1999.01.01', but the package is {modslavery.__data_version__!r}",
    )


def test_a_manifest_that_matches_edited_files_is_still_checked(installed: Path) -> None:
    """Whoever edits a file and its hash gets full validation, never a pass: a bad record is still refused."""
    path = installed / "signatures.json"
    records = json.loads(path.read_bytes())
    records[0]["position"] = 0
    path.write_text(json.dumps(records), encoding="utf-8")
    manifest = _manifest(installed)
    manifest["files"]["signatures.json"] = hashlib.sha256(path.read_bytes()).hexdigest()  # type: ignore[index]
    (installed / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert _refused()[0].startswith("signatures.json: $[0].position: ")


@pytest.mark.parametrize("manifest", [b"", b"[]", b'{"data_version": "x"}', b"\xff"])
def test_a_malformed_manifest_is_a_data_error(installed: Path, manifest: bytes) -> None:
    (installed / "manifest.json").write_bytes(manifest)
    assert all(problem.startswith("manifest.json: ") for problem in _refused())


def test_a_refused_load_is_not_cached(installed: Path) -> None:
    """A failed load leaves nothing behind: the next call reads again, and succeeds once the file is back."""
    path = installed / "documents.json"
    original = path.read_bytes()
    path.write_bytes(original + b" ")
    _refused()
    _refused()
    path.write_bytes(original)
    assert modslavery.load() is modslavery.load()
