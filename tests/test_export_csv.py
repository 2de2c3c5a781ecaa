"""The CSV export: model field names as headers, complete, deterministic bytes (issue #6)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import modslavery
from modslavery._converter import converter
from modslavery.export import export_csv
from modslavery.export._tables import TABLE, TABLES
from modslavery.export.csv import csv_text
from modslavery.models import Exclusion, Measure, Signature


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv")
    export_csv(folder)
    return folder


def read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class TestColumns:
    @pytest.mark.parametrize(
        ("name", "model"), [("signatures", Signature), ("measures", Measure), ("exclusions", Exclusion)]
    )
    def test_flat_collections_use_the_model_field_names(self, exported, name, model):
        """A flat model's CSV header is exactly its attrs field names, in order."""
        header = (exported / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == [f.name for f in attrs.fields(model)]

    def test_statistics_flatten_the_period_with_prefixed_names(self, exported):
        header = (exported / "statistics.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header[:3] == ["id", "document_id", "measure_id"]
        assert {"period_label", "period_start", "period_end", "period_basis", "period_note"} <= set(header)
        assert "period" not in header

    def test_one_file_per_table_plus_metadata(self, exported):
        names = sorted(p.name for p in exported.iterdir())
        assert names == sorted([f"{t.name}.csv" for t in TABLES] + ["metadata.csv"])


class TestValues:
    def test_signatures_round_trip(self, exported, ds):
        rows = read(exported, "signatures")
        expected = [
            {
                "id": s.id,
                "campaign_id": s.campaign_id,
                "organisation_id": s.organisation_id,
                "position": str(s.position),
                "name_as_written": s.name_as_written,
                "start": str(s.start),
                "end": str(s.end),
            }
            for s in ds.signatures
        ]
        assert rows == expected

    def test_statistic_values_and_periods(self, exported, ds):
        rows = {r["id"]: r for r in read(exported, "statistics")}
        assert len(rows) == len(ds.statistics)
        for stat in ds.statistics:
            row = rows[stat.id]
            assert type(stat.value)(row["value"]) == stat.value
            assert row["unit"] == stat.unit.value
            assert row["geography"] == (stat.geography.value if stat.geography else "")
            if stat.period is None:
                assert row["period_basis"] == ""
            else:
                assert row["period_start"] == (str(stat.period.start) if stat.period.start else "")
                assert row["period_label"] == (stat.period.label or "")
        # pledge-mayoral-2024-s02 is 17,004 people in 2023 (the pledge text says so).
        assert rows["pledge-mayoral-2024-s02"]["value"] == "17004"
        assert rows["pledge-mayoral-2024-s02"]["period_start"] == "2023"

    def test_document_texts_survive_quoting_exactly(self, exported, ds):
        rows = {r["id"]: r for r in read(exported, "documents")}
        for doc in ds.documents:
            assert rows[doc.id]["text"] == doc.text

    def test_aliases_link_table(self, exported, ds):
        rows = [(r["organisation_id"], int(r["position"]), r["alias"]) for r in read(exported, "organisation_aliases")]
        assert rows == [(o.id, i, a) for o in ds.organisations for i, a in enumerate(o.aliases, start=1)]

    def test_campaign_asks_keep_their_numbers(self, exported):
        rows = [r for r in read(exported, "campaign_asks") if r["campaign_id"] == "mayoral-pledge-2024"]
        assert [r["number"] for r in rows] == ["1", "2", "3", "4", "5", "6"]
        assert rows[0]["text"].startswith("Deliver a dedicated strategy")

    def test_metadata_records_the_data_version(self, exported):
        meta = {r["key"]: r["value"] for r in read(exported, "metadata")}
        assert meta["data_version"] == modslavery.__data_version__
        assert "NOT openly licensed" in meta["licence_text"]


def _leaves(value) -> int:
    """Non-null scalar leaves of a JSON value."""
    if isinstance(value, dict):
        return sum(_leaves(v) for v in value.values())
    if isinstance(value, list):
        return sum(_leaves(v) for v in value)
    return value is not None


def test_no_value_is_lost(exported, ds):
    """Every non-null scalar of the JSON form is one non-empty, non-key cell of some CSV file."""
    for collection in sorted({t.collection for t in TABLES}):
        expected = sum(_leaves(converter.unstructure(r)) for r in getattr(ds, collection))
        cells = 0
        for table in (t for t in TABLES if t.collection == collection):
            keys = set(table.primary_key) if table.parent else set()
            for row in read(exported, table.name):
                cells += sum(1 for k, v in row.items() if k not in keys and v != "")
        assert cells == expected, collection


class TestBytes:
    def test_utf8_with_newline_line_ends(self, exported):
        for path in exported.iterdir():
            data = path.read_bytes()
            data.decode("utf-8")
            assert data.endswith(b"\n")
            header = data.split(b"\n", 1)[0]
            assert b"\r" not in header

    def test_quotes_and_commas_are_quoted(self, exported, ds):
        text = (exported / "organisations.csv").read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(text)))
        assert [r[1] for r in rows[1:]] == [o.name for o in ds.organisations]

    def test_identical_across_runs_and_hash_seeds(self, tmp_path):
        """Two processes with different PYTHONHASHSEED write the same bytes."""
        outputs = []
        for seed in ("0", "12345"):
            folder = tmp_path / seed
            env = {**os.environ, "PYTHONHASHSEED": seed}
            code = f"from modslavery.export import export_csv; export_csv({str(folder)!r})"
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            outputs.append({p.name: p.read_bytes() for p in sorted(folder.iterdir())})
        assert outputs[0] == outputs[1]
        assert len(outputs[0]) == len(TABLES) + 1


#: Any character but lone surrogates; the csv module reads NUL only from Python 3.11 ("line contains NUL" before).
_CELL_CHARACTERS = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="" if sys.version_info >= (3, 11) else "\x00"
)


class TestQuotingLaw:
    @given(
        st.lists(
            st.tuples(
                st.text(alphabet=_CELL_CHARACTERS, min_size=1),
                st.text(alphabet=_CELL_CHARACTERS),
                st.one_of(st.none(), st.text(alphabet=_CELL_CHARACTERS, min_size=1)),
            ),
            max_size=5,
        )
    )
    def test_any_text_reads_back_unchanged(self, rows):
        """Commas, quotes, newlines and carriage returns survive a write and a read with the csv module."""
        text = csv_text(TABLE["measures"], rows)
        read = list(csv.reader(io.StringIO(text, newline="")))
        assert read[0] == ["id", "label", "description"]
        assert read[1:] == [[a, b, "" if c is None else c] for a, b, c in rows]
