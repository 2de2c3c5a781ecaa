"""docs/cli.md is the parser's own help text, so the reference cannot drift (issue #6)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from modslavery.cli._parser import build_parser, subcommands
from modslavery.cli._reference import reference

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "cli.md"


@pytest.fixture(autouse=True)
def _plain(monkeypatch):
    # Python 3.14's argparse colours help on terminals; the reference is plain text.
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("PYTHON_COLORS", "0")


def test_reference_is_current():
    """
    The file has the words of today's --help, in order.

    Spacing is compared loosely: Python 3.13 aligns argparse's command list differently from 3.10-3.12.
    """
    assert " ".join(DOC.read_text(encoding="utf-8").split()) == " ".join(reference().split()), (
        "regenerate: python -m modslavery.cli._reference > docs/cli.md"
    )


def test_reference_is_byte_exact_where_argparse_aligns_as_when_it_was_written():
    if sys.version_info >= (3, 13):
        pytest.skip("argparse on 3.13+ aligns the command list differently; the loose comparison above applies")
    assert DOC.read_text(encoding="utf-8") == reference()


def test_every_command_is_documented_with_help_and_an_example():
    text = DOC.read_text(encoding="utf-8")
    commands = subcommands(build_parser())
    assert len(commands) >= 20
    for name, parser in commands.items():
        assert f"## modslavery {name}\n" in text
        assert parser.description
        assert parser.epilog
        assert parser.epilog.startswith(f"example:\n  modslavery {name}")


def test_examples_in_the_reference_parse():
    """Every 'example:' line is a valid command line."""
    import shlex

    parser = build_parser()
    examples = re.findall(r"^example:\n  (modslavery .+)$", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert len(examples) >= 20
    for example in examples:
        argv = shlex.split(example.split(" > ")[0])[1:]
        parser.parse_args(argv)


def test_written_out_vocabularies_match_the_enums():
    """--help imports no models, so the parser spells the vocabularies out; they must stay in step."""
    from modslavery.cli import _parser
    from modslavery.models import Geography, Qualifier, Unit

    assert tuple(u.value for u in Unit) == _parser.UNITS
    assert tuple(g.value for g in Geography) == _parser.GEOGRAPHIES
    assert tuple(q.value for q in Qualifier) == _parser.QUALIFIERS
