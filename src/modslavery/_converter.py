"""
The cattrs converter between JSON values and modslavery records, for bundled and users' data alike.

It is strict where cattrs' defaults coerce: a string field takes only a
string (with no lone surrogate), an integer only an integer (never a bool or
a float), a number only a finite int or float, a tuple only a JSON array, and
unknown keys are an error. Every record is built through its class's
``__init__``, so the models' validators run.

Two converters share these rules. Good data goes through one made with
``detailed_validation=False``, whose generated code is cattrs' fastest; when
a file fails, the detailed converter goes through it again to name every
problem with its JSON path.

Example:
    >>> from modslavery.models import Measure
    >>> structure_records([{"id": "x-y", "label": "L", "description": "D"}], Measure, "measures.json")
    (Measure(id='x-y', label='L', description='D'),)
    >>> structure_records([{"id": "x-y", "label": 1, "description": "D"}], Measure, "measures.json")
    Traceback (most recent call last):
    ...
    modslavery.errors.DataError: measures.json: $[0].label: expected a string, got an integer

"""

from __future__ import annotations

import enum
import functools
import math
import re
import types
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from modslavery._problems import Problems
from modslavery.errors import DataError
from modslavery.models import PartialDate, _StrEnum

__all__ = ["converter", "explaining_converter", "structure_records", "unstructure", "unstructure_records"]

T = TypeVar("T")

#: Where attrs validators name their field: "'end' must be ...", "Length of 'name' ...", "end (3) is before ...".
_FIELD_NAMES = (re.compile(r"'([a-z_][a-z0-9_]*)'"), re.compile(r"^([a-z_][a-z0-9_]*) "))

_JSON_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    type(None): "null",
    list: "an array",
    dict: "an object",
}

#: Longest message kept for one problem; longer ones are cut with "...".
_MAX_MESSAGE = 300


def _json_type(value: object) -> str:
    """Name a JSON value's type the way a data author would."""
    return _JSON_NAMES.get(type(value), type(value).__name__)


def _structure_str(value: object, _: type) -> str:
    if type(value) is not str:
        msg = f"expected a string, got {_json_type(value)}"
        raise TypeError(msg)
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            # JSON allows "\ud800"; such a string cannot be written back out as UTF-8.
            msg = f"not valid Unicode: lone surrogate {value[error.start]!r} at character {error.start}"
            raise ValueError(msg) from None
    return value


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        msg = f"expected true or false, got {_json_type(value)}"
        raise TypeError(msg)
    return value


def _structure_int(value: object, _: type) -> int:
    # bool is an int subclass in Python but not a number in JSON data.
    if type(value) is not int:
        msg = f"expected an integer, got {_json_type(value)}"
        raise TypeError(msg)
    return value


def _structure_number(value: object, _: object) -> int | float:
    if type(value) is int:
        return value
    if type(value) is float:
        if not math.isfinite(value):
            msg = f"expected a finite number, got {value!r}"
            raise ValueError(msg)
        return value
    msg = f"expected a number, got {_json_type(value)}"
    raise TypeError(msg)


def _structure_partial_date(value: object, _: type) -> PartialDate:
    if type(value) is not str:
        msg = f"expected a date string YYYY[-MM[-DD]], got {_json_type(value)}"
        raise TypeError(msg)
    # isascii: a regular expression's \d would also take other scripts' digits, such as "２０２０".
    if not value.isascii():
        msg = f"expected YYYY, YYYY-MM or YYYY-MM-DD in ASCII digits, got {value!r}"
        raise ValueError(msg)
    try:
        return _parse_date(value)
    except (TypeError, ValueError) as error:
        # Drop the attrs attribute from a validator's error: the JSON value is the whole string.
        raise ValueError(str(error.args[0])) from None


# Dates repeat across records, and a PartialDate is immutable: equal strings can share one.
_parse_date = functools.lru_cache(maxsize=4096)(PartialDate.parse)


@functools.cache
def _enum_members(cls: type[enum.Enum]) -> tuple[dict[object, enum.Enum], str]:
    return {member.value: member for member in cls}, ", ".join(repr(member.value) for member in cls)


def _structure_enum(value: object, cls: type) -> Any:
    by_value, allowed = _enum_members(cls)
    if type(value) is not str:
        msg = f"expected a string, got {_json_type(value)}"
        raise TypeError(msg)
    try:
        return by_value[value]
    except KeyError:
        msg = f"{value!r} is not one of {allowed}"
        raise ValueError(msg) from None


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _is_optional(cls: Any) -> bool:
    args = get_args(cls)
    return get_origin(cls) in {Union, types.UnionType} and len(args) == 2 and type(None) in args  # noqa: PLR2004


def _optional_hook_factory(cls: Any, conv: cattrs.Converter) -> Callable[[object, type], Any]:
    # cattrs' own optional hook looks the inner hook up on every call; this looks it up once.
    (inner_type,) = [arg for arg in get_args(cls) if arg is not type(None)]
    inner = conv.get_structure_hook(inner_type)

    def structure_optional(value: object, _: type) -> Any:
        return None if value is None else inner(value, inner_type)

    return structure_optional


def _tuple_hook_factory(cls: Any, conv: cattrs.Converter) -> Callable[[object, type], tuple[Any, ...]]:
    item_type = get_args(cls)[0]
    item_hook = conv.get_structure_hook(item_type)

    def structure_tuple(value: object, _: type) -> tuple[Any, ...]:
        # cattrs would take any iterable: a string would become a tuple of characters.
        if type(value) is not list:
            msg = f"expected an array, got {_json_type(value)}"
            raise TypeError(msg)
        return tuple([item_hook(item, item_type) for item in value])

    def structure_tuple_explained(value: object, _: type) -> tuple[Any, ...]:
        if type(value) is not list:
            msg = f"expected an array, got {_json_type(value)}"
            raise TypeError(msg)
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as error:  # noqa: BLE001 - collected and raised as one group below
                note = IterableValidationNote(f"Structuring {cls!r} @ index {index}", index, item_type)
                error.__notes__ = [*getattr(error, "__notes__", []), note]  # type: ignore[attr-defined]
                errors.append(error)
        if errors:
            raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
        return tuple(items)

    return structure_tuple_explained if conv.detailed_validation else structure_tuple


def _explained_attrs_hook_factory(cls: Any, conv: cattrs.Converter) -> Callable[[object, type], Any]:
    structure = make_dict_structure_fn(cls, conv)

    def structure_explained(value: object, _: type) -> Any:
        # cattrs would read any mapping-like value, and fail with an AttributeError on a list.
        if type(value) is not dict:
            msg = f"expected an object, got {_json_type(value)}"
            raise TypeError(msg)
        try:
            return structure(value, cls)
        except ClassValidationError as error:
            with_notes, without_notes = error.group_exceptions()
            if with_notes or not without_notes:
                raise
            # Every field structured and __init__ failed: attrs stops at the first failing
            # validator, so run them all to report every invalid field of the record at once.
            try:
                every = _every_validator_error(cls, value, conv)
            except Exception:  # noqa: BLE001 - fall back to the error attrs raised
                every = None
            raise every or error from None

    return structure_explained


def _every_validator_error(cls: Any, value: dict[str, Any], conv: cattrs.Converter) -> ClassValidationError | None:
    """The errors of every field validator of *cls* on the structured *value*; ``None`` unless two or more fail."""
    fields = attrs.fields(attrs.resolve_types(cls))
    structured: dict[str, Any] = {}
    for field in fields:
        if field.name in value:
            structured[field.name] = conv.structure(value[field.name], field.type)
        else:
            structured[field.name] = field.default
    # Validators read the record's other fields as attributes (an end is checked against its start).
    instance = types.SimpleNamespace(**structured)
    errors: list[Exception] = []
    for field in fields:
        if field.validator is None:
            continue
        try:
            field.validator(instance, field, structured[field.name])
        except (TypeError, ValueError) as error:
            note = AttributeValidationNote(f"Validating {cls.__qualname__} @ {field.name}", field.name, field.type)
            error.__notes__ = [*getattr(error, "__notes__", []), note]  # type: ignore[union-attr]
            errors.append(error)
    if len(errors) < 2:  # noqa: PLR2004 - one error is what attrs already reported
        return None
    return ClassValidationError(f"While validating {cls.__qualname__}", errors, cls)


def _make_converter(*, detailed: bool) -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    # cattrs dispatches str, int, float (and their subclasses: bool, the str-based enums) through
    # singledispatch before any predicate, to a hook that calls the type: str(None) == 'None',
    # int(1.9) == 1, int(True) == 1. Strict hooks replace those entries.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(float, _structure_number)
    conv.register_structure_hook(int | float, _structure_number)
    conv.register_structure_hook(PartialDate, _structure_partial_date)
    conv.register_unstructure_hook(PartialDate, str)
    # The vocabularies are str subclasses: registered on their base, singledispatch finds it before str.
    conv.register_structure_hook(_StrEnum, _structure_enum)
    # singledispatch would find str before Enum in the vocabularies' bases, and pass the member on as it is.
    conv.register_unstructure_hook(_StrEnum, _enum_value)
    conv.register_structure_hook_factory(_is_optional, functools.partial(_optional_hook_factory, conv=conv))
    conv.register_structure_hook_factory(_is_homogeneous_tuple, functools.partial(_tuple_hook_factory, conv=conv))
    if detailed:
        conv.register_structure_hook_factory(attrs.has, functools.partial(_explained_attrs_hook_factory, conv=conv))
    return conv


#: Structures good data quickly; any failure sends the file to the explaining converter.
converter = _make_converter(detailed=False)
#: Names every problem of a failing file with its JSON path.
explaining_converter = _make_converter(detailed=True)


def _format_exception(error: BaseException) -> str:
    """Describe one leaf error of a structuring failure in one short phrase."""
    if isinstance(error, ForbiddenExtraKeysError):
        # repr: a key may hold anything, even a lone surrogate that cannot be printed.
        return f"unknown field(s) {', '.join(repr(key) for key in sorted(error.extra_fields))}"
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, (TypeError, ValueError)):
        # attrs validators raise with (message, attribute, type, value) as args.
        text = str(error.args[0]) if len(error.args) > 1 else str(error)
    else:
        text = f"{type(error).__name__}: {error}"
    # Validators quote the bad value, which may be megabytes long or unprintable.
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 3] + "..."


def _field_of(error: BaseException, cls: type) -> str | None:
    """The field an attrs validator's error is about: its attribute argument, or the name it starts with."""
    if len(error.args) > 1 and isinstance(error.args[1], attrs.Attribute):
        return str(error.args[1].name)
    message = str(error.args[0]) if error.args else ""
    names = attrs.fields_dict(cls) if attrs.has(cls) else {}
    for pattern in _FIELD_NAMES:
        match = pattern.search(message)
        if match and match.group(1) in names:
            return match.group(1)
    return None


def _problems(error: BaseException, path: str) -> Iterator[str]:
    """Yield ``$.path: message`` for every leaf error of a (nested) structuring failure."""
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        with_notes, without_notes = error.group_exceptions()
        for inner, note in with_notes:
            step = f".{note.name}" if isinstance(note, AttributeValidationNote) else f"[{note.index}]"
            yield from _problems(inner, path + step)
        for inner in without_notes:
            # cattrs wraps errors of the class's __init__ (attrs validators) without a field note.
            name = _field_of(inner, error.cl) if isinstance(error, ClassValidationError) else None
            yield from _problems(inner, path if name is None else f"{path}.{name}")
        return
    yield f"{path}: {_format_exception(error)}"


def structure_records(values: object, cls: type[T], filename: str) -> tuple[T, ...]:
    """
    Structure a JSON array of records, reporting every problem of every record at once.

    Raises:
        DataError: naming *filename* and the JSON path of each problem (at
            most :data:`~modslavery.errors.MAX_PROBLEMS`, the rest counted).

    Example:
        >>> from modslavery.models import Measure
        >>> structure_records([{"id": "x-y"}], Measure, "measures.json")
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: measures.json: $[0].label: required field missing
        measures.json: $[0].description: required field missing

    """
    if type(values) is not list:
        raise DataError([f"{filename}: $: expected an array of records, got {_json_type(values)}"])
    structure = converter.get_structure_hook(cls)
    try:
        return tuple([structure(value, cls) for value in values])
    except Exception:  # noqa: BLE001, S110 - the detailed pass below says what is wrong
        pass
    return _explain(values, cls, filename)


def _explain(values: list[object], cls: type[T], filename: str) -> tuple[T, ...]:
    """Structure *values* record by record with the detailed converter, raising every problem it names."""
    explain = explaining_converter.get_structure_hook(cls)
    structure = converter.get_structure_hook(cls)
    records: list[T] = []
    problems = Problems()
    for index, value in enumerate(values):
        try:
            # Past the limit of listed problems, a bad record is only counted: the quick converter tells.
            records.append(structure(value, cls) if problems.full else explain(value, cls))
        except Exception as error:  # noqa: BLE001 - every failure becomes a DataError line
            if problems.full:
                problems.add("")
            else:
                problems.extend(f"{filename}: {line}" for line in _problems(error, f"$[{index}]"))
    problems.raise_if_any()
    return tuple(records)  # the quick pass failed on something the detailed one accepts (never seen)


def unstructure(record: object) -> Any:
    """
    Turn one record back into JSON-ready values (the exact inverse of structuring).

    Example:
        >>> from modslavery.models import PartialDate, _StrEnum
        >>> unstructure(PartialDate(2013, 4))
        '2013-04'

    """
    return converter.unstructure(record)


def unstructure_records(records: Sequence[object]) -> list[Any]:
    """
    Turn records back into JSON-ready values.

    Example:
        >>> from modslavery.models import Measure
        >>> unstructure_records([Measure(id="x-y", label="L", description="D")])
        [{'id': 'x-y', 'label': 'L', 'description': 'D'}]

    """
    return [converter.unstructure(record) for record in records]
