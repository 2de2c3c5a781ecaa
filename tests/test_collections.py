"""Collections are sequences indexed by id, and queries return collections (issue #20)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

import modslavery
from modslavery import Records, Statistics


class TestSequence:
    def test_positions_and_slices_follow_the_data_files(self, ds) -> None:
        documents = list(ds.documents)  # iteration is the source order
        assert ds.documents[0] is documents[0]
        assert ds.documents[-1] is documents[-1]
        assert ds.documents[2] is documents[2]
        assert list(ds.documents[1:3]) == documents[1:3]
        assert list(ds.documents[::-1]) == documents[::-1]
        assert list(reversed(ds.documents)) == documents[::-1]
        assert ds.documents.index(documents[3]) == 3
        assert ds.documents.count(documents[3]) == 1

    def test_a_slice_is_a_collection_of_the_same_kind(self, ds) -> None:
        some = ds.statistics[:3]
        assert isinstance(some, Statistics)
        assert some["op-ed-stroud-s01"] is ds.statistics["op-ed-stroud-s01"]
        assert isinstance(ds.campaigns[:1], Records)
        assert ds.campaigns[:1].ids == ("general-election-statement",)

    def test_is_a_sequence_at_run_time(self, ds) -> None:
        assert isinstance(ds.documents, Sequence)
        assert isinstance(ds.statistics.filter(year=2016), Sequence)

    def test_a_position_out_of_range(self, ds) -> None:
        with pytest.raises(IndexError, match="no document at position 5: there are 5"):
            ds.documents[5]

    @pytest.mark.parametrize("key", [True, None, 1.0, ["op-ed-stroud"]])
    def test_neither_an_id_nor_a_position(self, ds, key) -> None:
        with pytest.raises(modslavery.NotFound, match="takes an id"):
            ds.documents[key]

    def test_equal_to_a_tuple_of_the_same_records(self, ds) -> None:
        assert ds.documents == tuple(ds.documents)
        assert ds.statistics.filter(year=1800) == ()
        assert hash(ds.documents) == hash(tuple(ds.documents))
        assert ds.documents[:2] != tuple(ds.documents)
        assert ds.documents != list(ds.documents)  # like a tuple, not equal to a list


class TestQueriesReturnCollections:
    def test_filters_chain(self, ds) -> None:
        chained = ds.statistics.filter(unit="people").filter(geography="united_kingdom")
        direct = [s for s in ds.statistics if s.unit.value == "people" and s.geography is not None]
        assert list(chained) == [s for s in direct if s.geography.value == "united_kingdom"]
        assert isinstance(chained, Statistics)

    def test_relations(self, ds) -> None:
        assert isinstance(ds.statistics_of("news-jstac-launch"), Statistics)
        assert ds.statistics_of("news-jstac-launch").filter(speaker="amber-rudd").ids == (
            "news-jstac-launch-s06",
            "news-jstac-launch-s07",
        )
        assert isinstance(ds.signatures_of("mayoral-pledge-2024"), Records)
        assert ds.signatures_of("mayoral-pledge-2024")["mayoral-pledge-2024-01"].name_as_written == "A21 UK"
        assert isinstance(ds.mentions_in("news-jstac-launch"), Records)
        assert ds.documents_mentioning("Modern Slavery Act 2015").ids == ("op-ed-stroud", "pledge-mayoral-2024")
        assert ds.campaigns_signed_by("Centre for Social Justice") == ()
        assert isinstance(ds.campaigns_signed_by("Centre for Social Justice"), Records)

    def test_empty_results_say_what_they_are(self, ds) -> None:
        assert repr(ds.statistics.filter(year=1800)) == "<Statistics of 0 statistic records>"


class TestDatasetHTML:
    def test_collections_counts_and_version(self, ds) -> None:
        html = ds._repr_html_()
        assert modslavery.__data_version__ in html
        for _, attribute, _ in modslavery.dataset.FILES:
            collection = getattr(ds, attribute)
            assert f"<td>{attribute}</td><td>{type(collection).__name__}</td><td>{len(collection)}</td>" in html

    def test_a_data_set_of_ones_own_has_no_known_version(self, tmp_path) -> None:
        modslavery.export_json(tmp_path)
        html = modslavery.Dataset.from_directory(tmp_path)._repr_html_()
        assert "data version unknown" in html
        assert modslavery.__data_version__ not in html
        assert str(tmp_path) in html
