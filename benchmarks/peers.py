"""
The modslavery record types as pydantic v2 models and msgspec structs, for side-by-side loads.

Both are as strict as the libraries allow: no coercion, unknown keys refused,
ids matched against the same pattern, counts non-negative, quotes non-empty,
enums by value. Dates are checked as ``YYYY[-MM[-DD]]`` patterns, not as
calendar dates, and neither peer checks anything across records (references,
quotes at their spans, document hashes), which ``Dataset.from_directory`` does.
So the peers do less work than modslavery, never more.

Only the benchmarks import this module; pydantic and msgspec come from the
``bench`` extra.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from modslavery.models import Basis, DocumentKind, EntityKind, Geography, Qualifier, TitleBasis, Unit, Verdict

__all__ = ["msgspec_decoders", "pydantic_adapters"]

ID = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"
SHA256 = r"^[0-9a-f]{64}$"
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


# -- pydantic v2 -----------------------------------------------------------

PId = Annotated[str, Field(pattern=ID)]
PDate = Annotated[str, Field(pattern=DATE)]
PCount = Annotated[int, Field(ge=0)]
PText = Annotated[str, Field(min_length=1)]


class _P(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class PEvidence(_P):
    quote: PText
    start: PCount
    end: PCount


class PDateClaim(_P):
    start: PDate | None
    end: PDate | None
    basis: Basis
    time: Annotated[str, Field(pattern=TIME)] | None = None
    timezone: str | None = None
    evidence: tuple[PEvidence, ...] = ()
    note: str | None = None


class PPeriod(_P):
    label: str | None
    start: PDate | None
    end: PDate | None
    basis: Basis
    note: str | None = None


class PAuthor(_P):
    name: str | None
    role: str | None
    basis: Basis
    organisation_id: PId | None = None
    evidence: tuple[PEvidence, ...] = ()


class PPublisher(_P):
    name: str
    basis: Basis
    evidence: tuple[PEvidence, ...] = ()
    note: str | None = None


class PDocument(_P):
    id: PId
    kind: DocumentKind
    title: PText
    title_basis: TitleBasis
    source_file: str
    text: str
    sha256: Annotated[str, Field(pattern=SHA256)]
    title_evidence: PEvidence | None = None
    authors: tuple[PAuthor, ...] = ()
    publisher: PPublisher | None = None
    published: PDateClaim | None = None
    updated: PDateClaim | None = None
    notes: tuple[str, ...] = ()


class PMeasure(_P):
    id: PId
    label: str
    description: str


class PStatistic(_P):
    id: PId
    document_id: PId
    measure_id: PId
    description: str
    value: int | float
    unit: Unit
    qualifier: Qualifier
    quote: PText
    start: PCount
    end: PCount
    geography: Geography | None = None
    period: PPeriod | None = None
    speaker_id: PId | None = None
    conversion_of_id: PId | None = None
    note: str | None = None


class PAsk(_P):
    number: int | None
    heading: str | None
    text: PText
    start: PCount
    end: PCount


class PCampaign(_P):
    id: PId
    document_id: PId
    title: str
    title_basis: TitleBasis
    audience: str
    audience_evidence: list[PEvidence]
    date: PDateClaim | None = None
    asks: tuple[PAsk, ...] = ()
    support_claim: PEvidence | None = None
    support_statistic_id: PId | None = None
    note: str | None = None


class POrganisation(_P):
    id: PId
    name: str
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    note: str | None = None


class PSignature(_P):
    id: PId
    campaign_id: PId
    organisation_id: PId
    position: Annotated[int, Field(ge=1)]
    name_as_written: PText
    start: PCount
    end: PCount


class PEntity(_P):
    id: PId
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    note: str | None = None


class PMention(_P):
    id: PId
    document_id: PId
    quote: PText
    start: PCount
    end: PCount
    organisation_id: PId | None = None
    entity_id: PId | None = None


class PJudgement(_P):
    id: PId
    verdict: Verdict
    names: Annotated[tuple[str, ...], Field(min_length=2)]
    organisation_ids: Annotated[tuple[str, ...], Field(min_length=1)]
    rationale: PText


class PExclusion(_P):
    id: PId
    document_id: PId
    quote: PText
    start: PCount
    end: PCount
    reason: PText


PYDANTIC = {
    "documents.json": PDocument,
    "measures.json": PMeasure,
    "statistics.json": PStatistic,
    "organisations.json": POrganisation,
    "campaigns.json": PCampaign,
    "signatures.json": PSignature,
    "entities.json": PEntity,
    "mentions.json": PMention,
    "judgements.json": PJudgement,
    "exclusions.json": PExclusion,
}


def pydantic_adapters() -> dict[str, TypeAdapter[Any]]:
    """One ``TypeAdapter(list[Model])`` per data file, built once."""
    return {name: TypeAdapter(list[model]) for name, model in PYDANTIC.items()}  # type: ignore[valid-type]


# -- msgspec ---------------------------------------------------------------

MId = Annotated[str, msgspec.Meta(pattern=ID)]
MDate = Annotated[str, msgspec.Meta(pattern=DATE)]
MCount = Annotated[int, msgspec.Meta(ge=0)]
MText = Annotated[str, msgspec.Meta(min_length=1)]
_S = {"forbid_unknown_fields": True, "frozen": True, "kw_only": True}


class MEvidence(msgspec.Struct, **_S):
    quote: MText
    start: MCount
    end: MCount


class MDateClaim(msgspec.Struct, **_S):
    start: MDate | None
    end: MDate | None
    basis: Basis
    time: Annotated[str, msgspec.Meta(pattern=TIME)] | None = None
    timezone: str | None = None
    evidence: tuple[MEvidence, ...] = ()
    note: str | None = None


class MPeriod(msgspec.Struct, **_S):
    label: str | None
    start: MDate | None
    end: MDate | None
    basis: Basis
    note: str | None = None


class MAuthor(msgspec.Struct, **_S):
    name: str | None
    role: str | None
    basis: Basis
    organisation_id: MId | None = None
    evidence: tuple[MEvidence, ...] = ()


class MPublisher(msgspec.Struct, **_S):
    name: str
    basis: Basis
    evidence: tuple[MEvidence, ...] = ()
    note: str | None = None


class MDocument(msgspec.Struct, **_S):
    id: MId
    kind: DocumentKind
    title: MText
    title_basis: TitleBasis
    source_file: str
    text: str
    sha256: Annotated[str, msgspec.Meta(pattern=SHA256)]
    title_evidence: MEvidence | None = None
    authors: tuple[MAuthor, ...] = ()
    publisher: MPublisher | None = None
    published: MDateClaim | None = None
    updated: MDateClaim | None = None
    notes: tuple[str, ...] = ()


class MMeasure(msgspec.Struct, **_S):
    id: MId
    label: str
    description: str


class MStatistic(msgspec.Struct, **_S):
    id: MId
    document_id: MId
    measure_id: MId
    description: str
    value: int | float
    unit: Unit
    qualifier: Qualifier
    quote: MText
    start: MCount
    end: MCount
    geography: Geography | None = None
    period: MPeriod | None = None
    speaker_id: MId | None = None
    conversion_of_id: MId | None = None
    note: str | None = None


class MAsk(msgspec.Struct, **_S):
    number: int | None
    heading: str | None
    text: MText
    start: MCount
    end: MCount


class MCampaign(msgspec.Struct, **_S):
    id: MId
    document_id: MId
    title: str
    title_basis: TitleBasis
    audience: str
    audience_evidence: list[MEvidence]
    date: MDateClaim | None = None
    asks: tuple[MAsk, ...] = ()
    support_claim: MEvidence | None = None
    support_statistic_id: MId | None = None
    note: str | None = None


class MOrganisation(msgspec.Struct, **_S):
    id: MId
    name: str
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    note: str | None = None


class MSignature(msgspec.Struct, **_S):
    id: MId
    campaign_id: MId
    organisation_id: MId
    position: Annotated[int, msgspec.Meta(ge=1)]
    name_as_written: MText
    start: MCount
    end: MCount


class MEntity(msgspec.Struct, **_S):
    id: MId
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    note: str | None = None


class MMention(msgspec.Struct, **_S):
    id: MId
    document_id: MId
    quote: MText
    start: MCount
    end: MCount
    organisation_id: MId | None = None
    entity_id: MId | None = None


class MJudgement(msgspec.Struct, **_S):
    id: MId
    verdict: Verdict
    names: Annotated[tuple[str, ...], msgspec.Meta(min_length=2)]
    organisation_ids: Annotated[tuple[str, ...], msgspec.Meta(min_length=1)]
    rationale: MText


class MExclusion(msgspec.Struct, **_S):
    id: MId
    document_id: MId
    quote: MText
    start: MCount
    end: MCount
    reason: MText


MSGSPEC = {
    "documents.json": MDocument,
    "measures.json": MMeasure,
    "statistics.json": MStatistic,
    "organisations.json": MOrganisation,
    "campaigns.json": MCampaign,
    "signatures.json": MSignature,
    "entities.json": MEntity,
    "mentions.json": MMention,
    "judgements.json": MJudgement,
    "exclusions.json": MExclusion,
}


def msgspec_decoders() -> dict[str, msgspec.json.Decoder[Any]]:
    """One strict ``msgspec.json.Decoder(list[Struct])`` per data file, built once."""
    return {name: msgspec.json.Decoder(list[model], strict=True) for name, model in MSGSPEC.items()}  # type: ignore[valid-type]
