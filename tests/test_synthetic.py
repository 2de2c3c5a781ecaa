"""The synthetic data generator of the benchmarks: valid, deterministic, and shaped as documented."""

from __future__ import annotations

import hashlib
import json
from itertools import combinations
from pathlib import Path

import pytest

import modslavery
from modslavery.names import name_key
from repo_scripts import import_script

synthetic = import_script("benchmarks/synthetic.py", "synthetic")


@pytest.fixture(scope="module")
def scale3(tmp_path_factory) -> tuple[Path, modslavery.Dataset]:
    folder = tmp_path_factory.mktemp("synthetic3")
    synthetic.write(folder, 3, seed=7)
    return folder, modslavery.Dataset.from_directory(folder)


class TestLoads:
    @pytest.mark.parametrize("scale", [1, 2, 5])
    def test_every_scale_loads_with_the_documented_counts(self, tmp_path: Path, scale: int) -> None:
        """Counts are PER_UNIT times the scale (the organisation pool has a floor of 150)."""
        synthetic.write(tmp_path, scale)
        ds = modslavery.Dataset.from_directory(tmp_path)
        expected = {
            "documents": scale,
            "measures": 2 * scale,
            "statistics": 10 * scale,
            "organisations": max(20 * scale, 150),
            "campaigns": scale,
            "signatures": 100 * scale,
            "entities": 4 * scale,
            "mentions": 25 * scale,
            "judgements": 5 * scale,
            "exclusions": 10 * scale,
        }
        assert {name: len(getattr(ds, name)) for name in expected} == expected

    def test_a_corrupted_span_is_refused(self, tmp_path: Path) -> None:
        """The generated data passes because it is valid, not because nothing is checked."""
        synthetic.write(tmp_path, 1)
        path = tmp_path / "signatures.json"
        records = json.loads(path.read_text(encoding="utf-8"))
        records[3]["start"] += 1
        path.write_text(json.dumps(records), encoding="utf-8")
        with pytest.raises(modslavery.DataError, match=r"signatures.json: \$\[3\].name_as_written"):
            modslavery.Dataset.from_directory(tmp_path)

    def test_scale_below_one_is_refused(self) -> None:
        with pytest.raises(ValueError, match="at least 1"):
            synthetic.generate(0)


class TestDeterminism:
    def test_same_seed_same_bytes(self, tmp_path: Path) -> None:
        first = synthetic.write(tmp_path / "a", 2, seed=3)
        second = synthetic.write(tmp_path / "b", 2, seed=3)
        assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]

    def test_other_seed_other_data(self) -> None:
        assert synthetic.generate(2, seed=1) != synthetic.generate(2, seed=2)


class TestShape:
    def test_document_hashes_are_of_the_text(self, scale3) -> None:
        folder, _ = scale3
        for doc in json.loads((folder / "documents.json").read_text(encoding="utf-8")):
            assert hashlib.sha256(doc["text"].encode("utf-8")).hexdigest() == doc["sha256"]

    def test_organisation_names_have_distinct_keys(self, scale3) -> None:
        _, ds = scale3
        keys = [name_key(name) for org in ds.organisations for name in org.names]
        assert len(keys) == len(set(keys))

    def test_campaign_signatories_are_distinct(self, scale3) -> None:
        _, ds = scale3
        for campaign in ds.campaigns:
            ids = [s.organisation_id for s in ds.signatures_of(campaign)]
            assert len(ids) == len(set(ids)) == 100

    def test_signatures_exercise_wrapped_lines_acronyms_and_accents(self, scale3) -> None:
        """The hard cases of the real data occur: a wrapped entry, an acronym signature, an accented name."""
        _, ds = scale3
        texts = {c.id: ds.documents[c.document_id].text for c in ds.campaigns}
        raw = [texts[s.campaign_id][s.start : s.end] for s in ds.signatures]
        assert any("\n" in entry for entry in raw)
        assert any(s.name_as_written in ds.organisations[s.organisation_id].acronyms for s in ds.signatures)
        assert any(not org.name.isascii() for org in ds.organisations)

    def test_lookup_finds_every_name(self, scale3) -> None:
        _, ds = scale3
        for org in ds.organisations:
            for name in org.names:
                assert ds.organisations.lookup(name) is org

    def test_overlap_matches_raw_signatures(self, scale3) -> None:
        """Shared signatories of each pair, computed from the raw JSON, agree with Dataset.overlap."""
        folder, ds = scale3
        signed: dict[str, set[str]] = {}
        for record in json.loads((folder / "signatures.json").read_text(encoding="utf-8")):
            signed.setdefault(record["campaign_id"], set()).add(record["organisation_id"])
        expected = {(a, b): len(signed[a] & signed[b]) for a, b in combinations(sorted(signed), 2)}
        assert {(row.a, row.b): row.both for row in ds.overlap()} == expected
        assert any(expected.values())
