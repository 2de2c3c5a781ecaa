"""Loading: the bundled data, directories, caching, and clear errors naming file and path."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

import modslavery
from modslavery._loader import clear_cache


def _edit(directory: Path, filename: str, change) -> None:
    path = directory / filename
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_load_is_cached() -> None:
    # Other tests clear the cache, so compare two calls, not the session fixture.
    assert modslavery.load() is modslavery.load()


def test_from_directory_equals_bundled(ds, data_dir: Path) -> None:
    other = modslavery.Dataset.from_directory(data_dir)
    assert other is not ds
    for name in ("documents", "statistics", "campaigns", "signatures", "mentions", "judgements", "exclusions"):
        assert tuple(getattr(other, name)) == tuple(getattr(ds, name)), name
    assert [o.names for o in other.organisations] == [o.names for o in ds.organisations]


def test_unknown_organisation_names_file_and_path(data_dir: Path) -> None:
    _edit(data_dir, "signatures.json", lambda d: d[4].update(organisation_id="xyz"))
    with pytest.raises(modslavery.DataError) as info:
        modslavery.Dataset.from_directory(data_dir)
    assert "signatures.json: $[4].organisation_id: unknown organisation 'xyz'" in str(info.value)


def test_unknown_key_is_an_error(data_dir: Path) -> None:
    _edit(data_dir, "campaigns.json", lambda d: d[1].update(titel="typo"))
    with pytest.raises(modslavery.DataError, match=r"campaigns\.json: \$\[1\]: unknown field\(s\) 'titel'"):
        modslavery.Dataset.from_directory(data_dir)


def test_all_problems_reported_together(data_dir: Path) -> None:
    def change(d: list) -> None:
        d[0]["value"] = "many"
        del d[3]["unit"]

    _edit(data_dir, "statistics.json", change)
    _edit(data_dir, "measures.json", lambda d: d[0].update(label=5))
    with pytest.raises(modslavery.DataError) as info:
        modslavery.Dataset.from_directory(data_dir)
    problems = info.value.problems
    assert any(p.startswith("statistics.json: $[0].value:") for p in problems)
    assert "statistics.json: $[3].unit: required field missing" in problems
    assert any(p.startswith("measures.json: $[0].label: expected a string") for p in problems)


def test_quote_off_its_span(data_dir: Path) -> None:
    _edit(data_dir, "statistics.json", lambda d: d[2].update(start=d[2]["start"] + 1, end=d[2]["end"] + 1))
    with pytest.raises(modslavery.DataError, match=r"statistics\.json: \$\[2\]\.quote: quote .* is not at"):
        modslavery.Dataset.from_directory(data_dir)


def test_changed_text_breaks_its_hash(data_dir: Path) -> None:
    _edit(data_dir, "documents.json", lambda d: d[0].update(text=d[0]["text"] + " "))
    with pytest.raises(modslavery.DataError, match=r"documents\.json: \$\[0\]\.sha256: does not match"):
        modslavery.Dataset.from_directory(data_dir)


def test_duplicate_ids(data_dir: Path) -> None:
    _edit(data_dir, "measures.json", lambda d: d.append(d[0]))
    with pytest.raises(
        modslavery.DataError,
        match=r"measures\.json: \$\[14\]\.id: duplicate id 'people-in-modern-slavery' \(first at \$\[0\]\)",
    ):
        modslavery.Dataset.from_directory(data_dir)


def test_missing_file(data_dir: Path) -> None:
    (data_dir / "mentions.json").unlink()
    with pytest.raises(modslavery.DataError, match=r"mentions\.json: missing"):
        modslavery.Dataset.from_directory(data_dir)


def test_syntax_error_has_line_and_column(data_dir: Path) -> None:
    (data_dir / "entities.json").write_text('[\n  {"id": "a-b",\n}', encoding="utf-8")
    # The parser's own wording and position differ across Python versions (3.13 names the trailing comma).
    with pytest.raises(modslavery.DataError, match=r"^entities\.json: line (3 column 1|2 column 15): \S"):
        modslavery.Dataset.from_directory(data_dir)


def test_data_error_is_a_value_error_and_not_found_a_key_error(ds) -> None:
    assert issubclass(modslavery.DataError, ValueError)
    with pytest.raises(KeyError):
        ds.documents["nope"]
    with pytest.raises(LookupError):
        ds.organisations.lookup("no such organisation at all")


def test_threads_share_one_load() -> None:
    clear_cache()
    results: list[object] = []
    barrier = threading.Barrier(16)

    def worker() -> None:
        barrier.wait()
        results.append(modslavery.load())

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 16
    assert all(r is results[0] for r in results)


class TestCollections:
    def test_protocol(self, ds) -> None:
        docs = ds.documents
        assert len(docs) == len(list(docs)) == 5
        first = next(iter(docs))
        assert first.id in docs and first in docs
        assert docs[first.id] is first
        assert docs.get("nope") is None and docs.get("nope", 1) == 1
        assert docs.get(["unhashable"]) is None

    def test_not_found_suggests(self, ds) -> None:
        with pytest.raises(modslavery.NotFound, match="did you mean 'mayoral-pledge-2024'"):
            ds.campaigns["mayoral-pledge"]

    def test_immutable(self, ds) -> None:
        with pytest.raises(AttributeError):
            ds.documents._items = ()
        with pytest.raises(AttributeError):
            ds.documents = None
        with pytest.raises(TypeError):
            ds.documents["x"] = 1  # type: ignore[index]


class TestGarbageCollector:
    """Loads leave the cyclic garbage collector alone (#17): it stays on during a load, and off if it was off."""

    def test_on_during_a_load(self, data_dir: Path, monkeypatch) -> None:
        import gc

        from modslavery import _read

        seen: list[bool] = []
        structure = _read.structure_records
        monkeypatch.setattr(
            _read, "structure_records", lambda *args: (seen.append(gc.isenabled()), structure(*args))[1]
        )
        modslavery.Dataset.from_directory(data_dir)
        assert seen == [True] * 10
        assert gc.isenabled()

    def test_left_off_if_it_was_off(self, data_dir: Path) -> None:
        import gc

        gc.disable()
        try:
            modslavery.Dataset.from_directory(data_dir)
            clear_cache()
            modslavery.load()
            assert not gc.isenabled()
        finally:
            gc.enable()
