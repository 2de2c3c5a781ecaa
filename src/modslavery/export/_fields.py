"""
What each field of each model holds, and how its Python type maps onto JSON and table types.

The JSON Schemas, the tables of the CSV, SQLite and data-package exports, and
the pandas frames all read the models through :func:`fields_of`, so a field
added to a model shows up everywhere at once (and a test fails until it has a
description here).

Example:
    >>> from modslavery.models import Signature
    >>> info = fields_of(Signature)[2]
    >>> info.name, info.kind, info.type, info.required
    ('organisation_id', 'scalar', 'string', True)

"""

from __future__ import annotations

import builtins
import enum
import functools
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs
from attrs import frozen

from modslavery.models import PartialDate

__all__ = ["DESCRIPTIONS", "FieldInfo", "fields_of", "singular"]

#: Field descriptions, by ``Model.field``; a bare ``field`` applies to every model without its own entry.
DESCRIPTIONS: dict[str, str] = {
    "id": "Stable identifier of the record; never reused for something else.",
    "document_id": "Id of the document (documents.id) the record comes from.",
    "quote": "The exact words of the document that the record rests on.",
    "start": "Start offset of the quote in the document text (0-based, in characters).",
    "end": "End offset of the quote in the document text (exclusive, in characters).",
    "note": "Curator's note, or null.",
    "basis": "Whether the value is 'stated' by the text or 'inferred' from it.",
    "evidence": "Quotes of the document that support the value.",
    "organisation_id": "Id of the organisation (organisations.id), or null.",
    "aliases": "Other names the sources use for it.",
    "Document.kind": "Genre of the text: opinion_article, blog_post, joint_statement, pledge or news_report.",
    "Document.title": "The text's headline, or an editorial label when it has none (see title_basis).",
    "Document.title_basis": "'stated' when the title is the text's own headline, 'editorial' when it is ours.",
    "Document.source_file": "File name of the source text under sources/.",
    "Document.text": "The full source text, unchanged. Not openly licensed: copyright of its authors and publishers.",
    "Document.sha256": "SHA-256 of the UTF-8 text, in lower-case hex.",
    "Document.title_evidence": "Where the title stands in the text, or null for an editorial title.",
    "Document.authors": "Who wrote the text, as far as it says.",
    "Document.publisher": "Where the text appeared, as far as it says, or null.",
    "Document.published": "When the text was published, or null if it does not say.",
    "Document.updated": "When the text was last updated, or null.",
    "Document.notes": "Curator's notes on the text.",
    "Author.name": "The author's name, or null when the text describes the author without naming them.",
    "Author.role": "The author's role as the text gives it, or null.",
    "Author.organisation_id": "Id of the author's organisation (organisations.id), or null.",
    "Publisher.name": "The publisher's name.",
    "DateClaim.start": "Earliest date it can be (ISO 8601 YYYY, YYYY-MM or YYYY-MM-DD), or null.",
    "DateClaim.end": "Latest date it can be (ISO 8601 YYYY, YYYY-MM or YYYY-MM-DD), or null if open.",
    "DateClaim.time": "Time of day as the text states it (HH:MM), or null.",
    "DateClaim.timezone": "Time zone as the text states it, or null.",
    "Evidence.quote": "The exact words quoted from the document.",
    "Measure.label": "Short label of the measure.",
    "Measure.description": "What the measure counts, and how.",
    "Statistic.measure_id": "Id of what the number measures (measures.id).",
    "Statistic.description": "What the number is, in a short phrase.",
    "Statistic.value": "The number as stated (money in whole units, percentages as 0-100).",
    "Statistic.unit": "Unit of the value: people, offences, countries, organisations, GBP, percent, rank and so on.",
    "Statistic.qualifier": "How the figure relates to the true value: exact, more_than, approximately, estimated...",
    "Statistic.quote": "The exact words of the document that state the number.",
    "Statistic.geography": "Area the number refers to, or null if the text does not say.",
    "Statistic.period": "Time the number refers to, or null if the text does not say.",
    "Statistic.speaker_id": "Id of the person (entities.id) the text attributes the number to, or null.",
    "Statistic.conversion_of_id": "Id of the statistic this one restates in other units (statistics.id), or null.",
    "Period.label": "The phrase the text uses for the period, or null.",
    "Period.start": "Start of the period (ISO 8601 YYYY, YYYY-MM or YYYY-MM-DD), or null.",
    "Period.end": "End of the period (ISO 8601 YYYY, YYYY-MM or YYYY-MM-DD), or null.",
    "Organisation.name": "The fullest name the sources give.",
    "Organisation.acronyms": "Acronyms that identify the organisation.",
    "Campaign.title": "The campaign's title as stated, or an editorial label (see title_basis).",
    "Campaign.title_basis": "'stated' when the title is the text's own, 'editorial' when it is ours.",
    "Campaign.audience": "Whom the campaign addresses.",
    "Campaign.audience_evidence": "The words that name the audience.",
    "Ask.basis": "'stated' for an ask the text makes, 'inferred' for one it implies (see note).",
    "Ask.note": "Curator's note on the ask, or null.",
    "Campaign.date": "When the campaign was made, or null.",
    "Campaign.asks": "The campaign's asks or pledges, verbatim, in source order.",
    "Campaign.support_claim": "The words claiming how many support it, or null.",
    "Campaign.support_statistic_id": "Id of the statistic (statistics.id) that counts its supporters, or null.",
    "Ask.number": "The ask's number in the source, or null if it is not numbered.",
    "Ask.heading": "The ask's heading in the source, or null.",
    "Ask.text": "The ask, verbatim.",
    "Signature.campaign_id": "Id of the campaign signed (campaigns.id).",
    "Signature.organisation_id": "Id of the signing organisation (organisations.id).",
    "Signature.position": "Place of the entry in the campaign's signatory list (from 1).",
    "Signature.name_as_written": "The entry as the source spells it (a name wrapped over lines joined by one space).",
    "Entity.name": "The entity's name.",
    "Entity.kind": "What it is: person, law, report, programme or event.",
    "Mention.quote": "The words that name the organisation or entity.",
    "Mention.organisation_id": "Id of the organisation named (organisations.id), or null if an entity is named.",
    "Mention.basis": "'stated' when the words name it, 'inferred' when they name an office (see evidence).",
    "Mention.evidence": "For a mention by office, the words of the same text that tie the office to the person.",
    "Mention.entity_id": "Id of the entity named (entities.id), or null if an organisation is named.",
    "Judgement.verdict": "'same' (the names are one organisation) or 'different' (they are not).",
    "Judgement.names": "The names judged.",
    "Judgement.organisation_ids": "Ids of the organisations the names belong to (organisations.id).",
    "Judgement.rationale": "Why the curators decided so.",
    "Exclusion.quote": "The number-bearing words that are deliberately not a statistic.",
    "Exclusion.reason": "Why the number is not a statistic.",
}

_PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


@frozen
class FieldInfo:
    """
    One field of a model, classified for export.

    *kind* is ``"scalar"`` (a JSON string, number or boolean), ``"object"``
    (a nested model, in *model*) or ``"list"`` (a tuple; *item* describes one
    element). *type* is the JSON/table type of a scalar: ``string``,
    ``integer``, ``number`` or ``boolean``. *required* means the key must be
    present; *nullable* that it may be null. *enum*, *pattern*,
    *min_length*, *minimum* and *maximum* restate the model's validators.

    Example:
        >>> from modslavery.models import Statistic
        >>> value = next(f for f in fields_of(Statistic) if f.name == "value")
        >>> value.type, value.nullable
        ('number', False)

    """

    name: str
    kind: str
    description: str
    required: bool = True
    nullable: bool = False
    type: str | None = None
    model: builtins.type | None = None
    item: FieldInfo | None = None
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    date: bool = False


def singular(name: str) -> str:
    """
    A plural field or table name made singular, for the column of a link table.

    Example:
        >>> [singular(n) for n in ("aliases", "entities", "organisation_ids", "evidence")]
        ['alias', 'entity', 'organisation_id', 'evidence']

    """
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("ses"):
        return name[:-2]
    if name.endswith("s"):
        return name[:-1]
    return name


def _describe(model: type, name: str) -> str:
    return DESCRIPTIONS.get(f"{model.__name__}.{name}") or DESCRIPTIONS.get(name, "")


def _constraints(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON Schema keywords a model field declares beside its validator (see modslavery.models)."""
    return {
        key: metadata[key] for key in ("pattern", "min_length", "max_length", "minimum", "maximum") if key in metadata
    }


def _classify(tp: Any, name: str, description: str, *, required: bool, metadata: Mapping[str, Any]) -> FieldInfo:
    nullable = False
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        nullable = len(args) != len(typing.get_args(tp))
        tp = args[0] if len(args) == 1 else tuple(args)
    base: dict[str, Any] = {"name": name, "description": description, "required": required, "nullable": nullable}
    if tp in ((int, float), (float, int)):
        return FieldInfo(kind="scalar", type="number", **base, **_constraints(metadata))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return FieldInfo(kind="scalar", type="string", enum=tuple(str(m.value) for m in tp), **base)
    if tp is PartialDate:
        return FieldInfo(kind="scalar", type="string", pattern=_PARTIAL_DATE_PATTERN, date=True, **base)
    scalar = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if tp in scalar:
        return FieldInfo(kind="scalar", type=scalar[tp], **base, **_constraints(metadata))
    if typing.get_origin(tp) is tuple:
        item_metadata = {"max_length": metadata["item_max_length"]} if "item_max_length" in metadata else {}
        item = _classify(typing.get_args(tp)[0], singular(name), description, required=True, metadata=item_metadata)
        return FieldInfo(kind="list", item=item, **base, **_constraints(metadata))
    if attrs.has(tp):
        return FieldInfo(kind="object", model=tp, **base)
    msg = f"no export mapping for field {name!r} of type {tp!r}"  # pragma: no cover - guards new models
    raise TypeError(msg)  # pragma: no cover


@functools.cache
def fields_of(model: type) -> tuple[FieldInfo, ...]:
    """
    The fields of an attrs model, in declaration order, classified for export.

    Example:
        >>> from modslavery.models import Period
        >>> [(f.name, f.type, f.nullable) for f in fields_of(Period)][:2]
        [('label', 'string', True), ('start', 'string', True)]

    """
    hints = typing.get_type_hints(model)
    return tuple(
        _classify(
            hints[field.name],
            field.name,
            _describe(model, field.name),
            required=field.default is attrs.NOTHING,
            metadata=field.metadata,
        )
        for field in attrs.fields(model)
    )
