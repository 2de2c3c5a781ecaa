"""The README's two commands and .ci/run stay in step (issue #3)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _bash_blocks() -> list[str]:
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", README, flags=re.DOTALL)]


def test_readme_opens_with_what_it_is_then_two_commands() -> None:
    head = README.split("## ", 1)[0]
    commands = re.findall(r"```bash\n(.*?)```", head, flags=re.DOTALL)
    assert len(commands) == 2
    assert all(len(c.strip().splitlines()) == 1 for c in commands)
    assert "modslavery" in head.split("```", 1)[0]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    test_command = _bash_blocks()[1]
    assert "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_main_job_command_runs() -> None:
    """The first command's main job (after the install) prints the overview."""
    install_and_run = _bash_blocks()[0]
    run = install_and_run.split("&&", 1)[1].strip()
    assert run.startswith("python -m modslavery")
    result = subprocess.run([sys.executable, *run.split()[1:]], capture_output=True, text=True, check=True, cwd=ROOT)
    assert "5 documents" in result.stdout
    assert "114 signatures" in result.stdout


def test_what_the_readme_says_lookup_takes_is_what_it_takes() -> None:
    """Issue #20: lookup takes whole names, however written; part of a name is search's job, as the README now says."""
    import modslavery

    orgs = modslavery.load().organisations
    assert "whole name" in README
    assert "any spelling a person would type" not in README
    for written in ("the snowdrop project", "THE SNOWDROP PROJECT", "Snowdrop Project", "snowdrop-project"):
        assert orgs.lookup(written).id == "snowdrop-project"
    with pytest.raises(modslavery.NotFound) as info:
        orgs.lookup("snowdrop")
    assert "The Snowdrop Project" in info.value.candidates
    assert [org.id for org, _ in orgs.search("snowdrop")][:1] == ["snowdrop-project"]
