"""JSON Schemas of the bundled files: shipped, in step with the models, and enforced (issue #6)."""

from __future__ import annotations

import copy
import enum
import json
import types
import typing
from pathlib import Path

import attrs
import jsonschema
import pytest

from modslavery.dataset import FILES
from modslavery.export.schema import DRAFT, bundled_schema, json_schema, schema_filename, write_schemas
from modslavery.models import PartialDate

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "modslavery" / "data"
SCHEMAS = ROOT / "src" / "modslavery" / "schemas"
BUNDLED = sorted(p.name for p in DATA.glob("*.json"))
REGENERATE = "python -c 'from modslavery.export.schema import write_schemas; write_schemas(\"src/modslavery/schemas\")'"


def load(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(bundled_schema(name), format_checker=jsonschema.FormatChecker())


def test_every_bundled_json_file_has_a_shipped_schema():
    assert sorted(p.name for p in SCHEMAS.glob("*.schema.json")) == sorted(schema_filename(n) for n in BUNDLED)


@pytest.mark.parametrize("name", BUNDLED)
def test_shipped_schema_is_current(name):
    """The shipped file is what the models give today; regenerate it after a model change."""
    assert bundled_schema(name) == json_schema(name), f"schema of {name} is stale; run {REGENERATE}"


@pytest.mark.parametrize("name", BUNDLED)
def test_schema_is_valid_draft_2020_12(name):
    schema = bundled_schema(name)
    assert schema["$schema"] == DRAFT
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_data_validates(name):
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator(name).iter_errors(load(name))]
    assert problems == []


def _expected_type(tp) -> set[str]:
    """JSON types a Python annotation allows, worked out here independently of the schema generator."""
    args = typing.get_args(tp) if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union else (tp,)
    found = set()
    for arg in args:
        if arg is type(None):
            found.add("null")
        elif arg is str or arg is PartialDate or (isinstance(arg, type) and issubclass(arg, enum.Enum)):
            found.add("string")
        elif arg is int:
            found.add("integer")
        elif arg is float:
            found.add("number")
        elif arg is bool:
            found.add("boolean")
        elif typing.get_origin(arg) is tuple:
            found.add("array")
        elif attrs.has(arg):
            found.add("object")
    if {"integer", "number"} <= found:
        found.discard("integer")
    return found


def _schema_types(prop: dict, defs: dict) -> set[str]:
    if "anyOf" in prop:
        return set().union(*(_schema_types(p, defs) for p in prop["anyOf"]))
    if "$ref" in prop:
        return {defs[prop["$ref"].rsplit("/", 1)[1]]["type"]}
    return {prop["type"]}


def _check_model(model: type, schema: dict, defs: dict, seen: set) -> None:
    if model in seen:
        return
    seen.add(model)
    hints = typing.get_type_hints(model)
    fields = attrs.fields(model)
    assert list(schema["properties"]) == [f.name for f in fields], model.__name__
    assert schema["required"] == [f.name for f in fields if f.default is attrs.NOTHING], model.__name__
    assert schema["additionalProperties"] is False
    for field in fields:
        prop = schema["properties"][field.name]
        assert prop["description"], f"{model.__name__}.{field.name} has no description"
        assert _schema_types(prop, defs) == _expected_type(hints[field.name]), f"{model.__name__}.{field.name}"
        inner = [a for a in typing.get_args(hints[field.name]) if a is not type(None)] or [hints[field.name]]
        for option in inner:
            arg = typing.get_args(option)[0] if typing.get_origin(option) is tuple else option
            if attrs.has(arg) and arg is not PartialDate:
                _check_model(arg, defs[arg.__name__], defs, seen)
            elif isinstance(arg, type) and issubclass(arg, enum.Enum):
                flat = prop.get("anyOf", [prop])[0]
                flat = flat.get("items", flat)
                assert flat["enum"] == [m.value for m in arg]


@pytest.mark.parametrize(("filename", "model"), [(f, m) for f, _, m in FILES])
def test_schema_matches_the_model_fields_recursively(filename, model):
    """Field names, required keys, JSON types and enum values follow attrs.fields() of every nested model."""
    schema = bundled_schema(filename)
    defs = schema["$defs"]
    _check_model(model, defs[model.__name__], defs, set())


def _first(name: str) -> dict:
    return copy.deepcopy(load(name)[0])


@pytest.mark.parametrize(
    ("name", "change", "fragment"),
    [
        ("signatures.json", lambda r: r.update(extra=1), "Additional properties"),
        ("signatures.json", lambda r: r.pop("campaign_id"), "'campaign_id' is a required property"),
        ("signatures.json", lambda r: r.update(organisation_id="Not An Id"), "does not match"),
        ("signatures.json", lambda r: r.update(position=0), "less than the minimum"),
        ("signatures.json", lambda r: r.update(start=True), "is not of type 'integer'"),
        ("statistics.json", lambda r: r.update(unit="furlongs"), "is not one of"),
        ("statistics.json", lambda r: r.update(value="17004"), "is not of type 'number'"),
        ("documents.json", lambda r: r.update(sha256="abc"), "does not match"),
        (
            "campaigns.json",
            lambda r: r.update(date={"start": "2024-13", "end": None, "basis": "stated"}),
            "does not match",
        ),
        (
            "mentions.json",
            lambda r: r.update(organisation_id="unseen", entity_id="modern-slavery-act-2015"),
            "valid under each",
        ),
        ("mentions.json", lambda r: r.update(organisation_id=None, entity_id=None), "is not valid under any"),
        ("judgements.json", lambda r: r.update(names=["one"]), "is too short"),
        ("statistics.json", lambda r: r.update(value=2**63), "greater than the maximum"),
        ("statistics.json", lambda r: r.update(value=-1e30), "less than the minimum"),
        ("signatures.json", lambda r: r.update(end=2**63), "greater than the maximum"),
        ("documents.json", lambda r: r.update(source_file="../../../../etc/passwd"), "does not match"),
        ("documents.json", lambda r: r.update(source_file=".."), "does not match"),
        ("entities.json", lambda r: r.update(name=""), "should be non-empty"),
        ("measures.json", lambda r: r.update(label=""), "should be non-empty"),
    ],
)
def test_schema_rejects_bad_records(name, change, fragment):
    record = _first(name)
    change(record)
    messages = []
    pending = list(validator(name).iter_errors([record]))
    while pending:  # the errors and, for anyOf/oneOf, the errors of each branch
        error = pending.pop()
        messages.append(error.message)
        pending += error.context or []
    assert any(fragment in m for m in messages), messages


def test_manifest_schema_requires_every_data_file():
    manifest = load("manifest.json")
    del manifest["files"]["signatures.json"]
    assert list(validator("manifest.json").iter_errors(manifest))


def test_write_schemas_writes_what_is_shipped(tmp_path):
    written = write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in SCHEMAS.glob("*.schema.json"))
    for path in written:
        assert path.read_bytes() == (SCHEMAS / path.name).read_bytes()


@pytest.mark.parametrize("name", [*BUNDLED, "manifest.json"])
def test_every_schema_has_its_own_id(name):
    """Issue #20: an absolute $id per schema, so a validator's registry can hold them all."""
    from modslavery.export.schema import schema_id

    schema = bundled_schema(name)
    assert schema["$id"] == schema_id(name) == "urn:modslavery:schemas:" + schema_filename(name)


def test_the_schemas_resolve_by_id_from_one_registry():
    """A $ref to another schema's $id resolves through a registry of all of them."""
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    from modslavery.export.schema import schema_id

    registry = Registry().with_resources(
        (schema_id(name), DRAFT202012.create_resource(bundled_schema(name))) for name in BUNDLED
    )
    wrapper = {"$schema": DRAFT, "$ref": schema_id("measures.json")}
    checker = jsonschema.Draft202012Validator(wrapper, registry=registry)
    assert checker.is_valid(load("measures.json"))
    assert not checker.is_valid([{"id": "Not An Id", "label": "x", "description": "y"}])
    assert len({bundled_schema(name)["$id"] for name in BUNDLED}) == len(BUNDLED)
