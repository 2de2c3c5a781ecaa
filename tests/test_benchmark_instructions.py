"""The instruction-count comparison of benchmarks/instructions.py: its driver's steps and its reading of cachegrind."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("benchmark_instructions", ROOT / "benchmarks" / "instructions.py")
instructions = importlib.util.module_from_spec(spec)
spec.loader.exec_module(instructions)


def test_reads_the_total_from_cachegrinds_summary() -> None:
    report = "==7== I   refs:      292,712,114\n==7==\n"
    assert instructions.parse_total(report) == 292_712_114
    with pytest.raises(ValueError, match="I refs"):
        instructions.parse_total("==7== ERROR SUMMARY: 0 errors\n")


@pytest.mark.parametrize("line", instructions.STEPS, ids=[line[0] for line in instructions.STEPS])
def test_every_step_and_its_baseline_run_without_valgrind(line: tuple[str, str, str, int, str], tmp_path: Path) -> None:
    """Each step runs as the comparison runs it, with and without the work, on a small synthetic set."""
    step, baseline, data, runs, _ = line
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synthetic
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    folders = {"synthetic": tmp_path / "x1", "bundled": ROOT / "src" / "modslavery" / "data"}
    synthetic.write(folders["synthetic"], 1, seed=8)
    for name in (step, baseline):
        for count in (0, runs):
            command = [sys.executable, "-c", instructions.DRIVER, str(folders[data]), name, str(count)]
            subprocess.run(command, check=True, timeout=120)
