"""Exports write only where asked, all or nothing, with the umask's modes, and never through a link (#19)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import modslavery
from modslavery import integrity
from modslavery.cli import main
from modslavery.export._atomic import write_files

FOLDER_EXPORTS = {
    "json": modslavery.export_json,
    "csv": modslavery.export_csv,
    "datapackage": modslavery.export_datapackage,
}


@pytest.mark.parametrize("name", sorted(FOLDER_EXPORTS))
def test_a_planted_link_is_replaced_not_written_through(tmp_path: Path, name: str) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    target_name = "documents.json" if name == "json" else "documents.csv"
    (out / target_name).symlink_to(victim)
    FOLDER_EXPORTS[name](out)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (out / target_name).is_symlink()
    assert (out / target_name).stat().st_size > 1000


def test_a_planted_link_at_the_sqlite_target_is_replaced(tmp_path: Path) -> None:
    victim = tmp_path / "victim.db"
    victim.write_bytes(b"keep me")
    (tmp_path / "m.db").symlink_to(victim)
    modslavery.export_sqlite(tmp_path / "m.db")
    assert victim.read_bytes() == b"keep me"
    assert not (tmp_path / "m.db").is_symlink()


def test_a_failure_part_way_leaves_the_old_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The third file cannot be moved into place: the first two are put back, no temporary file is left."""
    old = {"a.json": b"old a", "b.json": b"old b", "c.json": b"old c"}
    for name, data in old.items():
        (tmp_path / name).write_bytes(data)
    real_replace = Path.replace
    moved: list[str] = []

    def flaky_replace(self: Path, target: Path) -> Path:
        if Path(target).name == "c.json" and self.suffix == ".tmp":
            raise OSError(28, "No space left on device")
        moved.append(Path(target).name)
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", flaky_replace)
    with pytest.raises(modslavery.ExportError, match="No space left on device"):
        write_files(tmp_path, dict.fromkeys(old, b"new"))
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == old
    assert "a.json" in moved  # the failure came after earlier files had been replaced


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_new_files_take_their_mode_from_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        paths = [
            modslavery.export_sqlite(tmp_path / "m.db"),
            *modslavery.export_csv(tmp_path / "csv")[:1],
            *modslavery.export_json(tmp_path / "json")[:1],
        ]
    finally:
        os.umask(old)
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path


@pytest.mark.parametrize("target", ["", " "])
@pytest.mark.parametrize("name", sorted(FOLDER_EXPORTS))
def test_an_empty_folder_target_is_refused(name: str, target: str) -> None:
    with pytest.raises(modslavery.ExportError, match="needs a folder"):
        FOLDER_EXPORTS[name](target)


@pytest.mark.parametrize("target", ["", "."])
def test_an_unusable_sqlite_target_is_refused_by_its_own_name(target: str) -> None:
    with pytest.raises(modslavery.ExportError) as info:
        modslavery.export_sqlite(target)
    assert str(info.value).startswith(repr(target) if not target else f"{target}:")
    assert ".tmp" not in str(info.value)


@pytest.mark.parametrize("fmt", ["json", "csv", "datapackage", "sqlite"])
def test_the_command_line_refuses_an_empty_target(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", fmt, ""]) == 1
    err = capsys.readouterr().err
    assert "''" in err
    assert ".tmp" not in err


@pytest.mark.parametrize("fmt", ["json", "csv", "datapackage"])
def test_every_folder_format_creates_a_missing_parent(tmp_path: Path, fmt: str) -> None:
    assert main(["export", "--format", fmt, str(tmp_path / "a" / "b")]) == 0
    assert any((tmp_path / "a" / "b").iterdir())


def test_the_command_line_json_export_is_one_write(tmp_path: Path) -> None:
    """Data files, schemas and manifest together; the manifest checks the files it was written with."""
    assert main(["export", "--format", "json", str(tmp_path)]) == 0
    assert integrity.verify_directory(tmp_path) == []
    assert (tmp_path / "schemas" / "documents.schema.json").is_file()
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith((".tmp", ".old"))]
