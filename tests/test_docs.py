"""The documentation site stays honest: every page in the nav, every public name in the API reference, examples tested, figures present, citation in step."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
import yaml

import modslavery

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
API = DOCS / "api.md"
DIRECTIVE = re.compile(r"^::: ([\w.]+)", re.MULTILINE)
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def nav_files(entries):
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            yield from nav_files(value)
        else:
            yield value


@pytest.fixture(scope="module")
def config():
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def resolve(target):
    """Import the longest module prefix of *target* and get the rest as attributes."""
    parts = target.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for name in parts[i:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(target)


def documented_objects():
    """Every object a ::: directive of the API page renders: its target, and a module's __all__ members."""
    objects = []
    for target in DIRECTIVE.findall(API.read_text(encoding="utf-8")):
        obj = resolve(target)
        objects.append(obj)
        if isinstance(obj, type(modslavery)):
            objects.extend(getattr(obj, name) for name in getattr(obj, "__all__", ()))
    return objects


def public_modules():
    names = [info.name for info in pkgutil.walk_packages(modslavery.__path__, "modslavery.")]
    return ["modslavery", *(n for n in names if not any(part.startswith("_") for part in n.split(".")))]


def markdown_files():
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


class TestSite:
    def test_nav_pages_exist(self, config):
        missing = [page for page in nav_files(config["nav"]) if not (DOCS / page).is_file()]
        assert missing == []

    def test_every_page_is_in_the_nav(self, config):
        pages = {p.name for p in DOCS.glob("*.md")}
        assert pages - set(nav_files(config["nav"])) == set()

    def test_required_pages(self, config):
        """The pages issue #7 asks for, including those other parts of the project write."""
        nav = set(nav_files(config["nav"]))
        for page in (
            "index.md",
            "getting-started.md",
            "tutorial.md",
            "apps.md",
            "data.md",
            "cli.md",
            "contributing.md",
            "api.md",
            "changelog.md",
            "performance.md",
            "security.md",
        ):
            assert page in nav

    def test_theme_and_strict(self, config):
        assert config["theme"]["name"] == "material"
        assert config["strict"] is True
        assert any("mkdocstrings" in (p if isinstance(p, str) else next(iter(p))) for p in config["plugins"])

    def test_ci_builds_the_site_strictly(self):
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
        assert 'pip install --quiet ".[docs]"' in ci
        assert re.search(r"^[^#\n]*mkdocs build --strict", ci, re.MULTILINE)

    def test_changelog_page_includes_the_changelog(self):
        page = (DOCS / "changelog.md").read_text(encoding="utf-8")
        match = re.search(r'--8<-- "([^":]+)', page)
        assert match is not None
        assert (ROOT / match.group(1)).resolve() == (ROOT / "CHANGELOG.md").resolve()

    def test_relative_links_resolve(self):
        """Links between pages and to images point at files that exist (mkdocs --strict checks this too, in CI)."""
        links = [
            (page.name, target)
            for page in DOCS.glob("*.md")
            for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8"))
        ]
        assert len(links) > 10
        assert [(page, t) for page, t in links if "://" not in t and not (DOCS / t).exists()] == []


class TestApiReference:
    def test_every_directive_resolves(self):
        for target in DIRECTIVE.findall(API.read_text(encoding="utf-8")):
            assert resolve(target) is not None, target

    @pytest.mark.parametrize("name", [n for n in modslavery.__all__ if not n.startswith("__")])
    def test_every_public_name_is_documented(self, name):
        obj = getattr(modslavery, name)
        assert any(obj is documented for documented in documented_objects()), name

    def test_every_collection_is_listed(self):
        from modslavery.dataset import FILES

        api = API.read_text(encoding="utf-8")
        assert [attribute for _, attribute, _ in FILES if f"`{attribute}`" not in api] == []

    @pytest.mark.parametrize("name", ["__version__", "__data_version__"])
    def test_versions_are_described(self, name):
        assert f"`modslavery.{name}`" in API.read_text(encoding="utf-8")

    @pytest.mark.parametrize("module", public_modules())
    def test_every_public_module_is_documented(self, module):
        """A module is documented by its own directive, or by directives for everything in its __all__."""
        api = API.read_text(encoding="utf-8")
        if f"::: {module}\n" in api:
            return
        mod = importlib.import_module(module)
        documented = documented_objects()
        missing = [name for name in mod.__all__ if not any(getattr(mod, name) is d for d in documented)]
        assert missing == []

    def test_public_callables_have_examples(self):
        """Every public function and class the API page renders has a docstring with a doctest example."""
        lacking = []
        for obj in documented_objects():
            if callable(obj) and not isinstance(obj, type(modslavery)):
                doc = getattr(obj, "__doc__", None) or ""
                if ">>>" not in doc:
                    lacking.append(getattr(obj, "__qualname__", repr(obj)))
        assert lacking == []


class TestExamples:
    @pytest.mark.parametrize("path", markdown_files(), ids=lambda p: p.name)
    def test_python_blocks_are_doctests(self, path):
        """Every python block is a doctest that ends with a blank line, so pytest runs it and none can drift."""
        for language, body in FENCE.findall(path.read_text(encoding="utf-8")):
            if language in {"python", "py", "pycon"}:
                assert body.lstrip().startswith(">>>"), body[:80]
                assert body.endswith("\n\n"), body[-80:]

    def test_pytest_collects_the_docs(self):
        text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        assert "--doctest-glob=*.md" in text
        assert re.search(r'testpaths = \[[^\]]*"docs"', text)
        assert re.search(r'testpaths = \[[^\]]*"README.md"', text)

    @pytest.mark.parametrize("page", ["getting-started.md", "tutorial.md", "apps.md", "contributing.md", "index.md"])
    def test_my_pages_have_examples(self, page):
        assert ">>> " in (DOCS / page).read_text(encoding="utf-8")


class TestFigures:
    def test_every_image_is_embedded_and_exists(self):
        embedded = set()
        for page in DOCS.glob("*.md"):
            embedded.update(re.findall(r"!\[[^\]]+\]\((img/[^)]+)\)", page.read_text(encoding="utf-8")))
        committed = {f"img/{p.name}" for p in (DOCS / "img").glob("*.png")}
        assert embedded == committed

    @pytest.mark.parametrize(
        "image", ["img/signatory-overlap.png", "img/nrm-referrals.png", "img/evidence-document-page.png"]
    )
    def test_figures_have_alt_text_and_a_caption_citing_sources(self, image):
        """Each embedding has descriptive alt text and, right under it, an italic caption naming its sources."""
        embeddings = 0
        for page in DOCS.glob("*.md"):
            text = page.read_text(encoding="utf-8")
            embeddings += text.count(f"]({image})")
            for match in re.finditer(rf"!\[([^\]]+)\]\({re.escape(image)}\)\n\n\*(.+?)\*\n", text, re.DOTALL):
                embeddings -= 1
                alt, caption = match.groups()
                assert len(alt) > 40
                assert "Source" in caption
                assert modslavery.__data_version__ in caption
        assert embeddings == 0  # every embedding matched the caption pattern

    def test_nrm_caption_quotes_the_sources(self):
        """The referral chart's caption quotes both texts, and both quotes are in the texts."""
        ds = modslavery.load()
        text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
        caption = text.split("(img/nrm-referrals.png)")[1].split("\n\n")[1]
        assert '"over 3,800 potential victims ... were referred to support in 2016"' in caption
        assert "over 3,800 potential victims" in ds.documents["news-jstac-launch"].text
        assert "were referred to support in 2016" in ds.documents["news-jstac-launch"].text
        assert (
            "In 2023, 17,004 potential child and adult victims were referred"
            in ds.documents["pledge-mayoral-2024"].text
        )
        assert "In 2023, 17,004 potential child and adult victims were referred" in caption


class TestCitation:
    @pytest.fixture
    def cff(self):
        return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))

    # The keys of the Citation File Format 1.2.0 root object.
    KEYS = frozenset(
        {
            "abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi", "identifiers",
            "keywords", "license", "license-url", "message", "preferred-citation", "references", "repository",
            "repository-artifact", "repository-code", "title", "type", "url", "version",
        }
    )  # fmt: skip

    def test_required_and_known_keys(self, cff):
        assert {"cff-version", "message", "title", "authors"} <= set(cff)
        assert set(cff) <= self.KEYS
        assert cff["cff-version"] == "1.2.0"
        assert cff["type"] in {"software", "dataset"}
        assert all(("name" in a) or ("family-names" in a) for a in cff["authors"])

    def test_in_step_with_the_package(self, cff):
        assert cff["version"] == modslavery.__version__
        changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        released = re.search(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})", changelog, re.MULTILINE)
        assert released.groups() == (cff["version"], cff["date-released"])
        assert modslavery.__data_version__ in cff["abstract"]

    def test_licences(self, cff):
        pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        assert f'license = "{cff["license"]}"' in pyproject
        assert "CC-BY-4.0" in cff["abstract"]

    def test_no_invented_identifiers(self, cff):
        """No DOI, URL or repository that the project does not have."""
        assert not {"doi", "identifiers", "url", "repository-code", "repository", "license-url"} & set(cff)

    def test_shipped_in_the_sdist(self):
        assert '"CITATION.cff"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
