"""
The ``validate`` and ``completion`` commands.

``modslavery validate DIR`` loads and fully validates a data directory
(schema, references, spans: :meth:`modslavery.Dataset.from_directory`), checks
it against its ``manifest.json`` when it has one
(:func:`modslavery.integrity.verify_directory`), then runs the statistic
coverage check (:func:`modslavery.coverage.uncovered_numbers`), so a
contributor who adds a document learns which numbers still need a statistic
or a reviewed exclusion. Without DIR it checks the installed data against
the bundled manifest (:func:`modslavery.integrity.verify_bundled`) and loads it.

Example:
    >>> import argparse
    >>> result = validate(argparse.Namespace(directory=None))
    >>> result.status, result.text.splitlines()[-1]
    (0, 'ok: the installed data 2026.12.04 is valid')

"""

from __future__ import annotations

import argparse
from pathlib import Path

from attrs import evolve

from modslavery import integrity
from modslavery._about import __data_version__
from modslavery._loader import load
from modslavery.cli._output import Text
from modslavery.cli._parser import build_parser, subcommands
from modslavery.coverage import uncovered_numbers
from modslavery.dataset import Dataset
from modslavery.errors import DataError

__all__ = ["completion", "validate"]

_CONTEXT = 40


def _uncovered(ds: Dataset) -> list[str]:
    lines = []
    for document_id, token in uncovered_numbers(ds):
        text = ds.documents[document_id].text
        before = " ".join(text[max(0, token.start - _CONTEXT) : token.start].split())
        after = " ".join(text[token.end : token.end + _CONTEXT].split())
        lines.append(
            f"{document_id}: {token.start}:{token.end}: number {token.text!r} has no statistic or exclusion: "
            f"...{before} [{token.text}] {after}..."
        )
    return lines


def _report(problems: list[str], what: str, ok: str) -> Text:
    if problems:
        text = "\n".join([*problems, f"{len(problems)} problem(s) in {what}"])
        return Text(text, {"valid": False, "problems": problems}, status=1)
    return Text(f"ok: {ok}", {"valid": True, "problems": []})


def validate(args: argparse.Namespace) -> Text:
    """Validate a data directory, or the installed data (exit status 1 with one line per problem)."""
    if args.directory is None:
        problems = integrity.verify_bundled()
        if not problems:
            try:
                problems = _uncovered(load())
            except DataError as error:
                problems = list(error.problems)
        return _report(problems, "the installed data", f"the installed data {__data_version__} is valid")

    directory = Path(args.directory)
    try:
        ds = Dataset.from_directory(directory)
    except DataError as error:
        return _report(list(error.problems), str(directory), "")
    problems = integrity.verify_directory(directory) if (directory / integrity.MANIFEST).is_file() else []
    problems += _uncovered(ds)
    counts = ", ".join(f"{len(getattr(ds, a))} {a}" for a in ("documents", "statistics", "campaigns", "signatures"))
    result = _report(problems, str(directory), f"{directory} is valid: {counts}")
    return evolve(result, data={**result.data, "directory": str(directory)})


_BASH = """\
# bash completion for modslavery; zsh: autoload -U bashcompinit && bashcompinit first
_modslavery() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" words=""
    if [ "$COMP_CWORD" -eq 1 ]; then
        words="{top}"
    else
        case "${{COMP_WORDS[1]}} ${{COMP_WORDS[2]}}" in
{nested}
        esac
        if [ -z "$words" ]; then
            case "${{COMP_WORDS[1]}}" in
{flat}
            esac
        fi
    fi
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}}
complete -o default -F _modslavery modslavery
"""


def completion(args: argparse.Namespace) -> Text:
    """A completion script for bash (and zsh through bashcompinit): commands, subcommands, options."""
    parser = build_parser()
    commands = subcommands(parser)
    top = sorted({name.split()[0] for name in commands} | {"--help", "--version"})
    nested: list[str] = []
    flat: list[str] = []
    groups: dict[str, list[str]] = {}
    for name, sub in commands.items():
        options = sorted(o for action in sub._actions for o in action.option_strings)  # noqa: SLF001
        choices = sorted(c for action in sub._actions for c in (action.choices or ()) if not action.option_strings)  # noqa: SLF001
        words = " ".join([*choices, *options])
        if " " in name:
            group, command = name.split()
            groups.setdefault(group, []).append(command)
            nested.append(f'            "{group} {command}") words="{words}" ;;')
        else:
            flat.append(f'                {name}) words="{words}" ;;')
    flat += [f'                {group}) words="{" ".join(names)} --help" ;;' for group, names in groups.items()]
    script = _BASH.format(top=" ".join(top), nested="\n".join(nested), flat="\n".join(flat))
    prefix = "autoload -U +X bashcompinit && bashcompinit\n" if args.shell == "zsh" else ""
    return Text(prefix + script.rstrip("\n"), {"shell": args.shell, "script": prefix + script})
