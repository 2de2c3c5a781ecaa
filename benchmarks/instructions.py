"""
Instruction counts of modslavery's loads, for comparing two versions of the code on a noisy machine.

CPU times on a shared machine move by 10% to 30% from run to run, more than
most single changes save; the number of instructions a load executes hardly
moves. This counts them with Valgrind's cachegrind (``valgrind`` must be
installed) for the working tree and for any git revisions given, and prints
each next to the same count for ``json.loads`` of the same files:

    python benchmarks/instructions.py                    # the working tree
    python benchmarks/instructions.py --rev HEAD~1       # ... and HEAD~1, side by side
    python benchmarks/instructions.py --scale 30 --rev main

Each figure is the instructions of one more run of a step in a process that has
already run it once (so generated code and caches are warm), found as the
difference between two processes, one with more runs of the step and one
without, divided by the runs, with the cyclic garbage collector paused
during them (its collections fall wherever allocations add up, which any
change moves). The cold start is the whole process, as in
``benchmarks/run.py``, with the package's bytecode written first. Every
process has the same hash seed, so the counts repeat exactly. Instructions are not
time: memory stalls and branch misses are not counted, so use this to compare
versions, and ``benchmarks/run.py`` for the goals.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: One step of a load, run *count* times after a warm-up, in a process of its own (argv: data folder, step, count).
DRIVER = r"""
import sys
folder, step, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
if step == "cold":  # folder: the bundled data, unused
    if count:
        import modslavery
        modslavery.load().organisations.lookup("Unseen")
elif step == "cold floor":  # as benchmarks/run.py: the runtime dependencies, then every bundled file parsed
    if count:
        import os, attrs, cattrs, json
        for name in sorted(os.listdir(folder)):
            if name.endswith(".json"):
                with open(os.path.join(folder, name), "rb") as handle:
                    json.loads(handle.read())
else:
    import json
    from pathlib import Path
    import modslavery
    from modslavery._loader import clear_cache, load
    if step == "full":
        work = lambda: modslavery.Dataset.from_directory(folder)
    elif step == "bundled":
        work = lambda: (clear_cache(), load())
    elif step in {"json", "bundled json"}:  # of the synthetic files, or of the bundled ones
        names = [p for p in sorted(Path(folder).glob("*.json")) if p.name != "manifest.json"]
        data = [p.read_bytes() for p in names]
        work = lambda: [json.loads(d) for d in data]
    else:
        raise SystemExit(f"unknown step {step!r}")
    work()
    import gc
    gc.collect()
    gc.disable()  # a collection falls wherever allocations add up: any change would move it
    for _ in range(count):
        work()
"""

#: (step, baseline step, data, runs, what) of each line of the report; data is "synthetic" or "bundled".
#: An in-process step is run several times and the count divided, which evens out the allocator's share.
STEPS = (
    ("full", "json", "synthetic", 2, "Dataset.from_directory of the synthetic set vs json.loads of its files"),
    ("bundled", "bundled json", "bundled", 20, "in-process load of the bundled data vs json.loads of its bytes"),
    (
        "cold",
        "cold floor",
        "bundled",
        1,
        "cold start to first answer vs import attrs, cattrs + json.loads of the files",
    ),
)


def instructions(python: str, source: Path, folder: Path, step: str, count: int) -> int:
    """The instructions of one process that runs *step* of the driver *count* times, with *source* first on the path."""
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        python,
        "-c",
        DRIVER,
        str(folder),
        step,
        str(count),
    ]
    # A fixed hash seed: sets and dicts of strings otherwise collide differently in every process.
    env = {**os.environ, "PYTHONPATH": str(source / "src"), "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0"}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return parse_total(result.stderr)


def parse_total(report: str) -> int:
    """
    The total of instructions in cachegrind's summary (its ``I refs`` line).

    Example:
        >>> parse_total("==12== \\n==12== I   refs:      1,078,035,584\\n")
        1078035584

    """
    match = re.search(r"I\s+refs:\s+([\d,]+)", report)
    if match is None:
        msg = "no 'I refs' line in cachegrind's output"
        raise ValueError(msg)
    return int(match.group(1).replace(",", ""))


def step_cost(python: str, source: Path, folder: Path, step: str, runs: int) -> float:
    """Instructions of one more run of *step*: a process with *runs* more, less a process without, over *runs*."""
    return (instructions(python, source, folder, step, runs) - instructions(python, source, folder, step, 0)) / runs


def measure(python: str, source: Path, synthetic_folder: Path) -> list[tuple[str, float, float]]:
    """(what, subject, baseline) instructions for every line of the report, with *source*'s own bundled data."""
    # Bytecode first, as an installed wheel has it: otherwise every process compiles the package again.
    compileall.compile_dir(source / "src" / "modslavery", quiet=1)
    folders = {"synthetic": synthetic_folder, "bundled": source / "src" / "modslavery" / "data"}
    return [
        (
            what,
            step_cost(python, source, folders[data], step, runs),
            step_cost(python, source, folders[data], baseline, runs),
        )
        for step, baseline, data, runs, what in STEPS
    ]


def worktree(rev: str, into: Path) -> Path:
    """A checkout of *rev* (a git revision of this repository) under *into*."""
    path = into / re.sub(r"[^A-Za-z0-9_.-]", "_", rev)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(path), rev], check=True)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rev", action="append", default=[], help="a git revision to count too (repeatable)")
    parser.add_argument("--scale", type=int, default=100, help="size of the synthetic set (default 100)")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt install valgrind)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(HERE))
    import synthetic  # noqa: PLC0415 - next to this file

    with tempfile.TemporaryDirectory(prefix="modslavery-instructions-") as tmp:
        folder = Path(tmp) / f"x{args.scale}"
        synthetic.write(folder, args.scale, seed=8)
        trees = {"working tree": ROOT} | {rev: worktree(rev, Path(tmp)) for rev in args.rev}
        try:
            print("| version | figure | instructions | baseline | ratio |")
            print("|---|---|---|---|---|")
            for name, source in trees.items():
                for what, subject, baseline in measure(sys.executable, source, folder):
                    ratio = subject / baseline
                    print(f"| {name} | {what} | {subject / 1e6:.1f} M | {baseline / 1e6:.1f} M | {ratio:.2f}x |")
        finally:
            for rev in args.rev:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees[rev])], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
