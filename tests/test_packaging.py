"""
The built wheel and sdist carry every data file, and the installed copy loads (issue #3).

These tests build the package, install the wheel into a fresh virtual
environment and load the data from there, not from the source tree.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = sorted(p.name for p in (ROOT / "src" / "modslavery" / "data").iterdir() if p.is_file())


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


def test_data_files_exist() -> None:
    assert "documents.json" in DATA_FILES
    assert "manifest.json" in DATA_FILES


def test_wheel_contains_every_data_file(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in DATA_FILES:
        assert f"modslavery/data/{name}" in names
    assert "modslavery/py.typed" in names
    assert not any(n.startswith(("tests/", "sources/")) for n in names)


def test_sdist_contains_data_sources_and_tests(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    for name in DATA_FILES:
        assert f"src/modslavery/data/{name}" in names
    for source in (ROOT / "sources").glob("*.txt"):
        assert f"sources/{source.name}" in names
    assert "tests/test_packaging.py" in names
    assert "scripts/build_data.py" in names


def test_installed_wheel_loads_its_own_data(dist: Path, tmp_path: Path) -> None:
    """Install the wheel and its dependencies into a fresh venv and load from the installed copy."""
    (wheel,) = dist.glob("*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)], capture_output=True, text=True, check=False
    )
    assert install.returncode == 0, install.stderr
    script = (
        "import modslavery, pathlib\n"
        "ds = modslavery.load()\n"
        "here = pathlib.Path(modslavery.__file__).resolve()\n"
        "print(here)\n"
        "print(len(ds.documents), len(ds.signatures), ds.organisations.lookup('Unseen').id)\n"
    )
    # Run outside the source tree, with nothing from it on the path.
    clean_env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    result = subprocess.run(
        [str(python), "-c", script], capture_output=True, text=True, cwd=tmp_path, env=clean_env, check=False
    )
    assert result.returncode == 0, result.stderr
    location, counts = result.stdout.strip().splitlines()
    assert Path(location).is_relative_to(env_dir.resolve()), location
    assert counts == "5 114 unseen"
