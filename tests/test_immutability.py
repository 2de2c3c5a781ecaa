"""
The cached data set cannot be changed through the API (#9).

Every attempt to change a record, a collection, the data set, an enum, a
returned tuple, set or list is made in turn; each must fail (or change only a
fresh copy), and later callers of ``load()`` must see exactly the original
data. ``object.__setattr__`` and private attributes are out of scope: Python
cannot stop them.
"""

from __future__ import annotations

import json

import attrs
import pytest

import modslavery
from modslavery import _loader
from modslavery._converter import unstructure_records
from modslavery.dataset import FILES
from modslavery.models import Organisation, PartialDate, Unit


def _snapshot(ds: modslavery.Dataset) -> str:
    """Every record and every query result worth checking, as one JSON text."""
    state = {attribute: unstructure_records(list(getattr(ds, attribute))) for _, attribute, _ in FILES}
    state["signatories"] = {c: sorted(o.id for o in ds.signatories(c)) for c in ds.campaigns.ids}
    state["lookup"] = ds.organisations.lookup("Unseen").id
    state["search"] = [[o.id, s] for o, s in ds.organisations.search("trafficking")]
    state["ids"] = {attribute: list(getattr(ds, attribute).ids) for _, attribute, _ in FILES}
    return json.dumps(state, sort_keys=True, default=str)


@pytest.fixture
def cached():
    """A freshly loaded cache, its snapshot, and a check that later callers still see it unchanged."""
    original = modslavery.load()
    modslavery.clear_cache()
    ds = modslavery.load()
    before = _snapshot(ds)
    yield ds
    assert modslavery.load() is ds
    assert _snapshot(modslavery.load()) == before
    modslavery.clear_cache()
    assert _snapshot(modslavery.load()) == before
    _loader._cache = original  # the data set other tests hold


def _attempts(ds: modslavery.Dataset):
    """(description, action) pairs; each action tries to change the cached data."""
    doc = ds.documents[ds.documents.ids[0]]
    stat = ds.statistics[ds.statistics.ids[0]]
    campaign = ds.campaigns["mayoral-pledge-2024"]
    org = ds.organisations.lookup("Unseen")
    return [
        ("assign a record field", lambda: setattr(doc, "title", "changed")),
        ("assign a nested field", lambda: setattr(campaign.audience_evidence[0], "quote", "changed")),
        ("assign a date part", lambda: setattr(doc.published.start, "year", 1900)),
        ("delete a record field", lambda: delattr(stat, "value")),
        ("add a record attribute", lambda: setattr(stat, "extra", 1)),
        ("assign an organisation's names", lambda: setattr(org, "aliases", ("x",))),
        ("append to a tuple field", lambda: org.aliases.append("x")),  # type: ignore[attr-defined]
        ("set an item of a tuple field", lambda: campaign.asks.__setitem__(0, None)),
        ("assign an enum's value", lambda: setattr(Unit.PEOPLE, "value", "changed")),
        ("assign a data set collection", lambda: setattr(ds, "documents", ())),
        ("delete a data set collection", lambda: delattr(ds, "campaigns")),
        ("add a data set attribute", lambda: setattr(ds, "extra", 1)),
        ("assign a data set's source", lambda: setattr(ds, "source", "elsewhere")),
        ("assign a collection's attribute", lambda: setattr(ds.documents, "_items", ())),
        ("add a collection attribute", lambda: setattr(ds.campaigns, "extra", 1)),
        ("set an item of a collection", lambda: ds.documents.__setitem__("x", doc)),  # type: ignore[index]
        ("delete an item of a collection", lambda: ds.documents.__delitem__(doc.id)),  # type: ignore[attr-defined]
        ("append to a collection", lambda: ds.signatures.append(None)),  # type: ignore[attr-defined]
        ("append to ids", lambda: ds.campaigns.ids.append("x")),  # type: ignore[attr-defined]
        ("add to signatories", lambda: ds.signatories("mayoral-pledge-2024").add(org)),  # type: ignore[attr-defined]
        ("clear signatories", lambda: ds.signatories("mayoral-pledge-2024").clear()),  # type: ignore[attr-defined]
        ("set an item of signatures_of", lambda: ds.signatures_of(campaign).__setitem__(0, None)),  # type: ignore[operator]
        ("append to statistics_of", lambda: ds.statistics_of(doc).append(stat)),  # type: ignore[attr-defined]
        ("set an overlap field", lambda: setattr(ds.overlap()[0], "both", 0)),
        ("add to signed_all", lambda: ds.signed_all(*ds.campaigns.ids).add(org)),  # type: ignore[attr-defined]
    ]


ATTEMPT_NAMES = [name for name, _ in _attempts(modslavery.load())]


@pytest.mark.parametrize("index", range(len(ATTEMPT_NAMES)), ids=ATTEMPT_NAMES)
def test_mutation_is_refused(cached: modslavery.Dataset, index: int) -> None:
    _, attempt = _attempts(cached)[index]
    with pytest.raises((AttributeError, TypeError)):
        attempt()


def test_class_patching_is_noticed_by_the_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    """The snapshot comparison is not vacuous: a change that does get through is detected."""
    ds = modslavery.load()
    before = _snapshot(ds)
    records_class = type(ds.documents)
    monkeypatch.setattr(records_class, "ids", property(lambda records: tuple(reversed(list(records._by_id)))))
    assert _snapshot(ds) != before
    monkeypatch.undo()
    assert _snapshot(ds) == before


def test_search_returns_a_fresh_list(cached: modslavery.Dataset) -> None:
    """search() returns a list: changing it changes nothing for the next caller."""
    hits = cached.organisations.search("trafficking")
    expected = list(hits)
    hits.clear()
    hits.append((cached.organisations.lookup("Unseen"), 1.0))
    assert cached.organisations.search("trafficking") == expected


def test_filter_results_are_read_only_collections(cached: modslavery.Dataset) -> None:
    result = cached.statistics.filter(unit="people")
    assert isinstance(result, modslavery.Statistics)
    with pytest.raises(AttributeError):
        result.append(None)  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        result._items = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        result[0] = None  # type: ignore[index]


def test_evolve_makes_a_copy(cached: modslavery.Dataset) -> None:
    """attrs.evolve, the supported way to derive a changed record, leaves the cached one alone."""
    org = cached.organisations.lookup("Unseen")
    changed = attrs.evolve(org, name="Someone else")
    assert changed.name == "Someone else"
    assert cached.organisations.lookup("Unseen").name == "Unseen UK"


def test_module_attribute_assignment_does_not_reach_load(cached: modslavery.Dataset, monkeypatch) -> None:
    """Rebinding modslavery.documents changes a module name, not the cached data set."""
    monkeypatch.setattr(modslavery, "documents", (), raising=False)
    assert modslavery.documents == ()
    assert len(modslavery.load().documents) == 5


def test_records_are_hashable_and_equal_by_value(cached: modslavery.Dataset) -> None:
    """Frozen records hash by value (organisations by id), so they are safe in sets and as keys."""
    doc = cached.documents[cached.documents.ids[0]]
    assert hash(doc) == hash(attrs.evolve(doc))
    org = cached.organisations.lookup("Unseen")
    assert attrs.evolve(org, name="x") == org
    assert isinstance(org, Organisation)
    assert hash(PartialDate(2024, 1)) == hash(PartialDate(2024, 1))


def _slots(obj: object) -> list[str]:
    """Every slot an object's class and its bases declare (private state included)."""
    names = []
    for cls in type(obj).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        names.extend([slots] if isinstance(slots, str) else slots)
    return [name for name in names if name not in {"__weakref__", "__dict__"}]


def _holders(ds: modslavery.Dataset) -> list[object]:
    """The data set, each of its collections, a signatory set, an overlap, and one record of every kind."""
    collections = [getattr(ds, attribute) for _, attribute, _ in FILES]
    records = [next(iter(collection)) for collection in collections]
    return [ds, *collections, ds.signatories("mayoral-pledge-2024"), ds.overlap()[0], *records]


def test_no_slot_of_any_holder_can_be_deleted(cached: modslavery.Dataset) -> None:
    """``del`` of any attribute, private ones too, is refused as assignment is (#19); load() is unharmed."""
    holders = _holders(cached)
    kinds = {type(holder).__name__ for holder in holders}
    assert {"Dataset", "Records", "Statistics", "Organisations", "OrganisationSet", "Overlap"} <= kinds
    tried = 0
    for holder in holders:
        slots = _slots(holder)
        assert slots, type(holder).__name__
        for name in slots:
            before = getattr(holder, name)
            with pytest.raises(AttributeError):
                delattr(holder, name)
            assert getattr(holder, name) is before, f"{type(holder).__name__}.{name}"
            tried += 1
    assert tried > 50  # every slot of every holder, not a handful
    assert modslavery.load() is cached
