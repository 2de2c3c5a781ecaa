"""
JSON Schema (draft 2020-12) for every bundled JSON file, derived from the models.

The package ships the schemas as ``modslavery/schemas/<name>.schema.json``
(for ``documents.json``, ``statistics.json``, ... and ``manifest.json``); a
test checks that the shipped files equal what :func:`json_schema` derives from
the models today, so a model cannot change without its schema. Record
schemas are strict: unknown keys are refused (``additionalProperties:
false``), ids, dates and hashes must match their patterns, and enums list
their values. Each schema has an ``$id``, :func:`schema_id`: a URN, since
the schemas are shipped with the package rather than published at a web
address, under which a validator's registry can hold them side by side.

Example:
    >>> schema = json_schema("signatures.json")
    >>> schema["items"], sorted(schema["$defs"])
    ({'$ref': '#/$defs/Signature'}, ['Signature'])
    >>> bundled_schema("signatures.json") == schema
    True

"""

from __future__ import annotations

import json
import os
from importlib.resources import files
from pathlib import Path
from typing import Any

from modslavery._format import FILES
from modslavery.export._atomic import write_files
from modslavery.export._fields import FieldInfo, fields_of

__all__ = [
    "DRAFT",
    "ID_PREFIX",
    "bundled_schema",
    "json_schema",
    "schema_filename",
    "schema_files",
    "schema_id",
    "schema_text",
    "write_schemas",
]

#: The JSON Schema dialect of every schema.
DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: What every schema's ``$id`` starts with; the schema's file name follows.
ID_PREFIX = "urn:modslavery:schemas:"

_MODELS: dict[str, type] = {filename: model for filename, _, model in FILES}

# Invariants that span two fields, which the models check in __attrs_post_init__.
_EXTRA: dict[str, dict[str, Any]] = {
    "Mention": {
        "oneOf": [
            {"required": ["organisation_id"], "properties": {"organisation_id": {"type": "string"}}},
            {"required": ["entity_id"], "properties": {"entity_id": {"type": "string"}}},
        ],
        "$comment": "Exactly one of organisation_id and entity_id is a string.",
    },
    "DateClaim": {"$comment": "end is not before start, compared at the coarser precision (2016-05 is within 2016)."},
    "Period": {"$comment": "end is not before start, compared at the coarser precision (2016-05 is within 2016)."},
}

_MANIFEST: dict[str, Any] = {
    "$schema": DRAFT,
    "$id": ID_PREFIX + "manifest.schema.json",
    "title": "manifest.json",
    "description": "The data version and the SHA-256 of every data file of the bundled data.",
    "type": "object",
    "additionalProperties": False,
    "required": ["data_version", "files"],
    "properties": {
        "data_version": {"type": "string", "description": "The version of the data, a date (YYYY.MM.DD)."},
        "files": {
            "type": "object",
            "description": "Each data file's name and the SHA-256 of its bytes, in lower-case hex.",
            "propertyNames": {"enum": sorted(_MODELS)},
            "required": sorted(_MODELS),
            "additionalProperties": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        },
    },
}


def schema_filename(filename: str) -> str:
    """
    The name of the schema file of a data file.

    Example:
        >>> schema_filename("statistics.json")
        'statistics.schema.json'

    """
    return filename.removesuffix(".json") + ".schema.json"


def schema_id(filename: str) -> str:
    """
    The ``$id`` of the schema of a data file.

    Example:
        >>> schema_id("statistics.json")
        'urn:modslavery:schemas:statistics.schema.json'

    """
    return ID_PREFIX + schema_filename(filename)


def _value(info: FieldInfo, defs: dict[str, Any]) -> dict[str, Any]:
    if info.kind == "object":
        assert info.model is not None  # noqa: S101
        _define(info.model, defs)
        return {"$ref": f"#/$defs/{info.model.__name__}"}
    if info.kind == "list":
        assert info.item is not None  # noqa: S101
        schema: dict[str, Any] = {"type": "array", "items": _value(info.item, defs)}
        if info.min_length is not None:
            schema["minItems"] = info.min_length
        return schema
    schema = {"type": info.type}
    if info.enum:
        schema["enum"] = list(info.enum)
    if info.pattern is not None:
        schema["pattern"] = info.pattern
    if info.min_length is not None:
        schema["minLength"] = info.min_length
    if info.max_length is not None:
        schema["maxLength"] = info.max_length
    if info.minimum is not None:
        schema["minimum"] = info.minimum
    if info.maximum is not None:
        schema["maximum"] = info.maximum
    return schema


def _property(info: FieldInfo, defs: dict[str, Any]) -> dict[str, Any]:
    value = _value(info, defs)
    if info.nullable:
        value = {"anyOf": [value, {"type": "null"}]}
    return {"description": info.description, **value}


def _define(model: type, defs: dict[str, Any]) -> None:
    name = model.__name__
    if name in defs:
        return
    defs[name] = {}  # reserve the name first: nested models are defined after their owner
    fields = fields_of(model)
    defs[name] = {
        "type": "object",
        "description": (model.__doc__ or name).strip().splitlines()[0],
        "additionalProperties": False,
        "required": [f.name for f in fields if f.required],
        "properties": {f.name: _property(f, defs) for f in fields},
        **_EXTRA.get(name, {}),
    }


def json_schema(filename: str) -> dict[str, Any]:
    """
    The JSON Schema of a bundled data file (``"statistics.json"``, ..., ``"manifest.json"``), from the models.

    Raises:
        KeyError: not a bundled data file.

    Example:
        >>> json_schema("statistics.json")["$defs"]["Statistic"]["properties"]["unit"]["enum"][:3]
        ['people', 'offences', 'countries']

    """
    if filename == "manifest.json":
        return _MANIFEST
    model = _MODELS[filename]
    defs: dict[str, Any] = {}
    _define(model, defs)
    return {
        "$schema": DRAFT,
        "$id": schema_id(filename),
        "title": filename,
        "description": f"An array of {model.__name__} records, as bundled in modslavery/data/{filename}.",
        "type": "array",
        "items": {"$ref": f"#/$defs/{model.__name__}"},
        "$defs": defs,
    }


def schema_text(filename: str) -> str:
    """
    The schema of a data file as the JSON text the package ships (two-space indent, final newline).

    Example:
        >>> schema_text("measures.json").splitlines()[1]
        '  "$schema": "https://json-schema.org/draft/2020-12/schema",'

    """
    return json.dumps(json_schema(filename), ensure_ascii=False, indent=2) + "\n"


def _names() -> list[str]:
    return [*(filename for filename, _, _ in FILES), "manifest.json"]


def bundled_schema(filename: str) -> dict[str, Any]:
    """
    The schema of a data file as shipped in the installed package.

    Example:
        >>> bundled_schema("manifest.json")["required"]
        ['data_version', 'files']

    """
    text = files("modslavery").joinpath("schemas").joinpath(schema_filename(filename)).read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def write_schemas(target: str | os.PathLike[str]) -> list[Path]:
    """
    Write the schema of every bundled data file into directory *target*.

    ``write_schemas("src/modslavery/schemas")`` regenerates the shipped files after a model change.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     [p.name for p in write_schemas(tmp)][:2]
        ['documents.schema.json', 'measures.schema.json']

    """
    return write_files(target, schema_files())


def schema_files() -> dict[str, bytes]:
    """
    The bytes of the schema of every bundled data file, by schema file name.

    Example:
        >>> list(schema_files())[-1]
        'manifest.schema.json'

    """
    return {schema_filename(filename): schema_text(filename).encode("utf-8") for filename in _names()}
