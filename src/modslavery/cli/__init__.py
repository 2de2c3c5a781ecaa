"""
The ``modslavery`` command line.

Every command prints an aligned table or record by default, JSON with
``--json`` and CSV with ``--csv`` where the result is a table. Exit status:
0 success, 1 not found or invalid data, 2 usage error; errors go to stderr as
one line ``modslavery: error: ...``. ``modslavery --help`` loads no data.
See ``docs/cli.md`` for every command.

Example:
    >>> main(["overview"])  # doctest: +ELLIPSIS
    modslavery data 2026.12.04: 5 documents, 20 statistics, 2 campaigns, 114 signatures of 87 organisations
    ...
    0
    >>> main(["both", "general-election-statement", "mayoral-pledge-2024", "--csv"])  # doctest: +ELLIPSIS
    id,name
    a21,A21 UK
    ...
    0

"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from modslavery.errors import DataError, NotFound

__all__ = ["main"]


def _error(message: str) -> None:
    print(f"modslavery: error: {message}", file=sys.stderr)


def _write(text: str) -> None:
    """Print *text*; a closed pipe (``| head``) ends the output quietly."""
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit: point stdout at devnull first.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):  # not a real file (tests capture stdout)
            pass


def _failure(error: Exception) -> str:
    """The line a command that failed prints: the first problem of invalid data, the file of an OS error."""
    if isinstance(error, DataError):
        more = f" (and {len(error.problems) - 1} more problems)" if len(error.problems) > 1 else ""
        return f"invalid data: {error.problems[0] if error.problems else error}{more}"
    if isinstance(error, OSError):
        return f"{error.filename or ''}: {error.strerror or error}".lstrip(": ")
    return str(error)


def _run(argv: Sequence[str] | None) -> int:
    from modslavery.cli._parser import build_parser  # noqa: PLC0415

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help and --version (0), usage errors (2)
        return int(exit_.code or 0)
    if args.command is None:
        args.handler, args.format = "overview", "text"
    from modslavery.cli import _commands  # noqa: PLC0415

    handler = getattr(_commands, args.handler)
    try:
        result = handler(args)
    # An optional extra that the command needs (pyarrow for Parquet) is missing: an ImportError naming it.
    except (NotFound, DataError, ImportError, OSError) as error:
        _error(_failure(error))
        return 1
    except ValueError as error:  # a value argparse could not check, such as an unknown unit
        parser.print_usage(sys.stderr)
        _error(str(error))
        return 2
    from modslavery.cli._output import render  # noqa: PLC0415

    _write(render(result, getattr(args, "format", "text")))
    if result.status:  # the details went to stdout above; stderr gets one summary line
        _error(getattr(result, "error", None) or "failed")
    status: int = result.status
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the command line on *argv* (default: ``sys.argv[1:]``); return the exit status.

    Example:
        >>> main(["no-such-command"])
        2
        >>> main(["lookup", "ECPAT", "--json"])  # doctest: +ELLIPSIS
        {
          "id": "ecpat-uk",
          "name": "ECPAT UK",
        ...
        0

    """
    try:
        return _run(argv)
    except KeyboardInterrupt:
        return 130
