"""Notebook views (#21): a document's text with its statistics marked, a statistic's quote marked in its sentence."""

from __future__ import annotations

import gc
import json
import re

import attrs

import modslavery
from marked import read_page
from modslavery._notebook import FOLD, sentence_bounds


def text_blocks(markup: str) -> str:
    """The text of the view's ``ms-text`` blocks (the document's text), folded part included."""
    return "".join(
        read_page(block).text for block in re.findall(r'<div class="ms-text">(.*?)</div>', markup, re.DOTALL)
    )


class TestDocument:
    def test_every_statistic_is_marked_with_exactly_its_span(self, ds):
        for document in ds.documents:
            view = read_page(document._repr_html_())
            expected = {s.id: document.text[s.start : s.end] for s in ds.statistics if s.document_id == document.id}
            assert view.marks["statistic"] == expected
            assert view.marks["mention"] == {}  # only statistics in the notebook

    def test_the_whole_text_is_shown_and_a_long_one_folded(self, ds):
        for document in ds.documents:
            markup = document._repr_html_()
            assert text_blocks(markup) == document.text
            shown = markup.split("<details>")[0]
            assert len(text_blocks(shown + "</div>")) <= FOLD + FOLD // 3
            assert "<details>" in markup  # every bundled text is longer than the fold

    def test_a_short_text_is_not_folded(self, hostile_ds):
        document = hostile_ds.documents["hostile"]
        markup = document._repr_html_()
        assert "<details>" not in markup
        assert text_blocks(markup) == document.text
        view = read_page(markup)
        assert view.marks["statistic"] == {"hostile-s01": "over 3,800 people"}
        assert {tag for tag, _ in view.elements}.isdisjoint({"script", "b", "img"})

    def test_a_document_of_no_loaded_data_set_shows_its_text_unmarked(self, ds):
        changed = attrs.evolve(ds.documents["op-ed-stroud"], title="Edited")
        markup = changed._repr_html_()
        assert "no loaded data set holds this document" in markup
        assert "<mark" not in markup
        assert text_blocks(markup) == changed.text

    def test_the_newest_data_set_holding_the_document_gives_its_statistics(self, ds):
        document = ds.documents["news-jstac-launch"]
        everything = len(ds.statistics_of(document))
        parts = modslavery.Parts(
            **{name: tuple(getattr(ds, name)) for name in ("documents", "measures", "organisations", "campaigns")},
            **{name: tuple(getattr(ds, name)) for name in ("signatures", "entities", "mentions", "judgements")},
            exclusions=tuple(ds.exclusions),
            statistics=tuple(s for s in ds.statistics if s.id != "news-jstac-launch-s03"),
        )
        fewer = modslavery.Dataset(parts)
        assert document._repr_html_().count("data-statistic-id=") == everything - 1
        del fewer
        gc.collect()  # data sets are remembered weakly: once freed, the older one is used again
        assert document._repr_html_().count("data-statistic-id=") == everything

    def test_a_record_is_shown_through_the_data_set_that_holds_it(self, ds, data_dir):
        """A newer data set with an equal document (read from a copy) does not change what the original shows."""
        statistics = json.loads((data_dir / "statistics.json").read_text(encoding="utf-8"))
        kept = [s for s in statistics if s["id"] != "news-jstac-launch-s03"]
        (data_dir / "statistics.json").write_text(json.dumps(kept), encoding="utf-8")
        copy = modslavery.Dataset.from_directory(data_dir)
        everything = len(ds.statistics_of("news-jstac-launch"))
        assert copy.documents["news-jstac-launch"] == ds.documents["news-jstac-launch"]
        assert copy.documents["news-jstac-launch"]._repr_html_().count("data-statistic-id=") == everything - 1
        assert ds.documents["news-jstac-launch"]._repr_html_().count("data-statistic-id=") == everything


class TestStatistic:
    def test_the_quote_is_marked_inside_its_sentence(self, ds):
        stat = ds.statistics["pledge-mayoral-2024-s02"]
        markup = stat._repr_html_()
        view = read_page(markup)
        assert view.marks["statistic"] == {stat.id: stat.quote}
        sentence = read_page(re.search(r"<blockquote.*?</blockquote>", markup, re.DOTALL).group(0)).text
        assert sentence.startswith("In 2023, 17,004")
        assert sentence.endswith("modern slavery in the UK.")
        assert sentence in ds.documents[stat.document_id].text
        assert "<th>measure_id</th>" in markup  # the fields follow

    def test_every_statistic_stands_in_a_passage_of_its_document(self, ds):
        for stat in ds.statistics:
            markup = stat._repr_html_()
            assert read_page(markup).marks["statistic"] == {stat.id: stat.quote}
            passage = read_page(re.search(r"<blockquote.*?</blockquote>", markup, re.DOTALL).group(0)).text
            assert passage.strip("… ") in ds.documents[stat.document_id].text
            assert stat.quote in passage

    def test_a_statistic_without_its_document_shows_its_quote(self, ds):
        stat = attrs.evolve(ds.statistics["op-ed-stroud-s02"], document_id="nowhere")
        view = read_page(stat._repr_html_())
        assert view.marks["statistic"] == {stat.id: stat.quote}
        assert "no loaded data set holds its document" in view.text

    def test_markup_in_a_quote_is_text(self, hostile_ds):
        view = read_page(hostile_ds.statistics["hostile-s01"]._repr_html_())
        assert {tag for tag, _ in view.elements}.isdisjoint({"script", "b", "img"})
        assert '<script>alert("x")</script>' in view.text


class TestSentenceBounds:
    def test_stops_at_sentence_ends_and_line_breaks(self):
        text = "One. Two has 5 people! Three\nFour"
        start = text.index("5 people")
        a, b, cut_before, cut_after = sentence_bounds(text, start, start + 8)
        assert text[a:b] == "Two has 5 people!"
        assert (cut_before, cut_after) == (False, False)

    def test_a_long_sentence_is_cut_and_says_so(self):
        text = "word " * 200 + "5 people " + "word " * 200
        start = text.index("5 people")
        a, b, cut_before, cut_after = sentence_bounds(text, start, start + 8, reach=50)
        assert (start - a, b - start - 8) == (50, 50)
        assert cut_before and cut_after
