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
from modslavery._about import __data_version__, __version__
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
        summary = f"{len(problems)} problem(s) in {what}"
        return Text("\n".join(problems), {"valid": False, "problems": problems}, status=1, error=summary)
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
# bash completion for modslavery {version} (data {data_version}); zsh: autoload -U bashcompinit && bashcompinit first
# The ids are those of the data this script was made with: run 'modslavery completion' again after an upgrade.
_modslavery() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}" words=""
    case "$prev" in
{values}
    esac
    if [ -z "$words" ] && [ "$COMP_CWORD" -eq 1 ]; then
        words="{top}"
    elif [ -z "$words" ]; then
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

# Which ids complete an argument, by its destination: positional arguments and options alike.
_IDS_BY_DEST = {
    "campaign": "campaigns",
    "campaigns": "campaigns",
    "others": "campaigns",
    "document": "documents",
    "measure": "measures",
}
# A positional ID names a record of the command's own group ("documents show ID").
_IDS_BY_GROUP = {"documents": "documents", "campaigns": "campaigns", "statistics": "statistics"}


def _ids(command: str, action: argparse.Action, ids: dict[str, str]) -> str:
    """The words that complete *action*'s value: its choices, or the ids of the records it names."""
    if action.choices:
        return " ".join(str(choice) for choice in action.choices)
    kind = _IDS_BY_DEST.get(action.dest)
    if kind is None and action.dest == "id":
        kind = _IDS_BY_GROUP.get(command.split(maxsplit=1)[0])
    return "" if kind is None else ids[kind]


def completion(args: argparse.Namespace) -> Text:
    """
    A completion script for bash (and zsh through bashcompinit).

    It completes commands, subcommands and options, the values of options with
    a fixed set (``--format``, ``--unit``, ...), and the campaign, document,
    measure and statistic ids that commands take, read from the installed data
    when the script is made.

    Example:
        >>> script = completion(argparse.Namespace(shell="bash")).text
        >>> '--format) words="csv sqlite datapackage json parquet html datasette" ;;' in script
        True

    """
    parser = build_parser()
    commands = subcommands(parser)
    ds = load()
    ids = {kind: " ".join(getattr(ds, kind).ids) for kind in ("campaigns", "documents", "measures", "statistics")}
    top = sorted({name.split()[0] for name in commands} | {"--help", "--version"})
    nested: list[str] = []
    flat: list[str] = []
    values: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for name, sub in commands.items():
        actions = sub._actions  # noqa: SLF001 - argparse has no public way to list a parser's arguments
        options = sorted(o for action in actions for o in action.option_strings)
        positional = [_ids(name, action, ids) for action in actions if not action.option_strings]
        for action in actions:
            if action.option_strings and action.nargs != 0 and _ids(name, action, ids):
                values.update(dict.fromkeys(action.option_strings, _ids(name, action, ids)))
        words = " ".join(w for w in [*positional, *options] if w)
        if " " in name:
            group, command = name.split()
            groups.setdefault(group, []).append(command)
            nested.append(f'            "{group} {command}") words="{words}" ;;')
        else:
            flat.append(f'                {name}) words="{words}" ;;')
    flat += [f'                {group}) words="{" ".join(names)} --help" ;;' for group, names in groups.items()]
    script = _BASH.format(
        version=__version__,
        data_version=__data_version__,
        values="\n".join(f'        {option}) words="{words}" ;;' for option, words in sorted(values.items())),
        top=" ".join(top),
        nested="\n".join(nested),
        flat="\n".join(flat),
    )
    prefix = "autoload -U +X bashcompinit && bashcompinit\n" if args.shell == "zsh" else ""
    return Text(prefix + script.rstrip("\n"), {"shell": args.shell, "script": prefix + script})
