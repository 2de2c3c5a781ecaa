"""
load() under concurrency: 32 threads at once share one load and see no error (#9).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import modslavery
from modslavery import _loader

THREADS = 32


def _race(target, n: int = THREADS) -> tuple[list[object], list[BaseException]]:
    """Run *target* in *n* threads released together by a barrier; collect results and exceptions."""
    barrier = threading.Barrier(n)
    results: list[object] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            barrier.wait()
            value = target()
        except BaseException as error:  # noqa: BLE001 - every failure is reported by the test
            with lock:
                errors.append(error)
        else:
            with lock:
                results.append(value)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return results, errors


@pytest.fixture
def fresh_cache():
    """Start with an empty cache; afterwards put back the data set other tests hold."""
    original = modslavery.load()
    modslavery.clear_cache()
    yield
    _loader._cache = original


@pytest.mark.parametrize("round_", range(5))
def test_32_threads_get_one_object(fresh_cache, round_: int) -> None:
    results, errors = _race(modslavery.load)
    assert errors == []
    assert len(results) == THREADS
    first = results[0]
    assert all(result is first for result in results)
    assert modslavery.load() is first
    assert len(first.signatures) == 114


def test_the_data_is_read_once_even_when_the_load_is_slow(fresh_cache, monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow first load widens the race window: still one read, one object for all 32 threads."""
    calls: list[int] = []
    real = _loader._load_bundled

    def slow_load() -> modslavery.Dataset:
        calls.append(threading.get_ident())
        time.sleep(0.2)
        return real()

    monkeypatch.setattr(_loader, "_load_bundled", slow_load)
    results, errors = _race(modslavery.load)
    assert errors == []
    assert len(calls) == 1
    assert len({id(result) for result in results}) == 1


def test_module_attributes_under_concurrency(fresh_cache) -> None:
    """The lazy module attributes (modslavery.organisations) go through the same cached load."""
    results, errors = _race(lambda: modslavery.organisations)
    assert errors == []
    assert len({id(result) for result in results}) == 1
    assert results[0] is modslavery.load().organisations


def test_clear_cache_while_loading(fresh_cache) -> None:
    """Threads that load while others clear the cache get complete data sets and no error."""

    def load_or_clear() -> object:
        if threading.get_ident() % 3 == 0:
            modslavery.clear_cache()
            return None
        return modslavery.load()

    results, errors = _race(load_or_clear)
    assert errors == []
    assert all(len(r.documents) == 5 for r in results if r is not None)


def test_concurrent_queries_on_one_data_set(ds) -> None:
    """Lookups, searches and set operations from 32 threads agree with a single-threaded run."""

    def queries() -> tuple[object, ...]:
        return (
            ds.organisations.lookup("ecpat uk").id,
            [org.id for org, _ in ds.organisations.search("trafficking")],
            sorted(org.id for org in ds.signed_all(*ds.campaigns.ids)),
            [(row.a, row.b, row.both) for row in ds.overlap()],
        )

    expected = queries()
    results, errors = _race(queries)
    assert errors == []
    assert all(result == expected for result in results)


def test_concurrent_directory_loads(data_dir: Path) -> None:
    """Users' directories load in parallel without interfering; each load is its own object."""
    results, errors = _race(lambda: modslavery.Dataset.from_directory(data_dir), n=8)
    assert errors == []
    assert len({id(result) for result in results}) == 8
    assert all(result.campaigns.ids == modslavery.load().campaigns.ids for result in results)
