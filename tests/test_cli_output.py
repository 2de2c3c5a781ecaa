"""What the command line prints for people and for spreadsheets (issue #20)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import subprocess

import pytest

import modslavery
from modslavery.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


TABLES = [
    ("documents", "list"),
    ("statistics", "list"),
    ("statistics", "list", "--year", "1800"),
    ("campaigns", "list"),
    ("organisations", "list"),
    ("measures",),
    ("search", "trafficking"),
    ("search", "zzzzqq"),
    ("signatories", "mayoral-pledge-2024"),
    ("both",),
    ("exactly", "2"),
    ("exactly", "3"),
    ("overlap",),
    ("series", "nrm-referral-countries"),
]


@pytest.mark.parametrize("argv", TABLES, ids=" ".join)
def test_csv_ends_with_one_newline(capsys, argv) -> None:
    code, out, err = run(capsys, *argv, "--csv")
    assert (code, err) == (0, "")
    assert out.endswith("\n")
    assert not out.endswith("\n\n")
    rows = list(csv.reader(io.StringIO(out)))
    assert all(rows)  # no blank row anywhere


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("statistics", "list", "--year", "1800"), "no statistic matches these filters"),
        (("search", "zzzzqq"), "no organisation name is close to 'zzzzqq'"),
        (("exactly", "3"), "no organisation"),
        (("series", "government-funding", "--geography", "europe"), "no statistic of 'Government funding' matches"),
    ],
)
def test_an_empty_result_says_so(capsys, argv, message) -> None:
    """Text prints one line saying nothing matched; CSV keeps its header; JSON is an empty list."""
    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (0, message + "\n", "")
    code, out, _ = run(capsys, *argv, "--csv")
    assert len(out.splitlines()) == 1
    assert "," in out
    code, out, _ = run(capsys, *argv, "--json")
    assert json.loads(out) == []


def test_validate_prints_its_summary_once(capsys, tmp_path) -> None:
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert code == 1
    assert "problem(s)" not in out
    assert err.count("problem(s)") == 1
    assert err.startswith("modslavery: error: ")
    assert "documents.json" in out  # the problems themselves are the output


def test_search_scores_have_two_decimals(capsys, ds) -> None:
    _, out, _ = run(capsys, "search", "trafficking")
    scores = [line.split()[0] for line in out.splitlines()[1:]]
    expected = [f"{score:.2f}" for _, score in ds.organisations.search("trafficking")]
    assert scores == expected
    assert len({len(s) for s in scores}) == 1
    _, out, _ = run(capsys, "search", "ecpat uk", "--csv")
    assert out.splitlines()[1].startswith("1.00,ecpat-uk,")
    _, out, _ = run(capsys, "search", "ecpat uk", "--json")
    assert json.loads(out)[0]["score"] == 1.0


class TestSeries:
    def test_areas_are_named_and_not_mixed(self, capsys, ds) -> None:
        rows = list(csv.DictReader(io.StringIO(run(capsys, "series", "people-in-modern-slavery", "--csv")[1])))
        stated = {(s.geography.value, s.value) for s in ds.statistics if s.measure_id == "people-in-modern-slavery"}
        assert stated == {("worldwide", 45000000), ("united_kingdom", 12000)}
        assert [(r["geography"], r["value"]) for r in rows] == [("Worldwide", "45000000"), ("United Kingdom", "12000")]

    def test_a_figure_stated_twice_is_one_row_naming_both(self, capsys) -> None:
        rows = list(csv.DictReader(io.StringIO(run(capsys, "series", "nrm-referral-countries", "--csv")[1])))
        assert [(r["value"], r["statistic_ids"]) for r in rows] == [
            ("108", "news-jstac-launch-s03;news-jstac-launch-s07")
        ]

    def test_json_gives_every_statistic_in_the_table_order(self, capsys) -> None:
        records = json.loads(run(capsys, "series", "nrm-referral-countries", "--json")[1])
        assert [r["id"] for r in records] == ["news-jstac-launch-s03", "news-jstac-launch-s07"]

    def test_geography_option(self, capsys) -> None:
        _, out, _ = run(capsys, "series", "people-in-modern-slavery", "--geography", "worldwide", "--csv")
        assert [r["value"] for r in csv.DictReader(io.StringIO(out))] == ["45000000"]


class TestVocabulary:
    """One way to say an inferred date and an editorial title, in the CLI as in charts and HTML."""

    def test_documents_list(self, capsys) -> None:
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run(capsys, "documents", "list", "--csv")[1]))}
        assert rows["op-ed-stroud"]["published"] == "2015 or later (inferred)"
        assert rows["news-jstac-launch"]["published"] == "2017 or later (inferred)"  # the bound is open (#22)
        assert rows["blog-victims-minister"]["published"] == "2013-04-24"
        assert rows["op-ed-stroud"]["title"].endswith(" [editorial title]")
        assert rows["pledge-mayoral-2024"]["title"] == "Pledge to Prioritise Modern Slavery"

    def test_show_and_html_agree(self, capsys, ds) -> None:
        out = run(capsys, "documents", "show", "op-ed-stroud")[1]
        assert "published:    2015 or later (inferred)" in out
        assert "[editorial title]" in out
        html = ds.documents["op-ed-stroud"]._repr_html_()
        assert "2015 or later (inferred)" in html
        assert "[editorial title]" in html
        assert "to open" not in html
        campaign = run(capsys, "campaigns", "show", "general-election-statement")[1]
        assert (
            "title:          Joint statement to political parties ahead of the General Election [editorial title]"
            in campaign
        )


@pytest.fixture(scope="module")
def script() -> str:
    from modslavery.cli._commands import completion

    return completion(argparse.Namespace(shell="bash")).text  # noqa: S604 - a shell name, not a subprocess shell


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
class TestCompletion:
    """The script completes in a real bash: set the words typed, call the function, read COMPREPLY."""

    def complete(self, script: str, *words: str) -> list[str]:
        typed = " ".join(f"'{w}'" for w in ("modslavery", *words))
        probe = (
            f'{script}\nCOMP_WORDS=({typed}); COMP_CWORD={len(words)}; _modslavery; printf "%s\\n" "${{COMPREPLY[@]}}"'
        )
        result = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True)
        return result.stdout.split()

    def test_export_formats(self, script) -> None:
        assert self.complete(script, "export", "--format", "") == [
            "csv", "sqlite", "datapackage", "json", "parquet", "html", "datasette",
        ]  # fmt: skip
        assert self.complete(script, "export", "--format", "p") == ["parquet"]

    def test_ids(self, script, ds) -> None:
        assert self.complete(script, "series", "nrm-") == [m for m in ds.measures.ids if m.startswith("nrm-")]
        assert self.complete(script, "statistics", "list", "--document", "op") == ["op-ed-stroud"]
        assert self.complete(script, "statistics", "list", "--measure", "offences-c") == [
            "offences-charged",
            "offences-charged-share",
        ]
        assert self.complete(script, "signatories", "m") == ["mayoral-pledge-2024"]
        assert self.complete(script, "documents", "show", "news") == ["news-jstac-launch"]
        assert self.complete(script, "campaigns", "show", "g") == ["general-election-statement"]
        assert self.complete(script, "only", "mayoral-pledge-2024", "--not", "") == list(ds.campaigns.ids)

    def test_vocabularies_and_commands(self, script) -> None:
        assert self.complete(script, "series", "nrm-referrals", "--unit", "G") == ["GBP"]
        assert self.complete(script, "statistics", "list", "--geography", "e") == ["europe", "england_and_wales"]
        assert "parquet" not in self.complete(script, "")
        assert "series" in self.complete(script, "")

    def test_made_from_the_installed_data(self, script) -> None:
        assert f"(data {modslavery.__data_version__})" in script.splitlines()[0]
