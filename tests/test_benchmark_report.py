"""The benchmark's pairing of subject and baseline runs, and how its report shows a ratio and its spread."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from repo_scripts import import_script

ROOT = Path(__file__).resolve().parent.parent


run = import_script("benchmarks/run.py", "benchmark_run")


def test_paired_takes_medians_and_the_spread_of_the_ratio_per_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs alternate subject, baseline; each ratio is a subject run over the baseline run beside it."""
    calls: list[str] = []

    def subject() -> None:
        calls.append("s")

    def baseline() -> None:
        calls.append("b")

    # Times handed out in the order the runs happen: s, b, s, b, s, b.
    times = iter([3.0, 1.0, 8.0, 2.0, 5.0, 4.0])
    monkeypatch.setattr(run, "timed", lambda fn: (fn(), next(times))[1])
    timing = run.paired(subject, baseline, 3)
    assert calls == ["s", "b"] + ["s", "b"] * 3  # one warm-up each, then alternating
    assert (timing.subject, timing.baseline) == (5.0, 2.0)  # medians of 3, 8, 5 and of 1, 2, 4
    assert timing.spread == (1.25, 4.0)  # 3/1, 8/2, 5/4
    per_call = timing.per(10)
    assert (per_call.subject, per_call.baseline, per_call.spread) == (0.5, 0.2, (1.25, 4.0))


def test_report_shows_the_spread_after_the_ratio() -> None:
    with_spread = run.Figure.of("x", "a figure", run.Paired(0.003, 0.0015, (1.5, 2.5)), 2.0)
    without = run.Figure("y", "another", 2.0, 1.0, "s", None)
    lines = run.report([with_spread, without]).splitlines()
    assert lines[0] == "| figure | subject | baseline | ratio (spread) | goal | status |"
    assert lines[2] == "| a figure | 3.0 ms | 1.5 ms | 2.00x (1.50-2.50) | <= 2.0x | met |"
    assert lines[3] == "| another | 2.00 s | 1.00 s | 2.00x | report |  |"


def test_every_loose_bound_names_a_figure_the_benchmark_makes() -> None:
    """A bound whose key no figure carries would never be checked: CI would pass whatever the figure did."""
    source = (ROOT / "benchmarks" / "run.py").read_text(encoding="utf-8")
    made = set(re.findall(r'Figure(?:\.of)?\(\s*"([a-z_]+)"', source))
    for stem in re.findall(r'Figure(?:\.of)?\(\s*f"([a-z_]+)\{scale\}"', source):  # one figure per scale
        made |= {f"{stem}{scale}" for scale in (*run.QUICK.validated, *run.FULL.validated)}
    assert set(run.LOOSE_BOUNDS) <= made, set(run.LOOSE_BOUNDS) - made
