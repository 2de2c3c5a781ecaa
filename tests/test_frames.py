"""pandas frames behind the optional extra, and HTML tables for notebooks (issue #6)."""

from __future__ import annotations

import subprocess
import sys

import attrs
import pandas as pd
import pytest

import modslavery
from modslavery import frames
from modslavery.export._tables import TABLES
from modslavery.models import Mention, Signature


class TestToDataframe:
    def test_signatures_columns_and_values(self, ds):
        df = frames.to_dataframe(ds.signatures)
        assert list(df.columns) == [f.name for f in attrs.fields(Signature)]
        assert len(df) == len(ds.signatures)
        assert df["position"].dtype == "Int64"
        first = df.iloc[0]
        sig = next(iter(ds.signatures))
        assert (first["id"], first["organisation_id"], first["position"]) == (sig.id, sig.organisation_id, sig.position)

    def test_groupby_answers_like_the_api(self, ds):
        df = frames.to_dataframe(ds.signatures)
        per_campaign = df.groupby("campaign_id")["organisation_id"].apply(set).to_dict()
        assert per_campaign["mayoral-pledge-2024"] & per_campaign["general-election-statement"] == {
            o.id for o in ds.signed_all("mayoral-pledge-2024", "general-election-statement")
        }

    def test_statistics_flattened_with_missing_values(self, ds):
        df = frames.to_dataframe(ds.statistics).set_index("id")
        assert df.loc["pledge-mayoral-2024-s02", "value"] == 17004
        assert df.loc["pledge-mayoral-2024-s02", "period_start"] == "2023"
        assert pd.isna(df.loc["op-ed-stroud-s01", "period_start"])  # the op-ed gives no period
        assert df["value"].sum() == sum(s.value for s in ds.statistics)

    def test_tuple_fields_kept_as_tuples(self, ds):
        df = frames.to_dataframe(ds.organisations).set_index("id")
        for org in ds.organisations:
            assert df.loc[org.id, "aliases"] == org.aliases
            assert df.loc[org.id, "acronyms"] == org.acronyms

    def test_a_plain_iterable_of_records(self, ds):
        df = frames.to_dataframe(ds.signatures_of("mayoral-pledge-2024"))
        assert df["name_as_written"].tolist() == [s.name_as_written for s in ds.signatures_of("mayoral-pledge-2024")]

    def test_every_collection(self, ds):
        for _, attribute, _ in modslavery.dataset.FILES:
            assert len(frames.to_dataframe(getattr(ds, attribute))) == len(getattr(ds, attribute))

    def test_mixed_records_are_refused(self, ds):
        with pytest.raises(TypeError, match="one kind"):
            frames.to_dataframe([*list(ds.signatures)[:1], *list(ds.campaigns)[:1]])

    def test_every_table(self, ds):
        all_frames = frames.tables()
        assert list(all_frames) == [t.name for t in TABLES]
        aliases = frames.table("organisation_aliases")
        assert aliases.to_numpy().tolist() == [
            [o.id, i, a] for o in ds.organisations for i, a in enumerate(o.aliases, 1)
        ]


PROBE = """
import sys
sys.modules["pandas"] = None  # pandas is not installed
import modslavery
from modslavery import frames
assert "pandas" not in [m for m in sys.modules if sys.modules[m] is not None]
try:
    frames.to_dataframe(modslavery.load().campaigns)
except ImportError as error:
    print(type(error).__name__, "|", error)
"""


def test_without_pandas_import_works_and_a_frame_says_how_to_install():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == (
        'PandasMissing | DataFrames need pandas, which is not installed: pip install "modslavery[pandas]"'
    )


def test_without_pandas_in_process(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r'pip install "modslavery\[pandas\]"'):
        frames.table("signatures")


def test_importing_frames_does_not_import_pandas():
    code = "import sys, modslavery.frames; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


class TestHTML:
    def test_record_markup_is_escaped(self):
        quote = '<script>alert("x")</script>'
        mention = Mention(id="m-1", document_id="d-1", quote=quote, start=0, end=len(quote), organisation_id="o-1")
        html = mention._repr_html_()
        assert "<script>" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html

    def test_collection_markup_is_escaped(self):
        from modslavery._records import Records

        quote = "<script>evil()</script> & more"
        coll = Records(
            [Mention(id="m-1", document_id="d-1", quote=quote, start=0, end=len(quote), entity_id="e-1")],
            kind="mention",
        )
        html = coll._repr_html_()
        assert "<script>" not in html
        assert "&lt;script&gt;evil()&lt;/script&gt; &amp; more" in html

    def test_collection_table_has_a_row_per_record_up_to_the_limit(self, ds):
        html = ds.signatures._repr_html_()
        assert html.count("<tr>") == 1 + 20
        assert "114 signature record(s), the first 20 shown" in html
        assert ds.campaigns._repr_html_().count("<tr>") == 1 + len(ds.campaigns)

    def test_record_shows_every_field(self, ds):
        stat = ds.statistics["pledge-mayoral-2024-s02"]
        html = stat._repr_html_()
        for field in attrs.fields(type(stat)):
            assert f"<th>{field.name}</th>" in html
        assert "17004" in html

    def test_long_text_is_folded(self, ds):
        """A document shows its whole text with its statistics marked, the part past the fold in <details> (#21)."""
        doc = ds.documents["op-ed-stroud"]
        html = doc._repr_html_()
        shown, folded = html.split("<details>")
        assert f"{len(doc.text):,} characters" in shown
        assert "characters</summary>" in folded
        assert html.count("data-statistic-id=") >= len(ds.statistics_of(doc))


class TestEmptyAndOrdered:
    """Issue #20: empty results give empty frames shaped like full ones; sets give rows in id order."""

    @pytest.mark.parametrize(
        "query",
        [
            lambda ds: ds.statistics.filter(year=1800),
            lambda ds: ds.series("government-funding", geography="europe"),
            lambda ds: ds.statistics_of("joint-statement-general-election"),
            lambda ds: ds.campaigns_signed_by("Centre for Social Justice"),
            lambda ds: ds.signed_exactly(3),
            lambda ds: ds.signatures[:0],
            lambda ds: ds.mentions[:0],
            lambda ds: ds.entities[:0],
        ],
    )
    def test_an_empty_result_has_the_columns_and_dtypes_of_a_full_one(self, ds, query):
        result = query(ds)
        assert len(result) == 0
        empty = frames.to_dataframe(result)
        full = frames.to_dataframe(
            next(getattr(ds, a) for _, a, model in modslavery.dataset.FILES if _kind(result, model))
        )
        assert len(empty) == 0
        assert list(empty.columns) == list(full.columns)
        assert list(empty.dtypes) == list(full.dtypes)

    def test_a_plain_empty_iterable_is_still_refused(self):
        with pytest.raises(TypeError, match="cannot tell the kind of an empty iterable"):
            frames.to_dataframe([])

    def test_a_set_gives_rows_in_id_order(self, ds):
        mayoral = set(ds.signatories("mayoral-pledge-2024"))
        assert frames.to_dataframe(mayoral)["id"].tolist() == sorted(o.id for o in mayoral)
        assert frames.to_dataframe(frozenset(ds.statistics))["id"].tolist() == sorted(ds.statistics.ids)

    def test_an_unknown_table_lists_the_tables(self):
        with pytest.raises(modslavery.NotFound) as info:
            frames.table("nope")
        message = str(info.value)
        assert message.startswith("no table 'nope'; tables are: documents, ")
        for table in TABLES:
            assert table.name in message


def _kind(result, model) -> bool:
    """Whether *result* (empty) holds records of *model*: by the collection it came from."""
    if isinstance(result, modslavery.OrganisationSet):
        return model is modslavery.Organisation
    return result._kind == model.__name__.lower()
