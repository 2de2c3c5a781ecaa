"""
The bundled data checks out against its manifest: in the source tree, in an installed wheel, from a zip file (#9).

The end-to-end tests build the wheel, install it with ``--no-deps`` into a
fresh virtual environment (its dependencies come from this environment, linked
in through a ``.pth`` file, so nothing is downloaded), and run
:func:`modslavery.integrity.verify_bundled`, ``modslavery validate`` and a
query there: from the normal install, and with the package zipped and
imported from the zip file through :mod:`importlib.resources`.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import modslavery
from modslavery import integrity
from modslavery._files import bundled_files
from modslavery.dataset import FILES

ROOT = Path(__file__).resolve().parent.parent
NAMES = [filename for filename, _, _ in FILES]


# -- the manifest itself ----------------------------------------------------------


def _manifest() -> dict:
    return json.loads(bundled_files().joinpath("manifest.json").read_bytes())


def test_manifest_lists_every_data_file_with_its_sha256() -> None:
    """Computed here with hashlib on the files in the source tree, not through the library."""
    manifest = _manifest()
    assert manifest["data_version"] == modslavery.__data_version__
    folder = ROOT / "src" / "modslavery" / "data"
    on_disk = sorted(p.name for p in folder.glob("*.json") if p.name != "manifest.json")
    assert sorted(manifest["files"]) == on_disk == sorted(NAMES)
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_verify_bundled_passes() -> None:
    assert integrity.verify_bundled() == []


@pytest.fixture
def fake_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled data folder that verify_bundled() reads instead of the real one."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in [*NAMES, "manifest.json"]:
        (folder / name).write_bytes(bundled_files().joinpath(name).read_bytes())
    monkeypatch.setattr("modslavery.integrity.bundled_files", lambda: folder)
    monkeypatch.setattr("modslavery._loader.bundled_files", lambda: folder)
    return folder


class TestVerifyBundled:
    @pytest.mark.usefixtures("fake_bundle")
    def test_the_copy_passes(self) -> None:
        assert integrity.verify_bundled() == []

    def test_a_changed_byte_is_found(self, fake_bundle: Path) -> None:
        path = fake_bundle / "signatures.json"
        data = bytearray(path.read_bytes())
        data[100] ^= 1
        path.write_bytes(bytes(data))
        actual = hashlib.sha256(bytes(data)).hexdigest()
        expected = _manifest()["files"]["signatures.json"]
        assert integrity.verify_bundled() == [
            f"signatures.json: SHA-256 is {actual[:4]}..., the manifest says {expected[:4]}..."
        ]

    def test_a_missing_file_is_found(self, fake_bundle: Path) -> None:
        (fake_bundle / "entities.json").unlink()
        (problem,) = integrity.verify_bundled()
        assert problem.startswith("entities.json: listed in manifest.json but cannot be read")

    def test_an_unlisted_file_is_found(self, fake_bundle: Path) -> None:
        (fake_bundle / "extra.json").write_text("[]", encoding="utf-8")
        assert integrity.verify_bundled() == ["extra.json: not listed in manifest.json"]

    def test_a_file_missing_from_the_manifest_is_found(self, fake_bundle: Path) -> None:
        manifest = _manifest()
        del manifest["files"]["mentions.json"]
        (fake_bundle / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        assert integrity.verify_bundled() == ["mentions.json: not listed in manifest.json"]

    def test_another_data_version_is_found(self, fake_bundle: Path) -> None:
        manifest = _manifest()
        manifest["data_version"] = "1999.01.01"
        (fake_bundle / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        assert integrity.verify_bundled() == [
            (
                "manifest.json: $.data_version: '1999.01.01', but the package is data version "
                f"'{modslavery.__data_version__}'"
            )
        ]

    @pytest.mark.parametrize(
        ("manifest", "expected"),
        [
            (b"[]", "manifest.json: $: expected an object"),
            (b"{", "manifest.json: line 1 column 2: Expecting property name enclosed in double quotes"),
            (b'{"files": {}, "data_version": 1}', "manifest.json: $.data_version: expected a string"),
            (b'{"data_version": "x", "files": []}', "manifest.json: $.files: expected an object"),
            (b'{"data_version": "x", "files": {"a.json": "ABC"}}', 'manifest.json: $.files["a.json"]: expected 64'),
            (b'{"data_version": "x", "files": {}, "extra": 1}', "manifest.json: $.extra: unknown field"),
        ],
    )
    def test_a_malformed_manifest_is_reported(self, fake_bundle: Path, manifest: bytes, expected: str) -> None:
        (fake_bundle / "manifest.json").write_bytes(manifest)
        problems = integrity.verify_bundled()
        assert any(p.startswith(expected) for p in problems), problems

    def test_a_manifest_naming_a_path_outside_is_refused(self, fake_bundle: Path) -> None:
        manifest = _manifest()
        manifest["files"]["../outside.json"] = "0" * 64
        (fake_bundle / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        assert integrity.verify_bundled() == ["../outside.json: not a plain file name inside the data directory"]


class TestVerifyDirectory:
    def test_no_manifest(self, data_dir: Path) -> None:
        assert integrity.verify_directory(data_dir) == [
            f"manifest.json: cannot read {data_dir.resolve() / 'manifest.json'} (No such file or directory)"
        ]

    def test_entries_that_leave_the_directory_are_not_read(self, data_dir: Path, tmp_path_factory) -> None:
        outside = tmp_path_factory.mktemp("outside") / "secret.json"
        outside.write_text("[]", encoding="utf-8")
        digest = hashlib.sha256(outside.read_bytes()).hexdigest()
        (data_dir / "link.json").symlink_to(outside)
        manifest = {
            "data_version": "x",
            "files": {
                **{name: hashlib.sha256((data_dir / name).read_bytes()).hexdigest() for name in NAMES},
                str(outside): digest,
                f"../{outside.parent.name}/secret.json": digest,
                "link.json": digest,
            },
        }
        (data_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        problems = integrity.verify_directory(data_dir)
        assert sorted(problems) == sorted(
            [
                f"{outside}: not a plain file name inside the data directory",
                f"../{outside.parent.name}/secret.json: not a plain file name inside the data directory",
                f"link.json: links outside the data directory (to {outside.resolve()})",
            ]
        )


# -- the built wheel, installed -------------------------------------------------------


def _dependency_closure() -> list[importlib.metadata.Distribution]:
    """modslavery's runtime dependencies and theirs, as installed in this environment."""
    seen: dict[str, importlib.metadata.Distribution] = {}
    todo = [Requirement(r) for r in importlib.metadata.requires("modslavery") or []]
    while todo:
        requirement = todo.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = requirement.name.lower().replace("_", "-")
        if name in seen:
            continue
        dist = importlib.metadata.distribution(requirement.name)
        seen[name] = dist
        todo.extend(Requirement(r) for r in dist.requires or [])
    return list(seen.values())


def _link_dependencies(target: Path) -> list[str]:
    """Link the top-level packages of every dependency into *target*; return their names."""
    target.mkdir()
    linked = []
    for dist in _dependency_closure():
        tops = {Path(str(f)).parts[0] for f in dist.files or []}
        for top in sorted(tops):
            if top in {"__pycache__", ".."} or top.endswith(".pth") or top.startswith("__editable__"):
                continue
            source = Path(str(dist.locate_file(top)))
            if source.exists() and not (target / top).exists():
                (target / top).symlink_to(source, target_is_directory=source.is_dir())
                linked.append(top)
    return linked


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the wheel, install it into a fresh venv with --no-deps, and link the dependencies in."""
    base = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(base / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (base / "dist").glob("*.whl")
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    linked = _link_dependencies(base / "deps")
    assert {"attrs", "cattrs"} <= set(linked)
    (Path(purelib) / "_modslavery_test_deps.pth").write_text(str(base / "deps") + "\n", encoding="utf-8")
    return {"python": python, "site": Path(purelib), "env": env_dir, "base": base}


def _run(python: Path, code: str, cwd: Path) -> dict:
    clean_env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSAFEPATH"}}
    result = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, cwd=cwd, env=clean_env, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


_CHECK = """
import json, sys
{prelude}
import modslavery
from modslavery.integrity import verify_bundled
ds = modslavery.load()
both = ds.signatories("general-election-statement") & ds.signatories("mayoral-pledge-2024")
print(json.dumps({{
    "file": modslavery.__file__,
    "problems": verify_bundled(),
    "lookup": ds.organisations.lookup("ECPAT").id,
    "both": len(both),
    "signatures": len(ds.signatures),
    "source_tree_on_path": any("{root}" in p for p in sys.path),
}}))
"""


def test_installed_wheel_verifies_and_answers(installed: dict[str, Path]) -> None:
    code = _CHECK.format(prelude="", root=ROOT)
    out = _run(installed["python"], code, installed["base"])
    assert Path(out["file"]).is_relative_to(installed["site"]), out["file"]
    assert out["problems"] == []
    assert (out["lookup"], out["both"], out["signatures"]) == ("ecpat-uk", 27, 114)
    assert out["source_tree_on_path"] is False


def test_installed_command_validates(installed: dict[str, Path]) -> None:
    """``modslavery validate`` with no argument checks the installed package against its manifest."""
    script = installed["env"] / ("Scripts" if os.name == "nt" else "bin") / "modslavery"
    result = subprocess.run(
        [str(script), "validate"], capture_output=True, text=True, check=False, cwd=installed["base"]
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(f"ok: the installed data {modslavery.__data_version__} is valid")


def test_tampered_install_is_reported(installed: dict[str, Path]) -> None:
    """One changed byte in an installed data file: load() refuses it by name; verify_bundled() and validate report it."""
    path = installed["site"] / "modslavery" / "data" / "measures.json"
    original = path.read_bytes()
    try:
        path.write_bytes(original.replace(b"\n]", b"\n ]", 1))  # still valid JSON with valid records
        code = "import modslavery\ntry:\n    modslavery.load()\nexcept modslavery.DataError as e:\n    print(e)\n"
        result = subprocess.run([str(installed["python"]), "-c", code], capture_output=True, text=True, check=True)
        assert result.stdout.startswith("measures.json: differs from manifest.json"), result.stdout
        assert "Dataset.from_directory" in result.stdout
        code = "import json\nfrom modslavery.integrity import verify_bundled\nprint(json.dumps(verify_bundled()))"
        result = subprocess.run([str(installed["python"]), "-c", code], capture_output=True, text=True, check=True)
        (problem,) = json.loads(result.stdout)
        assert problem.startswith("measures.json: SHA-256 is ")
        script = installed["env"] / ("Scripts" if os.name == "nt" else "bin") / "modslavery"
        result = subprocess.run([str(script), "validate"], capture_output=True, text=True, check=False)
        assert result.returncode == 1
        assert "measures.json: SHA-256 is " in result.stdout + result.stderr
    finally:
        path.write_bytes(original)


def test_zipped_package_verifies_and_answers(installed: dict[str, Path]) -> None:
    """The installed package zipped and imported from the zip: importlib.resources reads the data."""
    archive = installed["base"] / "modslavery.zip"
    package = installed["site"] / "modslavery"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zipped.write(path, path.relative_to(installed["site"]).as_posix())
    names = zipfile.ZipFile(archive).namelist()
    assert "modslavery/data/manifest.json" in names
    assert "modslavery/__init__.py" in names
    prelude = f"sys.path.insert(0, {str(archive)!r})"
    out = _run(installed["python"], _CHECK.format(prelude=prelude, root=ROOT), installed["base"])
    assert out["file"].startswith(str(archive) + os.sep), out["file"]
    assert out["problems"] == []
    assert (out["lookup"], out["both"], out["signatures"]) == ("ecpat-uk", 27, 114)
