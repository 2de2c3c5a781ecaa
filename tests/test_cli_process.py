"""The command line as a separate process: entry points, light --help, quiet broken pipes (issue #6)."""

from __future__ import annotations

import subprocess
import sys

import modslavery

PROBE = """
import sys
from modslavery.cli import main
code = main(["--help"])
heavy = sorted(m for m in ("attrs", "cattrs", "sqlite3", "csv", "json", "modslavery._loader", "modslavery.dataset", "modslavery.models") if m in sys.modules)
print("HEAVY", heavy, code)
"""


def test_help_loads_no_data_and_no_cattrs():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    last = result.stdout.strip().splitlines()[-1]
    assert last == "HEAVY [] 0"


def test_subcommand_help_is_light_too():
    probe = PROBE.replace('main(["--help"])', 'main(["statistics", "list", "--help"])')
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "HEAVY [] 0"


def test_python_dash_m():
    result = subprocess.run(
        [sys.executable, "-m", "modslavery", "--version"], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (
        0,
        f"modslavery {modslavery.__version__} (data {modslavery.__data_version__})\n",
    )


def test_exit_status_crosses_the_process_boundary():
    result = subprocess.run(
        [sys.executable, "-m", "modslavery", "lookup", "zzzz qqqq"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert result.stderr.startswith("modslavery: error: ")
    assert len(result.stderr.splitlines()) == 1
    result = subprocess.run(
        [sys.executable, "-m", "modslavery", "frobnicate"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2


def test_broken_pipe_is_quiet():
    """A reader that has gone away (like '| head -0') gets no traceback on stderr."""
    process = subprocess.Popen(
        [sys.executable, "-m", "modslavery", "organisations", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.close()  # before the command has written anything
    _, err = process.communicate(timeout=60)
    assert err == b""
    assert process.returncode == 0


def test_broken_pipe_in_process(monkeypatch, capsys):
    """The write that meets a closed pipe ends the command quietly with status 0."""
    from modslavery.cli import main

    class Closed:
        def write(self, _text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self):
            raise OSError("no file")

    monkeypatch.setattr(sys, "stdout", Closed())
    assert main(["campaigns", "list"]) == 0
    assert capsys.readouterr().err == ""


def test_import_stays_light():
    """Importing the package, its exports and frames imports no cattrs, sqlite3, csv, pandas or argparse."""
    code = (
        "import sys, modslavery, modslavery.export, modslavery.frames; "
        "print(sorted(m for m in ('cattrs', 'sqlite3', 'csv', 'pandas', 'argparse') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_public_export_names_are_lazy_and_listed():
    assert {"export_csv", "export_sqlite", "export_datapackage", "export_json"} <= set(modslavery.__all__)
    assert modslavery.export_sqlite.__module__ == "modslavery.export.sqlite"
