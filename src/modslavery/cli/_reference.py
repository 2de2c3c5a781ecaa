"""
The command-line reference in ``docs/cli.md``, written from the parser's own ``--help`` text.

``python -m modslavery.cli._reference > docs/cli.md`` regenerates it; a test
checks that the file equals :func:`reference`, so it cannot drift.

Example:
    >>> reference().splitlines()[0]
    '# Command-line reference'

"""

from __future__ import annotations

from modslavery.cli._parser import build_parser, subcommands

__all__ = ["WIDTH", "reference"]

#: The help text width of the reference.
WIDTH = 88

_INTRO = """\
# Command-line reference

<!-- Made by `python -m modslavery.cli._reference > docs/cli.md`; tests/test_cli_docs.py checks it. -->

`modslavery` (or `python -m modslavery`) answers questions about the bundled data from a shell.
Every command prints an aligned table or record for people,
`--json` for scripts, and `--csv` where the result is a table.
Exit status: 0 success, 1 not found or invalid data, 2 usage error.
Errors go to stderr as one line, `modslavery: error: ...`.
A result with no rows prints one line saying so (CSV prints its header).
Organisations are named by id or by a whole name, acronym or alias in any case or punctuation
(`modslavery search` finds one from part of its name); campaigns, documents and statistics by id.
Dates the texts do not state but imply read like `2015 or later (inferred)`;
titles that are ours, not the source's, end in `[editorial title]`.
`modslavery --help` loads no data.

Shell completion: add `eval "$(modslavery completion bash)"` to `~/.bashrc`,
or `eval "$(modslavery completion zsh)"` to `~/.zshrc`.
It completes commands, options, the values of `--format`, `--unit`, `--geography` and `--qualifier`,
and campaign, document, measure and statistic ids; run it again after upgrading modslavery.

Ids never change meaning: see [Stable ids and data versions](ids.md).
"""


def reference() -> str:
    """
    The Markdown reference: an introduction, then each command's ``--help`` text.

    Example:
        >>> "## modslavery statistics list" in reference()
        True

    """
    parser = build_parser(width=WIDTH)
    parts = [_INTRO, "## modslavery", "", "```text", parser.format_help().rstrip(), "```", ""]
    for name, sub in subcommands(parser).items():
        parts += [f"## modslavery {name}", "", "```text", sub.format_help().rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
