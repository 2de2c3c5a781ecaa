"""
export_json() is byte-identical across runs and across PYTHONHASHSEED values (#9).

Each run is a fresh interpreter with its own hash seed, so set and dict
iteration orders that depend on string hashes differ between them. The output
must not: every run writes exactly the bundled files, byte for byte, both from
the cached bundled data and after a round trip through a data directory.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from modslavery._files import bundled_files
from modslavery.dataset import FILES

NAMES = [filename for filename, _, _ in FILES]
SEEDS = ["0", "1", "42", "4294967295", "random"]

_SCRIPT = """
import sys
from pathlib import Path
import modslavery
out = Path(sys.argv[1])
modslavery.export_json(out / "bundled")
ds = modslavery.Dataset.from_directory(out / "bundled")
modslavery.export_json(out / "round-trip", ds)
"""


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for seed in SEEDS:
        target = tmp_path_factory.mktemp(f"seed-{seed}")
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", _SCRIPT, str(target)], check=True, env=env, capture_output=True)
        out[seed] = target
    return out


@pytest.mark.parametrize("kind", ["bundled", "round-trip"])
@pytest.mark.parametrize("name", NAMES)
def test_every_seed_writes_the_bundled_bytes(runs: dict[str, Path], kind: str, name: str) -> None:
    expected = bundled_files().joinpath(name).read_bytes()
    for seed, directory in runs.items():
        assert (directory / kind / name).read_bytes() == expected, (seed, kind, name)


def test_nothing_else_is_written(runs: dict[str, Path]) -> None:
    for directory in runs.values():
        for kind in ("bundled", "round-trip"):
            assert sorted(p.name for p in (directory / kind).iterdir()) == sorted(NAMES)


def test_hash_seeds_really_differ() -> None:
    """Control: the seeds change the iteration order of a set of strings, which the export must not depend on."""
    code = "print(list({'documents', 'measures', 'statistics', 'organisations', 'campaigns', 'signatures'}))"
    orders = {
        subprocess.run(
            [sys.executable, "-c", code],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
        ).stdout
        for seed in ("0", "1", "42", "4294967295")
    }
    assert len(orders) > 1
