"""modslavery.plot: the figures show what the data say, computed here independently of the plotting code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import modslavery
from modslavery import plot
from repo_scripts import import_script

ROOT = Path(__file__).resolve().parent.parent
GE = "general-election-statement"
MAYORAL = "mayoral-pledge-2024"


@pytest.fixture(scope="module")
def ds():
    return modslavery.load()


def signers_by_campaign(ds):
    """Organisation ids per campaign, straight from the signature records."""
    signers: dict[str, set[str]] = {}
    for sig in ds.signatures:
        signers.setdefault(sig.campaign_id, set()).add(sig.organisation_id)
    return signers


def bar_heights(ax):
    return [round(float(p.get_height()), 6) for p in ax.patches]


def all_text(fig):
    return "\n".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))


class TestSignatoryOverlap:
    def test_bars_count_only_first_only_second_both(self, ds):
        """The three bars are the two differences and the intersection of the signatory lists."""
        signers = signers_by_campaign(ds)
        ge, mayoral = signers[GE], signers[MAYORAL]
        fig = plot.signatory_overlap()
        assert bar_heights(fig.axes[0]) == [len(ge - mayoral), len(mayoral - ge), len(ge & mayoral)]

    def test_pinned_counts(self):
        """59 and 55 signatories, 27 in both (counted by hand from the two lists in sources/)."""
        fig = plot.signatory_overlap()
        assert bar_heights(fig.axes[0]) == [32, 28, 27]
        assert [t.get_text() for t in fig.axes[0].texts] == ["32", "28", "27"]

    def test_campaign_order_follows_argument(self, ds):
        signers = signers_by_campaign(ds)
        fig = plot.signatory_overlap([MAYORAL, GE])
        only_mayoral = len(signers[MAYORAL] - signers[GE])
        assert bar_heights(fig.axes[0])[0] == only_mayoral

    def test_rows_name_each_campaign_with_its_total(self, ds):
        signers = signers_by_campaign(ds)
        fig = plot.signatory_overlap()
        labels = [" ".join(t.get_text().split()) for t in fig.axes[1].get_yticklabels()]
        marked = {"stated": "", "editorial": " [editorial title]"}
        expected = [
            f"{ds.campaigns[c].title}{marked[ds.campaigns[c].title_basis.value]} ({len(signers[c])} signatories)"
            for c in (GE, MAYORAL)
        ]
        assert labels == expected
        assert "[editorial title]" in labels[0]  # the joint statement's title is ours

    def test_filled_dots_mark_each_bars_campaigns(self):
        """Black dots: bar 0 on row 0, bar 1 on row 1, bar 2 on both rows."""
        fig = plot.signatory_overlap()
        filled = set()
        for collection in fig.axes[1].collections:
            if tuple(collection.get_facecolor()[0][:3]) == (0.0, 0.0, 0.0):
                filled.update((round(x), round(y)) for x, y in collection.get_offsets())
        assert filled == {(0, 0), (1, 1), (2, 0), (2, 1)}

    def test_cites_the_source_documents(self, ds):
        text = all_text(plot.signatory_overlap())
        for campaign in ds.campaigns:
            assert ds.documents[campaign.document_id].title in text
        assert modslavery.__data_version__ in text

    def test_axes_are_labelled(self):
        fig = plot.signatory_overlap()
        assert fig.axes[0].get_ylabel() == "organisations"
        assert "filled dots" in fig.axes[1].get_xlabel()

    def test_unknown_campaign(self):
        with pytest.raises(modslavery.NotFound):
            plot.signatory_overlap(["no-such-campaign", GE])

    def test_a_data_set_of_ones_own(self, tmp_path):
        """A user's data set is plotted and cited by where it came from, not as the bundled data."""
        modslavery.export_json(tmp_path)
        mine = modslavery.Dataset.from_directory(tmp_path)
        text = all_text(plot.signatory_overlap(ds=mine))
        assert str(tmp_path) in text
        assert "bundled" not in text

    def test_png_renders(self, tmp_path):
        path = tmp_path / "overlap.png"
        plot.signatory_overlap().savefig(path)
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


class TestStatisticSeries:
    def nrm(self, ds):
        """The NRM referral statistics, found and ordered here without the library's series()."""
        found = [s for s in ds.statistics if s.measure_id == "nrm-referrals"]
        return sorted(found, key=lambda s: s.period.start.year)

    def test_bars_are_the_stated_values_in_period_order(self, ds):
        fig = plot.statistic_series("nrm-referrals")
        assert bar_heights(fig.axes[0]) == [s.value for s in self.nrm(ds)]

    def test_values_are_in_the_source_texts(self, ds):
        """3,800 (qualified "over") in 2016 and 17,004 in 2023, as the two texts put them."""
        fig = plot.statistic_series("nrm-referrals")
        assert bar_heights(fig.axes[0]) == [3800, 17004]
        news = ds.documents["news-jstac-launch"].text
        pledge = ds.documents["pledge-mayoral-2024"].text
        assert "over 3,800 potential victims" in news
        assert "In 2023, 17,004 potential" in pledge

    def test_labels_keep_the_qualifier(self):
        fig = plot.statistic_series("nrm-referrals")
        assert [t.get_text() for t in fig.axes[0].texts] == ["more than 3,800", "17,004"]

    def test_a_lower_bound_looks_different_and_points_up(self):
        fig = plot.statistic_series("nrm-referrals")
        lower, exact = fig.axes[0].patches[:2]
        assert lower.get_hatch() == "//"
        assert not exact.get_hatch()
        lower_label, exact_label = fig.axes[0].texts
        assert lower_label.arrow_patch is not None
        assert exact_label.arrow_patch is None
        (x0, y0), (x1, y1) = lower_label.xy, lower_label.xyann
        assert x0 == x1
        assert y1 > y0  # the label (and arrow head) stand above the bar: the true value is higher
        legend = [t.get_text() for t in fig.legends[0].get_texts()]
        assert legend == ["exact figure", "lower bound: the true value is higher"]

    def test_an_upper_bound_points_down(self, ds):
        [share] = [s for s in ds.statistics if s.measure_id == "offences-charged-share"]
        assert share.qualifier is modslavery.Qualifier.LESS_THAN
        fig = plot.statistic_series("offences-charged-share")
        [label] = fig.axes[0].texts
        assert label.get_text() == "less than 1%"
        assert label.xy[1] < share.value  # the arrow points into the bar
        legend = [t.get_text() for t in fig.legends[0].get_texts()]
        assert legend == ["upper bound: the true value is lower"]

    def test_axes_title_and_ticks(self, ds):
        fig = plot.statistic_series("nrm-referrals")
        ax = fig.axes[0]
        assert fig.get_suptitle() == ds.measures["nrm-referrals"].label
        assert ax.get_title() == "United Kingdom"  # both figures are the UK's, and the panel says so
        assert ax.get_ylabel() == "number of people"
        ticks = [t.get_text() for t in ax.get_xticklabels()]
        assert ticks == ["2016\nnews-jstac-launch", "2023\npledge-mayoral-2024"]

    def test_cites_documents_and_speaker(self, ds):
        text = all_text(plot.statistic_series("nrm-referrals"))
        for stat in self.nrm(ds):
            assert ds.documents[stat.document_id].title in text
        assert "quoting Amber Rudd" in text
        assert "2024-04-10" in text

    def test_mixed_units_need_a_unit(self, ds):
        with pytest.raises(ValueError, match="mixes units"):
            plot.statistic_series("government-funding")
        gbp = [s.value for s in ds.statistics if s.measure_id == "government-funding" and s.unit.value == "GBP"]
        fig = plot.statistic_series("government-funding", unit="GBP")
        assert sorted(h for ax in fig.axes for h in bar_heights(ax)) == sorted(gbp)
        # the news report's UK figure and the blog's, which names no area, are not drawn on one axis
        assert [ax.get_title() for ax in fig.axes] == ["United Kingdom", "area not stated"]
        assert [[t.get_text() for t in ax.texts] for ax in fig.axes] == [["£1,000,000"], ["more than £2,000,000"]]

    def test_measure_record_accepted(self, ds):
        fig = plot.statistic_series(ds.measures["nrm-referrals"])
        assert bar_heights(fig.axes[0]) == [3800, 17004]

    def test_unknown_measure(self):
        with pytest.raises(modslavery.NotFound):
            plot.statistic_series("no-such-measure")


class TestOptionalDependency:
    def test_importing_does_not_import_matplotlib(self):
        code = "import sys, modslavery, modslavery.plot; print(sorted(m for m in sys.modules if m.startswith('matplotlib')))"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert out.strip() == "[]"

    def test_missing_matplotlib_names_the_extra(self, monkeypatch):
        for name in list(sys.modules):
            if name == "matplotlib" or name.startswith("matplotlib."):
                monkeypatch.delitem(sys.modules, name)
        monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes "import matplotlib" raise ImportError
        with pytest.raises(ImportError, match=r'pip install "modslavery\[plot\]"') as info:
            plot.statistic_series()
        assert info.value.name == "matplotlib"
        with pytest.raises(ImportError, match=r"modslavery\.plot needs matplotlib"):
            plot.signatory_overlap()

    def test_plot_extra_declares_matplotlib(self):
        text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        assert re.search(r'^plot = \[.*"matplotlib', text, re.MULTILINE)
        assert plot.INSTALL_HINT == 'pip install "modslavery[plot]"'


class TestMakeFigures:
    def test_writes_every_figure(self, tmp_path):
        module = import_script("scripts/make_figures.py", "make_figures")
        assert module.main(["--out", str(tmp_path), "--dpi", "40"]) == 0
        written = sorted(p.name for p in tmp_path.iterdir())
        assert written == ["nrm-referrals.png", "signatory-overlap.png"]
        for path in tmp_path.iterdir():
            assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    def test_committed_images_are_the_scripts_figures(self):
        """docs/img holds exactly the images the scripts draw (the figures, and the HTML export's screenshot, #21)."""
        module = import_script("scripts/make_figures.py", "make_figures")
        screenshot = import_script("scripts/screenshot_evidence.py", "screenshot")
        committed = sorted(p.name for p in (ROOT / "docs" / "img").glob("*.png"))
        assert committed == sorted([*module.FIGURES, screenshot.IMAGE])


def test_source_lines_mark_editorial_titles_and_inferred_dates(ds) -> None:
    """A title we wrote is never put in quotes as if the source said it; an inferred date says so."""
    from modslavery.plot import _document_label

    for doc in ds.documents:
        label = _document_label(doc)
        if doc.title_basis.value == "stated":
            assert f"\u201c{doc.title}\u201d" in label
        else:
            assert "\u201c" not in label
            assert f"{doc.title} [editorial title]" in label
        if doc.published is not None and doc.published.basis.value == "inferred":
            assert label.endswith("(inferred)")
    assert _document_label(ds.documents["op-ed-stroud"]).endswith("2015 or later (inferred)")


class TestHonestSeries:
    """Issue #20: no silent mix of areas, no figure drawn twice, each source cited once."""

    def test_areas_get_panels_of_their_own(self, ds):
        """The op-ed's 45 million worldwide and 12,000 in the UK are in two panels, each named."""
        fig = plot.statistic_series("people-in-modern-slavery")
        by_area = {}
        for stat in ds.statistics:
            if stat.measure_id == "people-in-modern-slavery":
                by_area.setdefault(stat.geography.value, []).append(stat.value)
        assert by_area == {"worldwide": [45000000], "united_kingdom": [12000]}
        assert [ax.get_title() for ax in fig.axes] == ["Worldwide", "United Kingdom"]
        assert [bar_heights(ax) for ax in fig.axes] == [[45000000], [12000]]

    def test_a_figure_stated_twice_is_one_bar_citing_both(self, ds):
        """The news report gives "108 different countries" twice; the chart draws 108 once and cites both quotes."""
        text = ds.documents["news-jstac-launch"].text
        assert text.count("108 different countries") == 2
        stated = [s for s in ds.statistics if s.measure_id == "nrm-referral-countries"]
        assert [s.value for s in stated] == [108, 108]
        fig = plot.statistic_series("nrm-referral-countries")
        assert [bar_heights(ax) for ax in fig.axes] == [[108]]
        cited = all_text(fig)
        for stat in stated:
            assert stat.id in cited
        assert "stated 2 times" in cited

    def test_each_source_is_cited_once(self, ds):
        for measure in ("people-in-modern-slavery", "nrm-referral-countries", "nrm-referrals"):
            fig = plot.statistic_series(measure)
            [source_line] = [t.get_text() for t in fig.texts if t.get_text().startswith("Sources:")]
            flat = " ".join(source_line.split())
            for document_id in {s.document_id for s in ds.statistics if s.measure_id == measure}:
                assert flat.count(f"({document_id})") == 1, (measure, document_id)

    def test_every_statistic_is_drawn(self, ds):
        """Merging never loses a figure: each distinct figure of each measure has its bar."""
        for measure in ds.measures:
            units = {s.unit for s in ds.statistics if s.measure_id == measure.id}
            for unit in units:
                fig = plot.statistic_series(measure, unit=unit)
                drawn = sorted(h for ax in fig.axes for h in bar_heights(ax))
                expected = {
                    (s.document_id, s.geography, s.value, s.period.start if s.period else None)
                    for s in ds.statistics
                    if s.measure_id == measure.id and s.unit is unit
                }
                assert drawn == sorted(float(value) for _, _, value, _ in expected), measure.id
