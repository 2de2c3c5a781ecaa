"""The command line, run in-process: outputs checked against the Python API and the sources (issue #6)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

import modslavery
from modslavery.cli import main
from modslavery.export._tables import TABLES

GE = "general-election-statement"
MAYORAL = "mayoral-pledge-2024"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str):
    code, out, err = run(capsys, *argv, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def run_csv(capsys, *argv: str) -> list[dict[str, str]]:
    code, out, err = run(capsys, *argv, "--csv")
    assert (code, err) == (0, "")
    return list(csv.DictReader(io.StringIO(out)))


class TestOverview:
    def test_first_line_counts(self, capsys, ds):
        code, out, _ = run(capsys, "overview")
        signers = {s.organisation_id for s in ds.signatures}
        assert code == 0
        assert out.splitlines()[0] == (
            f"modslavery data {modslavery.__data_version__}: 5 documents, 20 statistics, 2 campaigns, "
            f"114 signatures of {len(signers)} organisations"
        )

    def test_no_command_is_the_overview(self, capsys):
        assert run(capsys)[1] == run(capsys, "overview")[1]

    def test_json(self, capsys):
        data = run_json(capsys, "overview")
        assert data["data_version"] == modslavery.__data_version__
        assert data["overlap"][0]["both"] == 27


class TestRecords:
    def test_documents_list(self, capsys, ds):
        rows = run_csv(capsys, "documents", "list")
        assert [r["id"] for r in rows] == list(ds.documents.ids)
        assert {r["id"]: int(r["statistics"]) for r in rows} == {d.id: len(ds.statistics_of(d)) for d in ds.documents}

    def test_document_text_is_exact(self, capsys, ds):
        code, out, _ = run(capsys, "documents", "show", "news-jstac-launch", "--text")
        assert code == 0
        assert out == ds.documents["news-jstac-launch"].text + "\n"

    def test_document_show_json_is_the_full_record(self, capsys, ds):
        data = run_json(capsys, "documents", "show", "blog-victims-minister")
        assert data["sha256"] == ds.documents["blog-victims-minister"].sha256
        assert data["published"]["start"] == "2013-04-24"

    @pytest.mark.parametrize(
        ("options", "expected"),
        [
            (["--geography", "england_and_wales", "--year", "2022"], {"geography": "england_and_wales", "year": 2022}),
            (["--unit", "GBP"], {"unit": "GBP"}),
            (["--document", "op-ed-stroud"], {"document": "op-ed-stroud"}),
            (["--measure", "nrm-referrals"], {"measure": "nrm-referrals"}),
            (["--qualifier", "more_than"], {"qualifier": "more_than"}),
        ],
    )
    def test_statistics_filters_match_the_api(self, capsys, ds, options, expected):
        rows = run_json(capsys, "statistics", "list", *options)
        assert [r["id"] for r in rows] == [s.id for s in ds.statistics.filter(**expected)]
        assert rows

    def test_england_and_wales_2022_figures_from_the_pledge(self, capsys):
        """The pledge states 10,454 offences recorded, under 1% charged, 95 charged, all for 2022."""
        rows = run_json(capsys, "statistics", "list", "--geography", "england_and_wales", "--year", "2022")
        assert [r["value"] for r in rows] == [10454, 1, 95]

    def test_statistic_show(self, capsys):
        code, out, _ = run(capsys, "statistics", "show", "pledge-mayoral-2024-s02")
        assert code == 0
        assert "17,004 potential child and adult victims" in out
        data = run_json(capsys, "statistics", "show", "pledge-mayoral-2024-s02")
        assert data["value"] == 17004
        assert data["period"]["start"] == "2023"

    def test_campaign_show_lists_the_asks(self, capsys, ds):
        code, out, _ = run(capsys, "campaigns", "show", MAYORAL)
        assert code == 0
        for ask in ds.campaigns[MAYORAL].asks:
            assert " ".join(ask.text.split()) in out

    def test_campaigns_list(self, capsys):
        rows = run_csv(capsys, "campaigns", "list")
        assert [(r["id"], r["signatories"]) for r in rows] == [(GE, "59"), (MAYORAL, "55")]

    def test_organisations_list(self, capsys, ds):
        rows = run_csv(capsys, "organisations", "list")
        assert len(rows) == len(ds.organisations)
        unseen = next(r for r in rows if r["id"] == "unseen")
        assert unseen["campaigns"] == f"{GE};{MAYORAL}"

    def test_organisation_show_by_any_name(self, capsys):
        data = run_json(capsys, "organisations", "show", "the snowdrop project")
        assert data["id"] == "snowdrop-project"

    def test_measures(self, capsys, ds):
        rows = run_csv(capsys, "measures")
        assert sum(int(r["statistics"]) for r in rows) == len(ds.statistics)


class TestNames:
    def test_lookup(self, capsys):
        data = run_json(capsys, "lookup", "ATLEU")
        assert data["name"] == "Anti Trafficking and Labour Exploitation Unit"
        assert data["campaigns"] == [GE, MAYORAL]

    def test_lookup_miss_is_exit_1_with_one_line(self, capsys):
        code, out, err = run(capsys, "lookup", "no such organisation at all")
        assert (code, out) == (1, "")
        assert err.startswith("modslavery: error: no organisation named")
        assert err.count("\n") == 1

    def test_search(self, capsys, ds):
        rows = run_json(capsys, "search", "snowdrop", "--limit", "3")
        assert rows[0]["id"] == "snowdrop-project"
        assert [(r["id"], r["score"]) for r in rows] == [
            (o.id, s) for o, s in ds.organisations.search("snowdrop", limit=3)
        ]


class TestSets:
    def ids(self, capsys, *argv) -> set[str]:
        return {r["id"] for r in run_json(capsys, *argv)}

    def test_both_and_all(self, capsys, ds):
        expected = {o.id for o in ds.signatories(GE) & ds.signatories(MAYORAL)}
        assert self.ids(capsys, "both", GE, MAYORAL) == expected
        assert self.ids(capsys, "all", GE, MAYORAL) == expected
        assert self.ids(capsys, "both") == expected  # all campaigns by default
        assert len(expected) == 27

    def test_any(self, capsys, ds):
        assert self.ids(capsys, "any", GE, MAYORAL) == {o.id for o in ds.signatories(GE) | ds.signatories(MAYORAL)}

    def test_only(self, capsys, ds):
        expected = {o.id for o in ds.signatories(MAYORAL) - ds.signatories(GE)}
        assert self.ids(capsys, "only", MAYORAL, "--not", GE) == expected
        assert self.ids(capsys, "only", MAYORAL) == expected  # the others by default
        assert "bawso" in self.ids(capsys, "only", GE)

    def test_exactly(self, capsys, ds):
        both = ds.signatories(GE) & ds.signatories(MAYORAL)
        assert self.ids(capsys, "exactly", "2") == {o.id for o in both}
        assert self.ids(capsys, "exactly", "1") == {o.id for o in ds.signatories(GE) ^ ds.signatories(MAYORAL)}

    def test_overlap(self, capsys):
        (row,) = run_json(capsys, "overlap")
        assert (row["a"], row["b"], row["both"], row["only_a"], row["only_b"]) == (GE, MAYORAL, 27, 32, 28)

    def test_sorted_by_name_in_text(self, capsys):
        _, out, _ = run(capsys, "both", GE, MAYORAL)
        names = [line.split(None, 1)[1] for line in out.splitlines()[1:-1]]
        assert names == sorted(names, key=str.casefold)
        assert out.splitlines()[-1] == "27 organisation(s)"

    def test_signatories_in_source_order(self, capsys, ds):
        rows = run_csv(capsys, "signatories", MAYORAL)
        assert [r["name_as_written"] for r in rows] == [s.name_as_written for s in ds.signatures_of(MAYORAL)]
        assert rows[0]["name_as_written"] == "A21 UK"

    def test_unknown_campaign_is_exit_1(self, capsys):
        code, out, err = run(capsys, "both", GE, "no-such-campaign")
        assert (code, out) == (1, "")
        assert err.startswith("modslavery: error: no campaign with id 'no-such-campaign'")


class TestSeries:
    def test_nrm_referrals(self, capsys):
        """The JSTAC report gives over 3,800 referrals in 2016; the pledge gives 17,004 in 2023."""
        rows = run_json(capsys, "series", "nrm-referrals")
        assert [(r["value"], r["qualifier"]) for r in rows] == [(3800, "more_than"), (17004, "exact")]

    def test_unknown_document_filter_is_exit_1_not_an_empty_list(self, capsys):
        code, out, err = run(capsys, "statistics", "list", "--document", "no-such-document")
        assert (code, out) == (1, "")
        assert err.startswith("modslavery: error: no document with id 'no-such-document'")

    def test_unknown_measure_is_exit_1(self, capsys):
        code, _, err = run(capsys, "series", "no-such-measure")
        assert code == 1
        assert err.startswith("modslavery: error: no measure with id 'no-such-measure'")


class TestUsage:
    @pytest.mark.parametrize(
        "argv",
        [
            ["no-such-command"],
            ["statistics", "list", "--unit", "furlongs"],
            ["exactly", "0"],
            ["exactly", "two"],
            ["export", "somewhere"],
            ["documents"],
            ["both", "--json", "--csv"],
            ["lookup"],
        ],
    )
    def test_usage_errors_exit_2(self, capsys, argv):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, "")
        assert "modslavery" in err
        assert "error:" in err

    def test_help_and_version_exit_0(self, capsys):
        code, out, _ = run(capsys, "--help")
        assert code == 0
        assert "usage: modslavery" in out
        code, out, _ = run(capsys, "--version")
        assert (code, out) == (0, f"modslavery {modslavery.__version__} (data {modslavery.__data_version__})\n")

    def test_series_unit_outside_the_vocabulary_is_a_usage_error(self, capsys):
        """As in 'statistics list': the usage of 'series' itself, and every valid unit (issue #20)."""
        code, _, err = run(capsys, "series", "government-funding", "--unit", "EUR")
        assert code == 2
        assert err.startswith("usage: modslavery series ")
        assert "invalid choice: 'EUR'" in err
        for unit in modslavery.Unit:
            assert repr(unit.value) in err


class TestExport:
    @pytest.mark.parametrize("fmt", ["csv", "datapackage", "json"])
    def test_directory_formats(self, capsys, tmp_path, fmt):
        code, out, _ = run(capsys, "export", "--format", fmt, str(tmp_path / "out"))
        assert code == 0
        assert out.startswith("wrote ")
        assert modslavery.__data_version__ in out
        assert any((tmp_path / "out").iterdir())

    def test_sqlite(self, capsys, tmp_path, ds):
        target = tmp_path / "m.db"
        assert run(capsys, "export", "--format", "sqlite", str(target))[0] == 0
        with contextlib.closing(sqlite3.connect(target)) as db:  # closed: Python 3.13 warns of an open database
            count = db.execute("SELECT COUNT(*) FROM signatures").fetchone()[0]
        assert count == len(ds.signatures)

    def test_json_export_loads_back_and_matches_its_manifest_and_schemas(self, capsys, tmp_path):
        from modslavery.integrity import verify_directory

        assert run(capsys, "export", "--format", "json", str(tmp_path))[0] == 0
        assert modslavery.Dataset.from_directory(tmp_path).campaigns.ids == (GE, MAYORAL)
        assert verify_directory(tmp_path) == []
        assert (tmp_path / "schemas" / "statistics.schema.json").is_file()
        manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["data_version"] == modslavery.__data_version__

    def test_unwritable_target_is_exit_1(self, capsys, tmp_path):
        blocker = tmp_path / "file"
        blocker.write_text("x")
        code, _, err = run(capsys, "export", "--format", "csv", str(blocker / "sub"))
        assert code == 1
        assert err.startswith("modslavery: error:")
        assert err.count("\n") == 1


@pytest.fixture
def json_dir(tmp_path: Path) -> Path:
    """The bundled data as 'modslavery export --format json' writes it: data files, manifest, schemas."""
    assert main(["export", "--format", "json", str(tmp_path)]) == 0
    return tmp_path


class TestValidate:
    def test_installed_data(self, capsys):
        code, out, err = run(capsys, "validate")
        assert (code, err) == (0, "")
        assert out.startswith("ok:")

    def test_good_directory(self, capsys, data_dir):
        code, out, _ = run(capsys, "validate", str(data_dir))
        assert code == 0
        assert "5 documents, 20 statistics, 2 campaigns, 114 signatures" in out

    def test_broken_reference_is_reported_with_file_and_path(self, capsys, data_dir: Path):
        path = data_dir / "signatures.json"
        records = json.loads(path.read_text(encoding="utf-8"))
        records[3]["organisation_id"] = "no-such-org"
        path.write_text(json.dumps(records), encoding="utf-8")
        code, out, err = run(capsys, "validate", str(data_dir))
        assert code == 1
        assert "signatures.json: $[3].organisation_id: unknown organisation 'no-such-org'" in out
        assert err.startswith("modslavery: error: 1 problem(s)")

    def test_a_number_without_a_statistic_is_reported(self, capsys, json_dir: Path):
        """Dropping a statistic leaves its number uncovered: validate names the document and the number."""
        data_dir = json_dir
        path = data_dir / "statistics.json"
        records = json.loads(path.read_text(encoding="utf-8"))
        dropped = next(r for r in records if r["id"] == "pledge-mayoral-2024-s02")
        path.write_text(json.dumps([r for r in records if r is not dropped]), encoding="utf-8")
        (data_dir / "manifest.json").unlink()
        code, out, _ = run(capsys, "validate", str(data_dir))
        assert code == 1
        assert "pledge-mayoral-2024: " in out
        assert "'17,004'" in out

    def test_tampered_file_fails_the_manifest(self, capsys, json_dir: Path):
        capsys.readouterr()
        path = json_dir / "measures.json"
        path.write_text(path.read_text(encoding="utf-8").replace("  ", "   "), encoding="utf-8")
        code, out, _ = run(capsys, "validate", str(json_dir))
        assert code == 1
        assert "measures.json" in out

    def test_json_report(self, capsys, tmp_path):
        code, out, _ = run(capsys, "validate", str(tmp_path), "--json")
        assert code == 1
        report = json.loads(out)
        assert report["valid"] is False
        assert any("documents.json" in p for p in report["problems"])


def test_completion_script_names_every_command(capsys):
    code, out, _ = run(capsys, "completion", "bash")
    assert code == 0
    assert "complete -o default -F _modslavery modslavery" in out
    for command in ("overview", "statistics", "both", "only", "export", "validate"):
        assert command in out
    assert "--geography" in out


def test_statistics_json_is_the_bundled_records(capsys):
    """--json of statistics list and series gives each statistic exactly as statistics.json has it."""
    bundled = {
        r["id"]: r
        for r in json.loads((Path(modslavery.__file__).parent / "data" / "statistics.json").read_text("utf-8"))
    }
    rows = run_json(capsys, "statistics", "list", "--unit", "people")
    assert rows == [bundled[r["id"]] for r in rows]
    assert len(rows) == sum(1 for r in bundled.values() if r["unit"] == "people")
    assert run_json(capsys, "series", "nrm-referrals") == [
        bundled["news-jstac-launch-s06"],
        bundled["pledge-mayoral-2024-s02"],
    ]


def test_datapackage_export_lists_only_what_it_wrote(capsys, tmp_path):
    (tmp_path / "stale.csv").write_text("old\n", encoding="utf-8")
    data = run_json(capsys, "export", "--format", "datapackage", str(tmp_path))
    names = sorted(Path(p).name for p in data["files"])
    assert "stale.csv" not in names
    assert names == sorted([*(f"{t.name}.csv" for t in TABLES), "metadata.csv", "datapackage.json"])
