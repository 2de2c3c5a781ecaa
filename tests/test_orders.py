"""Every public result comes in one order in every process, whatever the hash seed (issue #20)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# Prints, as JSON, the order of every public result a user can list or write out. The "control" entry is the
# iteration order of a plain frozenset of the same ids: it shows that the seeds do change what hashing orders.
PROBE = r"""
import contextlib, hashlib, io, json, tempfile
import modslavery as ms
from modslavery import frames
from modslavery.cli import main
from modslavery.export.csv import csv_files

ds = ms.load()
ge, mayoral = ds.signatories("general-election-statement"), ds.signatories("mayoral-pledge-2024")
ids = lambda records: [r.id for r in records]
out = {
    "control": [o.id for o in frozenset(ge)],
    "collections": {a: list(getattr(ds, a).ids) for a in ("documents", "statistics", "organisations", "signatures")},
    "signatories": ids(ge),
    "algebra": [ids(ge & mayoral), ids(ge | mayoral), ids(ge - mayoral), ids(ge ^ mayoral),
                ids(ge & frozenset(mayoral)), ids(frozenset(ge) | mayoral), ids(frozenset(ge) - mayoral)],
    "signed": [ids(ds.signed_all()), ids(ds.signed_any()), ids(ds.signed_only("mayoral-pledge-2024")),
               ids(ds.signed_exactly(1))],
    "filter": [ids(ds.statistics.filter(unit="people")), ids(ds.statistics.filter(year=2016))],
    "series": {m.id: ids(ds.series(m.id)) for m in ds.measures},
    "search": [o.id for o, _ in ds.organisations.search("trafficking", limit=None)],
    "relations": [ids(ds.campaigns_signed_by("unseen")), ids(ds.documents_mentioning("Modern Slavery Act 2015")),
                  ids(ds.mentions_in("news-jstac-launch")), ids(ds.statistics_of("pledge-mayoral-2024")),
                  ids(ds.signatures_of("mayoral-pledge-2024"))],
    "overlap": [(r.a, r.b) for r in ds.overlap("mayoral-pledge-2024", "general-election-statement")],
    "frames": [frames.to_dataframe(ge)["id"].tolist(), frames.to_dataframe(set(mayoral))["id"].tolist(),
               list(frames.tables())],
    "csv": {name: hashlib.sha256(data).hexdigest() for name, data in csv_files(ds).items()},
}
cli = {}
for argv in (["both"], ["any", "--csv"], ["exactly", "1", "--json"], ["series", "people-in-modern-slavery"],
             ["search", "trafficking"], ["organisations", "list", "--csv"], ["completion", "bash"]):
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(argv)
    cli[" ".join(argv)] = buffer.getvalue()
out["cli"] = cli
print(json.dumps(out))
"""


def _probe(seed: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=env)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def runs() -> list[dict[str, object]]:
    return [_probe(seed) for seed in ("0", "1", "12345")]


def test_the_seeds_change_what_hashing_orders(runs) -> None:
    """The harness can fail: a plain frozenset of the same organisations iterates differently under the seeds."""
    controls = [run["control"] for run in runs]
    assert len({tuple(c) for c in controls}) > 1
    assert all(sorted(c) == sorted(controls[0]) for c in controls)


@pytest.mark.parametrize(
    "part", ["collections", "signatories", "algebra", "signed", "filter", "series", "search", "relations", "overlap",
             "frames", "csv", "cli"]
)  # fmt: skip
def test_every_result_is_in_the_same_order_in_every_process(runs, part) -> None:
    first, *others = (run[part] for run in runs)
    for other in others:
        assert other == first


def test_the_orders_are_the_documented_ones(runs, ds) -> None:
    """The orders docs/api.md promises, checked against independent computations."""
    run = runs[0]
    assert run["signatories"] == sorted(o.id for o in ds.signatories("general-election-statement"))
    for result in run["algebra"] + run["signed"]:
        assert result == sorted(result)
    assert run["frames"][1] == sorted(o.id for o in ds.signatories("mayoral-pledge-2024"))
    assert run["collections"]["documents"] == [d["id"] for d in _bundled("documents.json")]
    people = [s["id"] for s in _bundled("statistics.json") if s["unit"] == "people"]
    assert run["filter"][0] == people
    positions = [s.position for s in ds.signatures_of("mayoral-pledge-2024")]
    assert positions == sorted(positions)
    for measure, series in run["series"].items():
        keys = [_period_key(ds.statistics[i]) for i in series]
        assert keys == sorted(keys), measure


def _bundled(name: str) -> list[dict[str, object]]:
    from importlib.resources import files

    return json.loads(files("modslavery").joinpath("data", name).read_text(encoding="utf-8"))


def _period_key(stat) -> tuple[object, ...]:
    period = stat.period
    date = None if period is None else period.start or period.end
    return (date is None, (date.year, date.month or 0, date.day or 0) if date else (), stat.id)
