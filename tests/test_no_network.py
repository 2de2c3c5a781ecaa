"""
The library never touches the network and never starts a process (#9).

Sockets, DNS and every way to start a process are replaced by functions that
raise; then the whole API and every command of the command line run
in-process. The guards are checked first, so the test cannot pass by
patching the wrong thing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import urllib.request  # before the guards: ssl subclasses socket.socket at import
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import modslavery
from modslavery import _loader
from modslavery.cli import main
from modslavery.cli._parser import build_parser, subcommands


class ForbiddenError(AssertionError):
    """Raised by the guards; an AssertionError so that no `except Exception` in library code hides it by accident."""


_SOCKET_NAMES = ("socket", "create_connection", "create_server", "getaddrinfo", "gethostbyname", "socketpair")
_PROCESS_NAMES = (
    "system", "popen", "fork", "forkpty", "execv", "execve", "execvp", "execvpe", "execl", "execle", "execlp",
    "execlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe", "spawnl", "spawnle", "spawnlp", "spawnlpe",
    "posix_spawn", "posix_spawnp", "startfile",
)  # fmt: skip


@pytest.fixture
def sealed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every socket and process entry point raise; return the list of attempts (empty if none)."""
    attempts: list[str] = []

    def guard(name: str) -> Callable[..., Any]:
        def refuse(*args: object, **kwargs: object) -> Any:
            attempts.append(name)
            raise ForbiddenError(name)

        return refuse

    for name in _SOCKET_NAMES:
        if hasattr(socket, name):
            monkeypatch.setattr(socket, name, guard(f"socket.{name}"))
    monkeypatch.setattr(subprocess, "Popen", guard("subprocess.Popen"))
    for name in _PROCESS_NAMES:
        if hasattr(os, name):
            monkeypatch.setattr(os, name, guard(f"os.{name}"))
    return attempts


def test_the_guards_work(sealed: list[str]) -> None:
    """Every guarded entry point raises and is recorded, including through urllib and subprocess.run."""
    with pytest.raises(ForbiddenError):
        socket.create_connection(("example.org", 80))
    with pytest.raises(ForbiddenError):
        socket.socket()
    with pytest.raises(ForbiddenError):
        urllib.request.urlopen("http://example.org/")
    with pytest.raises(ForbiddenError):
        subprocess.run(["true"], check=False)
    with pytest.raises(ForbiddenError):
        os.system("true")  # noqa: S605
    with pytest.raises(ForbiddenError):
        os.popen("true")  # noqa: S605
    assert sealed == [
        "socket.create_connection",
        "socket.socket",
        "socket.create_connection",  # urllib goes through http.client
        "subprocess.Popen",
        "os.system",
        "os.popen",
    ]
    sealed.clear()


def test_the_whole_api(sealed: list[str], tmp_path: Path) -> None:
    """Load, look up, search, query, set operations, validation and every export, with no socket or process."""
    from modslavery import integrity
    from modslavery.export import (
        export_csv,
        export_datapackage,
        export_datasette,
        export_html,
        export_json,
        export_sqlite,
    )

    original = modslavery.load()
    modslavery.clear_cache()
    try:
        fresh = modslavery.load()  # a real first load, under the guards
    finally:
        _loader._cache = original  # the data set other tests hold
    assert fresh is not original
    assert len(fresh.documents) == 5
    ds = modslavery.load()
    assert ds is original
    assert modslavery.organisations.lookup("ECPAT UK").id == "ecpat-uk"
    assert ds.organisations.search("trafficking")
    assert ds.organisations.get("no-such-id") is None
    with pytest.raises(modslavery.NotFound):
        ds.organisations.lookup("no such organisation at all")
    campaigns = ds.campaigns.ids
    assert ds.signatories(campaigns[0])
    assert ds.signed_all(*campaigns) <= ds.signed_any(*campaigns)
    assert ds.signed_only(campaigns[0], campaigns[1]) | ds.signed_all(*campaigns) == ds.signatories(campaigns[0])
    assert ds.signed_exactly(1) | ds.signed_exactly(2) == ds.signed_any(*campaigns)
    assert ds.overlap()
    assert ds.campaigns_signed_by("Unseen")
    assert ds.signatures_of(campaigns[1])
    document = ds.documents.ids[0]
    assert ds.statistics_of(document)
    assert ds.mentions_in(document)
    assert ds.documents_mentioning("Modern Slavery Act 2015")
    assert ds.series("nrm-referrals")
    assert ds.statistics.filter(unit="people")
    assert integrity.verify_bundled() == []

    written = export_json(tmp_path / "json")
    assert len(written) == 10
    again = modslavery.Dataset.from_directory(tmp_path / "json")
    assert again.campaigns.ids == campaigns
    assert integrity.verify_directory(tmp_path / "json") != []  # no manifest there: reported, not fetched
    export_csv(tmp_path / "csv")
    export_sqlite(tmp_path / "data.sqlite")
    export_datapackage(tmp_path / "package")
    export_html(tmp_path / "site")
    export_datasette(tmp_path / "datasette")
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "datasette" / "metadata.json").is_file()
    assert ds.documents[document]._repr_html_().count("<mark") >= len(ds.statistics_of(document))
    assert "<mark" in ds.statistics[ds.statistics.ids[0]]._repr_html_()
    assert any((tmp_path / "csv").iterdir())
    assert (tmp_path / "data.sqlite").stat().st_size > 0
    assert (tmp_path / "package" / "datapackage.json").is_file()
    assert sealed == []


def _argv(tmp: Path) -> dict[str, list[list[str]]]:
    """At least one invocation of every subcommand; extend this when a command is added."""
    return {
        "overview": [["overview"], []],
        "documents list": [["documents", "list"], ["documents", "list", "--json"]],
        "documents show": [["documents", "show", "news-jstac-launch", "--text"]],
        "statistics list": [["statistics", "list", "--year", "2022"], ["statistics", "list", "--csv"]],
        "statistics show": [["statistics", "show", "pledge-mayoral-2024-s02"]],
        "campaigns list": [["campaigns", "list"]],
        "campaigns show": [["campaigns", "show", "mayoral-pledge-2024"]],
        "organisations list": [["organisations", "list", "--csv"]],
        "organisations show": [["organisations", "show", "Snowdrop Project"]],
        "measures": [["measures"]],
        "lookup": [["lookup", "ECPAT"], ["lookup", "no such organisation at all"]],
        "search": [["search", "trafficking"]],
        "signatories": [["signatories", "mayoral-pledge-2024"]],
        "both": [["both"]],
        "all": [["all", "general-election-statement", "mayoral-pledge-2024"]],
        "any": [["any"]],
        "only": [["only", "mayoral-pledge-2024", "--not", "general-election-statement"]],
        "exactly": [["exactly", "1"]],
        "overlap": [["overlap"]],
        "series": [["series", "nrm-referrals"]],
        "export": [
            ["export", "--format", fmt, str(tmp / ("out.sqlite" if fmt == "sqlite" else f"out-{fmt}"))]
            for fmt in ("csv", "sqlite", "datapackage", "json", "html", "datasette")
        ],
        "validate": [["validate"], ["validate", str(tmp / "out-json")], ["validate", str(tmp / "missing")]],
        "completion": [["completion", "bash"], ["completion", "zsh"]],
    }


def test_every_cli_command(sealed: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """main() runs every subcommand in-process without a socket or a process."""
    invocations = _argv(tmp_path)
    assert set(invocations) >= set(subcommands(build_parser())), "add the new command to _argv()"
    statuses: dict[str, int] = {}
    for argvs in invocations.values():
        for argv in argvs:
            statuses[" ".join(argv) or "(none)"] = main(argv)
    capsys.readouterr()
    assert sealed == []
    assert statuses["lookup no such organisation at all"] == 1
    assert statuses[f"validate {tmp_path / 'missing'}"] == 1
    assert {k: v for k, v in statuses.items() if v != 0} == {
        "lookup no such organisation at all": 1,
        f"validate {tmp_path / 'missing'}": 1,
    }


def test_help_and_version(sealed: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    for name in subcommands(build_parser()):
        assert main([*name.split(), "--help"]) == 0
    assert main(["--version"]) == 0
    assert main(["--help"]) == 0
    capsys.readouterr()
    assert sealed == []
