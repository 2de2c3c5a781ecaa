"""Shared fixtures: the bundled data set, the source texts, a writable copy of the data."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import modslavery

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fast", parent=settings.get_profile("default"), max_examples=10)
settings.load_profile("fast" if os.environ.get("FAST") == "1" else "default")


def pytest_report_header() -> list[str]:
    import attrs
    import cattrs  # noqa: F401

    return [f"modslavery {modslavery.__version__} (data {modslavery.__data_version__}), attrs {attrs.__version__}"]


@pytest.fixture(autouse=True)
def _keep_the_cached_dataset() -> object:
    """Put the cached bundled data set back after a test that clears or replaces it."""
    from modslavery import _loader

    saved = _loader._cache
    yield
    _loader._cache = saved


@pytest.fixture(scope="session")
def ds() -> modslavery.Dataset:
    """The bundled data set."""
    return modslavery.load()


@pytest.fixture(scope="session")
def source_texts() -> dict[str, str]:
    """Each source file's text, read straight from sources/ (not through the package)."""
    return {path.name: path.read_bytes().decode("utf-8") for path in sorted(SOURCES.glob("*.txt"))}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled data files."""
    modslavery.export_json(tmp_path)
    return tmp_path


def _root_ignores_modes() -> bool:
    """Whether the tests run as root with the power to read any file (CAP_DAC_OVERRIDE), so chmod 000 stops nothing."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe"
        probe.write_bytes(b"")
        probe.chmod(0)
        try:
            probe.read_bytes()
        except PermissionError:
            return False
        return True


@pytest.fixture
def file_modes_apply() -> None:
    """Skip a chmod 000 test where root reads what it likes; each such test has a twin that mocks the OS error."""
    if _root_ignores_modes():
        pytest.skip("root reads files whatever their mode; the mocked twin of this test runs instead")
