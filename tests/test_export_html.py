"""The HTML export (#21): a self-contained site where every record is marked in its sentence, checked with a parser."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import modslavery
from marked import KINDS, read_page, wcag_contrast
from modslavery.cli import main
from modslavery.export.html import export_html
from repo_scripts import import_script


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    export_html(folder)
    return folder


@pytest.fixture(scope="module")
def synthetic_ds(tmp_path_factory: pytest.TempPathFactory) -> modslavery.Dataset:
    folder = tmp_path_factory.mktemp("synthetic")
    import_script("benchmarks/synthetic.py", "synthetic").write(folder, 3, seed=21)
    return modslavery.Dataset.from_directory(folder)


def pages(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.html"))}


def spans_by_kind(ds: modslavery.Dataset) -> dict[str, dict[str, tuple[str, str]]]:
    """Each record's document and the text of its span, read from the data set (not from the site)."""
    text = {d.id: d.text for d in ds.documents}
    document_of_campaign = {c.id: c.document_id for c in ds.campaigns}
    out: dict[str, dict[str, tuple[str, str]]] = {kind: {} for kind in KINDS}
    for s in ds.statistics:
        out["statistic"][s.id] = (s.document_id, text[s.document_id][s.start : s.end])
    for g in ds.signatures:
        document = document_of_campaign[g.campaign_id]
        out["signature"][g.id] = (document, text[document][g.start : g.end])
    for m in ds.mentions:
        out["mention"][m.id] = (m.document_id, text[m.document_id][m.start : m.end])
    for x in ds.exclusions:
        out["exclusion"][x.id] = (x.document_id, text[x.document_id][x.start : x.end])
    return out


def check_marks(folder: Path, ds: modslavery.Dataset) -> int:
    """Every record of every kind is marked on its document's page, and the text of its marks is its span."""
    expected = spans_by_kind(ds)
    checked = 0
    for document in ds.documents:
        reader = read_page((folder / "documents" / f"{document.id}.html").read_text(encoding="utf-8"))
        for kind in KINDS:
            here = {ident: span for ident, (doc, span) in expected[kind].items() if doc == document.id}
            assert reader.marks[kind] == here, (document.id, kind)
            checked += len(here)
    assert checked == sum(len(v) for v in expected.values())
    return checked


class TestMarks:
    @pytest.mark.parametrize("kind", KINDS)
    def test_every_record_of_the_bundled_data_is_marked_with_exactly_its_span(self, site, ds, kind):
        expected = spans_by_kind(ds)[kind]
        assert expected
        found: dict[str, str] = {}
        for document in ds.documents:
            reader = read_page((site / "documents" / f"{document.id}.html").read_text(encoding="utf-8"))
            found.update(reader.marks[kind])
        assert found == {ident: span for ident, (_, span) in expected.items()}

    def test_synthetic_data_is_marked_with_exactly_its_spans(self, synthetic_ds, tmp_path):
        export_html(tmp_path, synthetic_ds)
        assert check_marks(tmp_path, synthetic_ds) > 300

    def test_the_text_of_a_document_page_is_the_document(self, site, ds):
        for document in ds.documents:
            markup = (site / "documents" / f"{document.id}.html").read_text(encoding="utf-8")
            block = re.search(r'<div class="ms-text">(.*?)</div>', markup, re.DOTALL).group(1)
            assert read_page(block).text == document.text

    def test_each_mark_shows_its_record_on_hover_and_keyboard_focus(self, site, ds):
        """The first element of each mark has a tab stop and an anchor; every element has the record in its title."""
        page = read_page((site / "documents" / "pledge-mayoral-2024.html").read_text(encoding="utf-8"))
        marks = [(tag, a) for tag, a in page.elements if tag == "mark"]
        assert all(a.get("title") for _, a in marks)
        stops = [a for _, a in marks if a.get("tabindex") == "0"]
        assert len(stops) == sum(len(v) for v in page.marks.values())
        titles = {a["id"]: a["title"] for a in stops}
        stat = ds.statistics["pledge-mayoral-2024-s02"]
        title = titles[f"statistic-{stat.id}"]
        for part in (
            "17,004",
            stat.unit.value,
            stat.qualifier.value,
            stat.period.label,
            ds.measures[stat.measure_id].label,
        ):
            assert part in title
        sig = ds.signatures_of("mayoral-pledge-2024")[0]
        assert ds.organisations[sig.organisation_id].name in titles[f"signature-{sig.id}"]
        exclusion = next(x for x in ds.exclusions if x.document_id == "pledge-mayoral-2024")
        assert exclusion.reason in titles[f"exclusion-{exclusion.id}"]
        css = (site / "style.css").read_text(encoding="utf-8")
        assert re.search(r"mark\.ms-mark:focus::after[^{]*\{[^}]*content: attr\(title\)", css)

    def test_a_speaker_is_named_in_the_mark(self, site, ds):
        stat = next(s for s in ds.statistics if s.speaker_id is not None)
        page = read_page((site / "documents" / f"{stat.document_id}.html").read_text(encoding="utf-8"))
        title = next(a["title"] for _, a in page.elements if a.get("id") == f"statistic-{stat.id}")
        assert f"speaker: {ds.entities[stat.speaker_id].name}" in title

    def test_each_document_page_has_a_legend_of_the_kinds_it_shows(self, site, ds):
        for document in ds.documents:
            markup = (site / "documents" / f"{document.id}.html").read_text(encoding="utf-8")
            legend = re.search(r'<ul class="ms-legend".*?</ul>', markup, re.DOTALL).group(0)
            for kind in KINDS:
                assert f'class="ms-{kind}"' in legend


class TestColours:
    def rules(self, css: str) -> list[tuple[str, dict[str, str]]]:
        found = []
        for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
            declarations = {
                name.strip(): value.strip() for name, value in (d.split(":", 1) for d in body.split(";") if ":" in d)
            }
            found.append((selector.strip(), declarations))
        return found

    def test_every_text_on_a_background_passes_wcag_aa(self, site):
        """Each rule that sets a background sets a text colour with a contrast of at least 4.5:1 to it."""
        rules = self.rules((site / "style.css").read_text(encoding="utf-8"))
        coloured = [(s, d) for s, d in rules if "background" in d]
        assert len(coloured) >= 6
        for selector, declarations in coloured:
            assert "color" in declarations, selector
            ratio = wcag_contrast(declarations["color"], declarations["background"])
            assert ratio >= 4.5, (selector, ratio)

    def test_links_and_muted_text_pass_on_the_page(self, site):
        rules = dict(self.rules((site / "style.css").read_text(encoding="utf-8")))
        page = rules["body"]["background"]
        for selector in ("body", "a"):
            assert wcag_contrast(rules[selector]["color"], page) >= 4.5, selector

    def test_the_kinds_have_distinct_colours_and_underlines(self, site):
        rules = dict(self.rules((site / "style.css").read_text(encoding="utf-8")))
        kinds = [rules[f"mark.ms-{k}, .ms-legend .ms-{k}"] for k in KINDS]
        assert len({k["background"] for k in kinds}) == 4
        assert len({k["border-bottom"].split()[1] for k in kinds}) == 4  # the style: not by colour alone

    def test_the_contrast_computation(self):
        assert wcag_contrast("#000000", "#ffffff") == pytest.approx(21.0)
        assert wcag_contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near miss


class TestPages:
    def test_every_page_parses_and_is_self_contained(self, site):
        """Complete documents, elements closed in order, unique ids, nothing fetched, no script."""
        for name, markup in pages(site).items():
            reader = read_page(markup)
            assert reader.doctype.lower() == "doctype html", name
            assert len(reader.ids) == len(set(reader.ids)), name
            for tag, attributes in reader.elements:
                assert tag not in {"script", "iframe", "img", "object"}, name
                for attribute in ("href", "src"):
                    value = attributes.get(attribute) or ""
                    assert "//" not in value, (name, value)
                    assert not re.match(r"^[a-z]+:", value), (name, value)
            assert not re.search(r"\son[a-z]+=", markup), name

    def test_every_link_leads_to_a_page_and_an_anchor_of_the_site(self, site):
        ids = {name: set(read_page(markup).ids) for name, markup in pages(site).items()}
        followed = 0
        for name, markup in pages(site).items():
            for tag, attributes in read_page(markup).elements:
                if tag not in {"a", "link"}:
                    continue
                target = urlsplit(attributes["href"])
                path = (site / name).parent / unquote(target.path) if target.path else site / name
                path = path.resolve()
                assert path.is_file(), (name, attributes["href"])
                assert site.resolve() in path.parents
                if target.fragment:
                    assert target.fragment in ids[path.relative_to(site.resolve()).as_posix()], attributes["href"]
                followed += 1
        assert followed > 1000

    def test_a_page_per_document_campaign_and_organisation(self, site, ds):
        names = set(pages(site))
        expected = {"index.html"}
        expected |= {f"documents/{i}.html" for i in ds.documents.ids}
        expected |= {f"campaigns/{i}.html" for i in ds.campaigns.ids}
        expected |= {f"organisations/{i}.html" for i in ds.organisations.ids}
        assert names == expected
        assert (site / "style.css").is_file()

    def test_the_index_lists_documents_campaigns_statistics_and_organisations(self, site, ds):
        reader = read_page((site / "index.html").read_text(encoding="utf-8"))
        hrefs = [a["href"] for tag, a in reader.elements if tag == "a"]
        assert {f"documents/{i}.html" for i in ds.documents.ids} <= set(hrefs)
        assert {f"campaigns/{i}.html" for i in ds.campaigns.ids} <= set(hrefs)
        assert {f"organisations/{i}.html" for i in ds.organisations.ids} <= set(hrefs)
        assert {f"documents/{s.document_id}.html#statistic-{s.id}" for s in ds.statistics} <= set(hrefs)

    def test_a_campaign_page_lists_its_signatories_in_source_order(self, site, ds):
        for campaign in ds.campaigns:
            reader = read_page((site / "campaigns" / f"{campaign.id}.html").read_text(encoding="utf-8"))
            linked = [a["href"] for tag, a in reader.elements if tag == "a"]
            in_order = [h for h in linked if h.startswith(f"../documents/{campaign.document_id}.html#signature-")]
            signatures = [s for s in ds.signatures if s.campaign_id == campaign.id]
            assert in_order == [f"../documents/{campaign.document_id}.html#signature-{s.id}" for s in signatures]
            for ask in campaign.asks:
                assert ask.text in reader.text

    def test_a_campaign_page_shows_the_overlap_with_the_other_campaign(self, site, ds):
        signed = {c: {s.organisation_id for s in ds.signatures if s.campaign_id == c} for c in ds.campaigns.ids}
        for a, b in (ds.campaigns.ids, reversed(ds.campaigns.ids)):
            markup = (site / "campaigns" / f"{a}.html").read_text(encoding="utf-8")
            both = signed[a] & signed[b]
            table = read_page(markup.split("<h3>With ")[1].split("</h3>")[1].split("</table>")[0] + "</table>")
            counts = [
                len(both),
                len(signed[a] - both),
                len(signed[b] - both),
                f"{len(both) / len(signed[a] | signed[b]):.3f}",
            ]
            assert table.text.endswith("".join(map(str, counts)))
            section = markup.split(f"Signed both ({len(both)}):")[1].split("</p>")[0]
            assert set(re.findall(r"organisations/([a-z0-9-]+)\.html", section)) == both
            alone = markup.split(f"Signed this campaign and no other ({len(signed[a] - signed[b])})")[1]
            assert set(re.findall(r"organisations/([a-z0-9-]+)\.html", alone.split("</p>")[0])) == signed[a] - signed[b]

    def test_overlap_sections_only_for_campaigns_that_share_signatories(self, synthetic_ds, tmp_path):
        """Many campaigns: a section per campaign sharing a signatory, counted independently; the rest in one line.

        (Three campaigns here, under the limit of twenty sections a page.)
        """
        export_html(tmp_path, synthetic_ds)
        signed: dict[str, set[str]] = {}
        for s in synthetic_ds.signatures:
            signed.setdefault(s.campaign_id, set()).add(s.organisation_id)
        for a in synthetic_ds.campaigns.ids:
            markup = (tmp_path / "campaigns" / f"{a}.html").read_text(encoding="utf-8")
            partners = [b for b in synthetic_ds.campaigns.ids if b != a and signed[a] & signed[b]]
            assert markup.count("<h3>With ") == len(partners)
            for b in partners:
                assert f"Signed both ({len(signed[a] & signed[b])}):" in markup
            apart = len(synthetic_ds.campaigns) - 1 - len(partners)
            assert (f"No signatory in common with {apart} other" in markup) == (apart > 0)

    def test_an_organisation_page_has_every_spelling_its_campaigns_and_judgements(self, site, ds):
        for org in ds.organisations:
            reader = read_page((site / "organisations" / f"{org.id}.html").read_text(encoding="utf-8"))
            for spelling in (*org.names, *(s.name_as_written for s in ds.signatures if s.organisation_id == org.id)):
                assert spelling in reader.text, (org.id, spelling)
            hrefs = {a["href"] for tag, a in reader.elements if tag == "a"}
            for campaign in ds.campaigns_signed_by(org):
                assert f"../campaigns/{campaign.id}.html" in hrefs
            for judgement in ds.judgements:
                if org.id in judgement.organisation_ids:
                    assert judgement.rationale in reader.text


class TestEscaping:
    def test_markup_in_the_data_is_shown_as_text(self, hostile_ds, tmp_path):
        export_html(tmp_path, hostile_ds)
        for name, markup in pages(tmp_path).items():
            reader = read_page(markup)
            assert {tag for tag, _ in reader.elements}.isdisjoint({"script", "img", "b", "i", "desc", "everyone"}), name
        document = read_page((tmp_path / "documents" / "hostile.html").read_text(encoding="utf-8"))
        assert '<script>alert("x")</script>' in document.text
        assert "<b>Org & Co</b>" in document.text
        assert check_marks(tmp_path, hostile_ds) == 5  # a statistic, a signature, two mentions, an exclusion
        organisation = read_page((tmp_path / "organisations" / "org-co.html").read_text(encoding="utf-8"))
        assert 'Org "&" Co' in organisation.text
        assert "<because>" in organisation.text


class TestDeterminism:
    def test_the_same_bytes_across_runs_and_hash_seeds(self, tmp_path):
        code = (
            "import hashlib, sys, modslavery\n"
            "from pathlib import Path\n"
            "paths = modslavery.export_html(sys.argv[1])\n"
            "root = Path(sys.argv[1])\n"
            "for p in sorted(paths):\n"
            "    print(p.relative_to(root).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())\n"
        )
        outputs = []
        for seed in ("1", "2", "12345"):
            env = {**os.environ, "PYTHONHASHSEED": seed}
            result = subprocess.run(
                [sys.executable, "-c", code, str(tmp_path / seed)], env=env, capture_output=True, text=True, check=True
            )
            outputs.append(result.stdout)
        assert outputs[0] == outputs[1] == outputs[2]
        assert outputs[0].count("\n") > 100

    def test_the_export_is_the_site_files(self, tmp_path):
        from modslavery.export.html import site_files

        files = site_files()
        export_html(tmp_path)
        for name, data in files.items():
            assert hashlib.sha256((tmp_path / name).read_bytes()).digest() == hashlib.sha256(data).digest()


class TestCommandLine:
    def test_export_format_html(self, tmp_path, capsys):
        assert main(["export", "--format", "html", str(tmp_path / "site")]) == 0
        out = capsys.readouterr().out
        assert out.startswith("wrote ")
        assert (tmp_path / "site" / "index.html").is_file()
        assert (tmp_path / "site" / "documents" / "news-jstac-launch.html").is_file()

    def test_an_empty_target_is_refused(self, capsys):
        assert main(["export", "--format", "html", ""]) == 1
        assert "''" in capsys.readouterr().err


def chromium() -> str | None:
    names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    return next((path for path in map(shutil.which, names) if path is not None), None)


@pytest.mark.skipif(chromium() is None, reason="no Chromium or Chrome installed to render the pages")
class TestBrowser:
    """A real browser parses the pages as our parser does: the DOM it builds holds every mark with its span."""

    def dump_dom(self, page: Path, profile: Path) -> str:
        command = [
            chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
            "--dump-dom", page.as_uri(),
        ]  # fmt: skip
        return subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout

    def test_the_rendered_pages_mark_every_record_with_its_span(self, site, ds, tmp_path):
        expected = spans_by_kind(ds)
        for document in ds.documents:
            dom = read_page(self.dump_dom(site / "documents" / f"{document.id}.html", tmp_path / "profile"))
            for kind in KINDS:
                assert dom.marks[kind] == {i: span for i, (d, span) in expected[kind].items() if d == document.id}
            assert dom.text.count(document.text) == 1

    def test_the_rendered_index_links_every_statistic(self, site, ds, tmp_path):
        dom = read_page(self.dump_dom(site / "index.html", tmp_path / "profile"))
        hrefs = {a.get("href") for tag, a in dom.elements if tag == "a"}
        assert {f"documents/{s.document_id}.html#statistic-{s.id}" for s in ds.statistics} <= hrefs
