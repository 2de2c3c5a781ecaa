"""Hypothesis strategies for every model, valid under the models' validators."""

from __future__ import annotations

import calendar
import datetime as dt
import string

from hypothesis import strategies as st

from modslavery import models as m
from modslavery._filenames import is_plain_name

ids = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8).map(lambda s: f"x{s}x")
texts = st.text(min_size=1, max_size=30)
optional_texts = st.none() | texts
numbers = (
    st.integers(-(10**12), 10**12)
    | st.sampled_from([-(2**63), 2**63 - 1])  # SQLite's integer range
    | st.floats(min_value=-9.2e18, max_value=9.2e18, allow_nan=False, allow_infinity=False, width=64)
)
file_names = st.text(min_size=1, max_size=30).filter(is_plain_name)


@st.composite
def partial_dates(draw: st.DrawFn) -> m.PartialDate:
    year = draw(st.integers(1, 9999))
    month = draw(st.none() | st.integers(1, 12))
    day = None if month is None else draw(st.none() | st.integers(1, 28))
    return m.PartialDate(year, month, day)


@st.composite
def date_bounds(draw: st.DrawFn) -> tuple[m.PartialDate | None, m.PartialDate | None]:
    """A start and an end, either missing; when both are there, the end is not before the start."""
    start, end = draw(st.none() | partial_dates()), draw(st.none() | partial_dates())
    if start is not None and end is not None and earliest_day(start) > latest_day(end):
        start, end = end, start
    return start, end


def earliest_day(date: m.PartialDate) -> dt.date:
    """The first day a partial date can be."""
    return dt.date(date.year, date.month or 1, date.day or 1)


def latest_day(date: m.PartialDate) -> dt.date:
    """The last day a partial date can be."""
    month = date.month or 12
    return dt.date(date.year, month, date.day or calendar.monthrange(date.year, month)[1])


@st.composite
def spans(draw: st.DrawFn) -> tuple[int, int]:
    start = draw(st.integers(0, 10_000))
    return start, start + draw(st.integers(0, 500))


@st.composite
def evidences(draw: st.DrawFn) -> m.Evidence:
    start, end = draw(spans())
    return m.Evidence(quote=draw(texts), start=start, end=end)


times = st.none() | st.builds(lambda h, mi: f"{h:02d}:{mi:02d}", st.integers(0, 23), st.integers(0, 59))

date_claims = st.builds(
    lambda bounds, **fields: m.DateClaim(start=bounds[0], end=bounds[1], **fields),
    date_bounds(),
    basis=st.sampled_from(m.Basis),
    time=times,
    timezone=optional_texts,
    evidence=st.lists(evidences(), max_size=2).map(tuple),
    note=optional_texts,
)
periods = st.builds(
    lambda bounds, **fields: m.Period(start=bounds[0], end=bounds[1], **fields),
    date_bounds(),
    label=optional_texts,
    basis=st.sampled_from(m.Basis),
    note=optional_texts,
)


@st.composite
def statistics(draw: st.DrawFn) -> m.Statistic:
    start, end = draw(spans())
    return m.Statistic(
        id=draw(ids),
        document_id=draw(ids),
        measure_id=draw(ids),
        description=draw(texts),
        value=draw(numbers),
        unit=draw(st.sampled_from(m.Unit)),
        qualifier=draw(st.sampled_from(m.Qualifier)),
        quote=draw(texts),
        start=start,
        end=end,
        geography=draw(st.none() | st.sampled_from(m.Geography)),
        period=draw(st.none() | periods),
        speaker_id=draw(st.none() | ids),
        conversion_of_id=draw(st.none() | ids),
        note=draw(optional_texts),
    )


documents = st.builds(
    m.Document,
    id=ids,
    kind=st.sampled_from(m.DocumentKind),
    title=texts,
    title_basis=st.sampled_from(m.TitleBasis),
    source_file=file_names,
    text=st.text(max_size=200),
    sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
    title_evidence=st.none() | evidences(),
    authors=st.lists(
        st.builds(
            m.Author,
            name=optional_texts,
            role=optional_texts,
            basis=st.sampled_from(m.Basis),
            organisation_id=st.none() | ids,
            evidence=st.lists(evidences(), max_size=2).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
    publisher=st.none()
    | st.builds(
        m.Publisher,
        name=texts,
        basis=st.sampled_from(m.Basis),
        evidence=st.lists(evidences(), max_size=1).map(tuple),
        note=optional_texts,
    ),
    published=st.none() | date_claims,
    updated=st.none() | date_claims,
    notes=st.lists(texts, max_size=2).map(tuple),
)


@st.composite
def asks(draw: st.DrawFn) -> m.Ask:
    start, end = draw(spans())
    return m.Ask(
        number=draw(st.none() | st.integers(1, 99)),
        heading=draw(optional_texts),
        text=draw(texts),
        start=start,
        end=end,
    )


campaigns = st.builds(
    m.Campaign,
    id=ids,
    document_id=ids,
    title=texts,
    title_basis=st.sampled_from(m.TitleBasis),
    audience=texts,
    audience_evidence=st.lists(evidences(), min_size=1, max_size=2).map(tuple),
    date=st.none() | date_claims,
    asks=st.lists(asks(), max_size=3).map(tuple),
    support_claim=st.none() | evidences(),
    support_statistic_id=st.none() | ids,
    note=optional_texts,
)
organisations = st.builds(
    m.Organisation,
    id=ids,
    name=texts,
    acronyms=st.lists(texts, max_size=2).map(tuple),
    aliases=st.lists(texts, max_size=2).map(tuple),
    note=optional_texts,
)


@st.composite
def signatures(draw: st.DrawFn) -> m.Signature:
    start, end = draw(spans())
    return m.Signature(
        id=draw(ids),
        campaign_id=draw(ids),
        organisation_id=draw(ids),
        position=draw(st.integers(1, 500)),
        name_as_written=draw(texts),
        start=start,
        end=end,
    )


@st.composite
def mentions(draw: st.DrawFn) -> m.Mention:
    start, end = draw(spans())
    org = draw(st.booleans())
    target = draw(ids)
    return m.Mention(
        id=draw(ids),
        document_id=draw(ids),
        quote=draw(texts),
        start=start,
        end=end,
        organisation_id=target if org else None,
        entity_id=None if org else target,
    )


@st.composite
def exclusions(draw: st.DrawFn) -> m.Exclusion:
    start, end = draw(spans())
    return m.Exclusion(id=draw(ids), document_id=draw(ids), quote=draw(texts), start=start, end=end, reason=draw(texts))


entities = st.builds(
    m.Entity,
    id=ids,
    name=texts,
    kind=st.sampled_from(m.EntityKind),
    aliases=st.lists(texts, max_size=2).map(tuple),
    note=optional_texts,
)
judgements = st.builds(
    m.Judgement,
    id=ids,
    verdict=st.sampled_from(m.Verdict),
    names=st.lists(texts, min_size=2, max_size=3).map(tuple),
    organisation_ids=st.lists(ids, min_size=1, max_size=3).map(tuple),
    rationale=texts,
)
measures = st.builds(m.Measure, id=ids, label=texts, description=texts)

#: A strategy per model, for round-trip tests.
BY_MODEL = {
    m.Document: documents,
    m.Measure: measures,
    m.Statistic: statistics(),
    m.Organisation: organisations,
    m.Campaign: campaigns,
    m.Signature: signatures(),
    m.Entity: entities,
    m.Mention: mentions(),
    m.Judgement: judgements,
    m.Exclusion: exclusions(),
}
