"""Shared fixtures: the bundled data set, the source texts, a writable copy of the data."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import modslavery

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fast", parent=settings.get_profile("default"), max_examples=10)
settings.load_profile("fast" if os.environ.get("FAST") == "1" else "default")


def pytest_report_header() -> list[str]:
    import attrs
    import cattrs  # noqa: F401

    return [f"modslavery {modslavery.__version__} (data {modslavery.__data_version__}), attrs {attrs.__version__}"]


@pytest.fixture(autouse=True)
def _keep_the_cached_dataset() -> object:
    """Put the cached bundled data set back after a test that clears or replaces it."""
    from modslavery import _loader

    saved = _loader._cache
    yield
    _loader._cache = saved


@pytest.fixture(scope="session")
def ds() -> modslavery.Dataset:
    """The bundled data set."""
    return modslavery.load()


@pytest.fixture(scope="session")
def source_texts() -> dict[str, str]:
    """Each source file's text, read straight from sources/ (not through the package)."""
    return {path.name: path.read_bytes().decode("utf-8") for path in sorted(SOURCES.glob("*.txt"))}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled data files."""
    modslavery.export_json(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def hostile_ds() -> modslavery.Dataset:
    """A small data set whose text, titles, names and notes are full of markup, to check escaping (#21)."""
    import hashlib

    from modslavery import models as m

    text = 'Intro <script>alert("x")</script> & over 3,800 people were "referred" in 2016.\nSigned: <b>Org & Co</b>\n'

    def span(quote: str) -> dict[str, object]:
        start = text.index(quote)
        return {"quote": quote, "start": start, "end": start + len(quote)}

    signed = span("<b>Org & Co</b>")
    return modslavery.Dataset(
        modslavery.Parts(
            documents=(
                m.Document(
                    id="hostile", kind=m.DocumentKind.NEWS_REPORT, title='<img src=x onerror="alert(1)">',
                    title_basis=m.TitleBasis.EDITORIAL, source_file="x.txt", text=text,
                    sha256=hashlib.sha256(text.encode()).hexdigest(),
                ),
            ),
            measures=(m.Measure(id="m-x", label="<i>label</i>", description="d"),),
            statistics=(
                m.Statistic(
                    id="hostile-s01", document_id="hostile", measure_id="m-x", description="<desc>", value=3800,
                    unit=m.Unit.PEOPLE, qualifier=m.Qualifier.MORE_THAN, **span("over 3,800 people"),
                ),
            ),
            organisations=(m.Organisation(id="org-co", name="<b>Org & Co</b>", aliases=('Org "&" Co',)),),
            campaigns=(
                m.Campaign(
                    id="camp", document_id="hostile", title="</title><script>", title_basis=m.TitleBasis.EDITORIAL,
                    audience="<everyone>", audience_evidence=(m.Evidence(**span("Intro")),),
                ),
            ),
            signatures=(
                m.Signature(
                    id="camp-01", campaign_id="camp", organisation_id="org-co", position=1,
                    name_as_written=signed["quote"], start=signed["start"], end=signed["end"],
                ),
            ),
            entities=(m.Entity(id="script", name="<script>", kind=m.EntityKind.EVENT),),
            mentions=(
                m.Mention(id="hostile-m01", document_id="hostile", organisation_id="org-co", **signed),
                m.Mention(id="hostile-m02", document_id="hostile", entity_id="script", **span('<script>alert("x")</script>')),
            ),
            judgements=(
                m.Judgement(
                    id="same-org", verdict=m.Verdict.SAME, names=("<b>Org & Co</b>", 'Org "&" Co'),
                    organisation_ids=("org-co",), rationale="<because>",
                ),
            ),
            exclusions=(m.Exclusion(id="hostile-x01", document_id="hostile", reason="<year>", **span("2016")),),
        )
    )  # fmt: skip


def _root_ignores_modes() -> bool:
    """Whether the tests run as root with the power to read any file (CAP_DAC_OVERRIDE), so chmod 000 stops nothing."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe"
        probe.write_bytes(b"")
        probe.chmod(0)
        try:
            probe.read_bytes()
        except PermissionError:
            return False
        return True


@pytest.fixture
def file_modes_apply() -> None:
    """Skip a chmod 000 test where root reads what it likes; each such test has a twin that mocks the OS error."""
    if _root_ignores_modes():
        pytest.skip("root reads files whatever their mode; the mocked twin of this test runs instead")
