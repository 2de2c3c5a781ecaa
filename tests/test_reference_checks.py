"""
Every reference and quote the column checks of a validated load cover is refused, with its own message.

Each case changes one field of one record of the bundled files (read here as
plain JSON) and expects the loader's message for that file, path and problem.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import modslavery

DOCUMENT = "op-ed-stroud"


def _read(data_dir: Path, filename: str) -> list[dict[str, Any]]:
    return json.loads((data_dir / filename).read_text(encoding="utf-8"))


def _record(filename: str, index: int, data_dir: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    records = _read(data_dir, filename)
    return records, records[index]


def _first(data_dir: Path, filename: str, key: str) -> int:
    """The index of the first record of *filename* that has *key* set."""
    return next(i for i, r in enumerate(_read(data_dir, filename)) if r.get(key) is not None)


def _problems_after(data_dir: Path, filename: str, records: list[dict[str, Any]]) -> tuple[str, ...]:
    """Write *records* as *filename* and load the directory, which must be refused: its problems."""
    (data_dir / filename).write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(modslavery.DataError) as info:
        modslavery.Dataset.from_directory(data_dir)
    return info.value.problems


CASES = [
    ("statistics.json", "document_id", "no-such-doc", "document_id: unknown document 'no-such-doc'"),
    ("statistics.json", "measure_id", "no-such-measure", "measure_id: unknown measure 'no-such-measure'"),
    ("statistics.json", "speaker_id", "no-such-person", "speaker_id: unknown person 'no-such-person'"),
    ("statistics.json", "conversion_of_id", "no-such-stat", "conversion_of_id: unknown statistic 'no-such-stat'"),
    ("statistics.json", "quote", "not in the text", "quote: quote 'not in the text' is not at"),
    ("statistics.json", "end", 10**7, "is outside the document"),
    ("mentions.json", "document_id", "no-such-doc", "document_id: unknown document 'no-such-doc'"),
    ("mentions.json", "organisation_id", "no-such-org", "organisation_id: unknown organisation 'no-such-org'"),
    ("mentions.json", "entity_id", "no-such-entity", "entity_id: unknown entity 'no-such-entity'"),
    ("mentions.json", "quote", "not in the text", "quote: quote 'not in the text' is not at"),
    ("exclusions.json", "document_id", "no-such-doc", "document_id: unknown document 'no-such-doc'"),
    ("exclusions.json", "quote", "not in the text", "quote: quote 'not in the text' is not at"),
    ("exclusions.json", "start", 0, "quote: quote"),
]


@pytest.mark.parametrize(("filename", "key", "value", "message"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_each_broken_link_is_named(data_dir: Path, filename: str, key: str, value: object, message: str) -> None:
    index = _first(data_dir, filename, key)
    records, record = _record(filename, index, data_dir)
    record[key] = value
    problems = _problems_after(data_dir, filename, records)
    where = f"{filename}: $[{index}]."
    assert any(where in problem and message in problem for problem in problems), problems


def test_a_quote_cut_short_by_the_end_of_the_text_is_refused(data_dir: Path) -> None:
    """A span past the end slices a shorter text; a quote equal to that text is still refused."""
    documents = _read(data_dir, "documents.json")
    text = next(d["text"] for d in documents if d["id"] == DOCUMENT)
    records, record = _record("exclusions.json", 0, data_dir)
    record.update(document_id=DOCUMENT, start=len(text) - 5, end=len(text) + 5, quote=text[-5:])
    (data_dir / "exclusions.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(
        modslavery.DataError, match=r"exclusions\.json: \$\[0\]\.quote: span .* is outside the document"
    ):
        modslavery.Dataset.from_directory(data_dir)


@pytest.mark.parametrize("filename", ["statistics.json", "mentions.json", "exclusions.json"])
@pytest.mark.parametrize("change", [("end", 1), ("start", -1), ("end", -1)])
def test_a_span_that_is_not_its_quotes_length_is_refused(
    data_dir: Path, filename: str, change: tuple[str, int]
) -> None:
    """The text at the span starts with the quote but holds more, or holds only part of it: refused."""
    records, record = _record(filename, 1, data_dir)
    key, step = change
    record[key] += step
    problems = _problems_after(data_dir, filename, records)
    assert any(f"{filename}: $[1].quote: " in problem for problem in problems), problems


@pytest.mark.parametrize("change", [("end", -1), ("end", 1), ("start", -1)])
def test_a_signature_span_that_is_not_its_name_is_refused(data_dir: Path, change: tuple[str, int]) -> None:
    """A span that cuts the name short, or takes in the line break or space next to it, is refused."""
    records = _read(data_dir, "signatures.json")
    key, step = change
    documents = {d["id"]: d["text"] for d in _read(data_dir, "documents.json")}
    campaigns = {c["id"]: documents[c["document_id"]] for c in _read(data_dir, "campaigns.json")}
    # A signature whose neighbour on that side is white space: the widened span differs from the name only by it.
    index = next(
        i
        for i, r in enumerate(records)
        if (
            campaigns[r["campaign_id"]][r["end"]] if key == "end" else campaigns[r["campaign_id"]][r["start"] - 1]
        ).isspace()
    )
    records[index][key] += step
    problems = _problems_after(data_dir, "signatures.json", records)
    assert any(f"signatures.json: $[{index}].name_as_written: " in problem for problem in problems), problems
