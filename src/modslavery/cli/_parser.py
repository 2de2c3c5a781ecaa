"""
The argument parser of the ``modslavery`` command: every subcommand, its options and an example.

Building the parser reads no data and imports neither cattrs nor the
commands; each subcommand names its handler in :mod:`modslavery.cli._commands`.

Example:
    >>> args = build_parser().parse_args(["statistics", "list", "--unit", "people", "--json"])
    >>> args.handler, args.unit, args.format
    ('statistics_list', 'people', 'json')

"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from typing import Any

from modslavery import __data_version__, __version__

__all__ = ["EXPORT_FORMATS", "GEOGRAPHIES", "QUALIFIERS", "UNITS", "build_parser", "subcommands"]

# The vocabularies of modslavery.models.Unit, Geography and Qualifier, written out so that --help imports
# no attrs; tests/test_cli_docs.py checks that they match the enums.
UNITS = ("people", "offences", "countries", "organisations", "recommendations", "GBP", "USD", "percent", "rank",
         "hours_per_day", "days_per_week")  # fmt: skip
GEOGRAPHIES = ("worldwide", "europe", "united_kingdom", "england_and_wales")
QUALIFIERS = ("exact", "more_than", "less_than", "at_least", "at_most", "approximately", "estimated")

#: The formats of ``modslavery export``.
EXPORT_FORMATS = ("csv", "sqlite", "datapackage", "json", "parquet", "html", "datasette")

_DESCRIPTION = """\
UK modern-slavery advocacy texts as typed, traceable data: documents, statistics, campaigns and signatories.

Every command prints an aligned table or record for people; --json prints JSON for scripts and
--csv prints CSV where the result is a table. Exit status: 0 success, 1 not found or invalid data,
2 usage error."""


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        msg = f"expected a whole number, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if value < 1:
        msg = f"expected 1 or more, got {value}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _output_options(*, tabular: bool) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_mutually_exclusive_group()
    group.add_argument("--json", dest="format", action="store_const", const="json", default="text", help="print JSON")
    if tabular:
        group.add_argument("--csv", dest="format", action="store_const", const="csv", help="print CSV")
    return parent


class _Builder:
    """Adds subcommands with a shared formatter, output options and an example in the epilog."""

    def __init__(self, formatter: Callable[..., argparse.HelpFormatter]) -> None:
        self.formatter = formatter
        self.table = _output_options(tabular=True)
        self.record = _output_options(tabular=False)

    def add(
        self,
        commands: Any,
        name: str,
        summary: str,
        example: str,
        *,
        handler: str | None = None,
        tabular: bool = True,
        output: bool = True,
    ) -> argparse.ArgumentParser:
        parents = [self.table if tabular else self.record] if output else []
        parser: argparse.ArgumentParser = commands.add_parser(
            name,
            help=summary,
            description=summary[0].upper() + summary[1:] + ".",
            epilog="example:\n  " + example,
            formatter_class=self.formatter,
            parents=parents,
        )
        if handler is not None:
            parser.set_defaults(handler=handler)
        return parser

    def group(self, commands: Any, name: str, summary: str) -> Any:
        parser = commands.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".")
        parser.formatter_class = self.formatter
        return parser.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)


def _records(b: _Builder, commands: Any) -> None:
    documents = b.group(commands, "documents", "list and show the source documents")
    b.add(documents, "list", "list the documents", "modslavery documents list", handler="documents_list")
    show = b.add(
        documents, "show", "show one document", "modslavery documents show news-jstac-launch --text",
        handler="documents_show", tabular=False,
    )  # fmt: skip
    show.add_argument("id", metavar="ID", help="the document's id")
    show.add_argument("--text", action="store_true", help="print the document's full text instead")

    statistics = b.group(commands, "statistics", "list, filter and show the statistics")
    listing = b.add(
        statistics, "list", "list statistics, optionally filtered (--json gives the full records)",
        "modslavery statistics list --geography england_and_wales --year 2022", handler="statistics_list",
    )  # fmt: skip
    _statistic_filters(listing)
    show = b.add(
        statistics, "show", "show one statistic", "modslavery statistics show pledge-mayoral-2024-s02",
        handler="statistics_show", tabular=False,
    )  # fmt: skip
    show.add_argument("id", metavar="ID", help="the statistic's id")

    campaigns = b.group(commands, "campaigns", "list and show the campaigns")
    b.add(campaigns, "list", "list the campaigns", "modslavery campaigns list", handler="campaigns_list")
    show = b.add(
        campaigns, "show", "show one campaign and its asks", "modslavery campaigns show mayoral-pledge-2024",
        handler="campaigns_show", tabular=False,
    )  # fmt: skip
    show.add_argument("id", metavar="ID", help="the campaign's id")

    organisations = b.group(commands, "organisations", "list and show the organisations")
    b.add(
        organisations, "list", "list the organisations", "modslavery organisations list --csv",
        handler="organisations_list",
    )  # fmt: skip
    show = b.add(
        organisations, "show", "show one organisation: names, campaigns signed, documents naming it",
        'modslavery organisations show "Snowdrop Project"', handler="organisations_show", tabular=False,
    )  # fmt: skip
    show.add_argument("name", metavar="NAME", help="an id, name, acronym or alias")

    b.add(commands, "measures", "list the measures statistics are classified by", "modslavery measures",
          handler="measures_list")  # fmt: skip


def _statistic_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--document", metavar="ID", help="only statistics stated in this document")
    parser.add_argument("--measure", metavar="ID", help="only statistics of this measure (see 'modslavery measures')")
    parser.add_argument("--unit", choices=UNITS, metavar="UNIT", help="only this unit: " + ", ".join(UNITS))
    parser.add_argument(
        "--geography", choices=GEOGRAPHIES, metavar="AREA", help="only this area: " + ", ".join(GEOGRAPHIES)
    )
    parser.add_argument(
        "--qualifier", choices=QUALIFIERS, metavar="Q", help="only this qualifier: " + ", ".join(QUALIFIERS)
    )
    parser.add_argument("--year", type=int, metavar="YYYY", help="only statistics whose period includes this year")


def _names(b: _Builder, commands: Any) -> None:
    lookup = b.add(
        commands, "lookup", "find the one organisation a name spells", 'modslavery lookup "ECPAT"',
        handler="lookup", tabular=False,
    )  # fmt: skip
    lookup.add_argument(
        "name", metavar="NAME", help="an id, or a whole name, acronym or alias in any case or punctuation"
    )
    search = b.add(
        commands, "search", "rank organisations by how well their names match", "modslavery search trafficking",
        handler="search",
    )  # fmt: skip
    search.add_argument("query", metavar="QUERY", help="words of a name, an acronym, a prefix")
    search.add_argument("--limit", type=_positive, default=10, metavar="N", help="show at most N (default: 10)")


def _sets(b: _Builder, commands: Any) -> None:
    signatories = b.add(
        commands, "signatories", "list a campaign's signatories in source order",
        "modslavery signatories mayoral-pledge-2024", handler="signatories",
    )  # fmt: skip
    signatories.add_argument("campaign", metavar="CAMPAIGN", help="the campaign's id")
    for name, summary in (
        ("both", "organisations that signed every campaign given (same as 'all')"),
        ("all", "organisations that signed every campaign given"),
        ("any", "organisations that signed at least one campaign given"),
    ):
        parser = b.add(
            commands, name, summary, f"modslavery {name} general-election-statement mayoral-pledge-2024",
            handler="signed_any" if name == "any" else "signed_all",
        )  # fmt: skip
        parser.add_argument("campaigns", nargs="*", metavar="CAMPAIGN", help="campaign ids (default: all campaigns)")
    only = b.add(
        commands, "only", "organisations that signed one campaign and none of the others",
        "modslavery only mayoral-pledge-2024 --not general-election-statement", handler="signed_only",
    )  # fmt: skip
    only.add_argument("campaign", metavar="CAMPAIGN", help="the campaign they signed")
    only.add_argument(
        "--not", dest="others", nargs="+", metavar="CAMPAIGN", help="campaigns they did not sign (default: all others)"
    )
    exactly = b.add(
        commands, "exactly", "organisations that signed exactly K of the campaigns", "modslavery exactly 1",
        handler="signed_exactly",
    )  # fmt: skip
    exactly.add_argument("k", type=_positive, metavar="K", help="how many of the campaigns")
    exactly.add_argument("campaigns", nargs="*", metavar="CAMPAIGN", help="campaign ids (default: all campaigns)")
    overlap = b.add(
        commands, "overlap", "pairwise overlap of campaigns' signatories, with the Jaccard index",
        "modslavery overlap", handler="overlap",
    )  # fmt: skip
    overlap.add_argument("campaigns", nargs="*", metavar="CAMPAIGN", help="campaign ids (default: all campaigns)")


def _tools(b: _Builder, commands: Any) -> None:
    series = b.add(
        commands, "series",
        "one measure's figures by area, then period, each with the statistics that state it (--json: full records)",
        "modslavery series people-in-modern-slavery", handler="series",
    )  # fmt: skip
    series.add_argument("measure", metavar="MEASURE", help="a measure id (see 'modslavery measures')")
    series.add_argument(
        "--unit", choices=UNITS, metavar="UNIT", help="keep one unit where the measure has several: " + ", ".join(UNITS)
    )
    series.add_argument(
        "--geography", choices=GEOGRAPHIES, metavar="AREA", help="keep one area: " + ", ".join(GEOGRAPHIES)
    )
    export = b.add(
        commands, "export",
        "write the data as CSV files, a SQLite database, a data package, JSON with schemas, Parquet files, an HTML"
        " site that marks every record in its text, or a database with Datasette metadata",
        "modslavery export --format sqlite modslavery.db", handler="export", tabular=False,
    )  # fmt: skip
    export.add_argument("--format", dest="export_format", choices=EXPORT_FORMATS, required=True, help="what to write")
    export.add_argument("target", metavar="TARGET", help="a directory (a file for sqlite)")
    validate = b.add(
        commands, "validate", "check a data directory, or the installed data when none is given",
        "modslavery validate path/to/data", handler="validate", tabular=False,
    )  # fmt: skip
    validate.add_argument("directory", nargs="?", metavar="DIR", help="a directory of data files in the bundled format")
    completion = b.add(
        commands, "completion", "print a shell completion script",
        "modslavery completion bash > ~/.local/share/bash-completion/completions/modslavery",
        handler="completion", output=False,
    )  # fmt: skip
    completion.add_argument("shell", choices=("bash", "zsh"), help="the shell")


def build_parser(width: int | None = None) -> argparse.ArgumentParser:
    """
    The ``modslavery`` argument parser; *width* fixes the help text width (default: the terminal's).

    Example:
        >>> build_parser().parse_args(["lookup", "ECPAT"]).name
        'ECPAT'

    """
    formatter: Callable[..., argparse.HelpFormatter] = argparse.RawDescriptionHelpFormatter
    if width is not None:
        formatter = functools.partial(argparse.RawDescriptionHelpFormatter, width=width)
    parser = argparse.ArgumentParser(
        prog="modslavery",
        description=_DESCRIPTION,
        epilog="run 'modslavery COMMAND --help' for a command's options and an example",
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"modslavery {__version__} (data {__data_version__})")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    b = _Builder(formatter)
    b.add(commands, "overview", "summarise the bundled data", "modslavery overview", handler="overview", tabular=False)
    _records(b, commands)
    _names(b, commands)
    _sets(b, commands)
    _tools(b, commands)
    return parser


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """
    Every subcommand's parser by its full name (``"documents show"``), in order.

    Example:
        >>> list(subcommands(build_parser()))[:3]
        ['overview', 'documents list', 'documents show']

    """
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:  # noqa: SLF001 - argparse has no public way to walk subparsers
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for sub in action.choices.values():
                nested = subcommands(sub)
                if nested:
                    found.update(nested)
                else:
                    found[sub.prog.removeprefix("modslavery ")] = sub
    return found
