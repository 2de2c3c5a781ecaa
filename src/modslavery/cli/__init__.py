"""
The ``modslavery`` command line.

Example:
    >>> main(["overview"])  # doctest: +ELLIPSIS
    modslavery data 2026.11.23: 5 documents, 20 statistics, 2 campaigns, 114 signatures of 87 organisations
    ...
    0

"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from modslavery import __data_version__, __version__
from modslavery.errors import ModSlaveryError

__all__ = ["main"]


def _overview() -> str:
    from modslavery._loader import load  # noqa: PLC0415 - --help must not load data

    ds = load()
    signers = {s.organisation_id for s in ds.signatures}
    lines = [
        (
            f"modslavery data {__data_version__}: {len(ds.documents)} documents, {len(ds.statistics)} statistics, "
            f"{len(ds.campaigns)} campaigns, {len(ds.signatures)} signatures of {len(signers)} organisations"
        ),
        "",
        "Documents:",
    ]
    lines += [f"  {d.id:<34} {d.kind.value:<16} {d.title}" for d in ds.documents]
    lines += ["", "Campaigns:"]
    lines += [f"  {c.id:<34} {len(ds.signatories(c)):>3} signatories  {c.title}" for c in ds.campaigns]
    lines += ["", "Signatory overlap:"]
    lines += [
        f"  {row.a} & {row.b}: {row.both} both, {row.only_a} only the first, {row.only_b} only the second "
        f"(Jaccard {row.jaccard:.2f})"
        for row in ds.overlap()
    ]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="modslavery", description="UK modern-slavery advocacy texts as typed data.")
    parser.add_argument("--version", action="version", version=f"modslavery {__version__} (data {__data_version__})")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("overview", help="summarise the bundled data", description="Summarise the bundled data.")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the command line; return the exit code (0 ok, 1 not found or invalid data, 2 usage).

    Example:
        >>> main(["no-such-command"])
        2

    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version (0) and usage errors (2)
        return int(exit_.code or 0)
    try:
        if args.command in (None, "overview"):
            print(_overview())
            return 0
    except ModSlaveryError as error:
        print(f"modslavery: error: {error}", file=sys.stderr)
        return 1
    parser.print_usage(sys.stderr)  # pragma: no cover - argparse rejects unknown commands first
    return 2
