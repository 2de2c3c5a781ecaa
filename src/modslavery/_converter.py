"""
The one cattrs converter between JSON values and modslavery records.

It is strict where cattrs' defaults coerce: a string field takes only a
string, an integer only an integer (never a bool or a float), a number only a
finite int or float, a tuple only a JSON array, and unknown keys are an error.

Example:
    >>> from modslavery._converter import structure_records
    >>> from modslavery.models import Measure
    >>> structure_records([{"id": "x-y", "label": "L", "description": "D"}], Measure, "measures.json")
    (Measure(id='x-y', label='L', description='D'),)

"""

from __future__ import annotations

import enum
import functools
import math
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, get_args, get_origin

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError, IterableValidationNote

from modslavery.errors import DataError
from modslavery.models import PartialDate

__all__ = ["converter", "structure_records", "unstructure_records"]

T = TypeVar("T")

_JSON_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    type(None): "null",
    list: "an array",
    dict: "an object",
}


def _json_type(value: object) -> str:
    """Name a JSON value's type the way a data author would."""
    return _JSON_NAMES.get(type(value), type(value).__name__)


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, got {_json_type(value)}"
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


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        msg = f"expected true or false, got {_json_type(value)}"
        raise TypeError(msg)
    return value


def _structure_partial_date(value: object, _: type) -> PartialDate:
    if not isinstance(value, str):
        msg = f"expected a date string YYYY[-MM[-DD]], got {_json_type(value)}"
        raise TypeError(msg)
    return PartialDate.parse(value)


def _is_enum(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, enum.Enum)


def _enum_hook_factory(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    allowed = ", ".join(repr(member.value) for member in cls)
    by_value = {member.value: member for member in cls}

    def hook(value: object, _: type) -> enum.Enum:
        if not isinstance(value, str):
            msg = f"expected a string, got {_json_type(value)}"
            raise TypeError(msg)
        try:
            return by_value[value]
        except KeyError:
            msg = f"{value!r} is not one of {allowed}"
            raise ValueError(msg) from None

    return hook


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _tuple_hook_factory(cls: Any, conv: cattrs.Converter) -> Callable[[object, type], tuple[Any, ...]]:
    item_type = get_args(cls)[0]
    item_hook = conv.get_structure_hook(item_type)

    def hook(value: object, _: type) -> tuple[Any, ...]:
        # cattrs would accept any iterable: a string would become a tuple of characters.
        if type(value) is not list:
            msg = f"expected an array, got {_json_type(value)}"
            raise TypeError(msg)
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as error:  # noqa: BLE001 - collected and re-raised as a group below
                note = IterableValidationNote(f"Structuring {cls!r} @ index {index}", index, item_type)
                # Exception.add_note is 3.11+; cattrs reads __notes__ on 3.10 too.
                error.__notes__ = [*getattr(error, "__notes__", []), note]  # type: ignore[attr-defined]
                errors.append(error)
        if errors:
            raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
        return tuple(items)

    return hook


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    # Predicates match the exact type: singledispatch on str would also catch str-based enums.
    conv.register_structure_hook_func(lambda t: t is str, _structure_str)
    conv.register_structure_hook_func(lambda t: t is int, _structure_int)
    conv.register_structure_hook_func(lambda t: t is float, _structure_number)
    conv.register_structure_hook_func(lambda t: t is bool, _structure_bool)
    conv.register_structure_hook(int | float, _structure_number)
    conv.register_structure_hook(PartialDate, _structure_partial_date)
    conv.register_unstructure_hook(PartialDate, str)
    conv.register_structure_hook_factory(_is_enum, _enum_hook_factory)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, functools.partial(_tuple_hook_factory, conv=conv))
    return conv


converter: cattrs.Converter = _make_converter()
"""The configured converter. Prefer :func:`structure_records` for whole files."""


def _format_exception(error: BaseException, type_: type | None) -> str:
    """Describe one leaf error of a structuring failure in one short phrase."""
    if isinstance(error, ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(error.extra_fields))}"
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, (TypeError, ValueError)):
        # attrs validators raise with (message, attribute, type, value) as args.
        text = str(error.args[0]) if len(error.args) > 1 else str(error)
        if "string indices" in text or "not subscriptable" in text or "argument of type" in text:
            return "expected an object"
        return text
    return f"{type(error).__name__}: {error}"


def _problems(error: BaseException, path: str) -> list[str]:
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        lines = cattrs.transform_error(error, path=path, format_exception=_format_exception)
        # transform_error writes "message @ $.path"; we write "$.path: message".
        return [f"{line.rpartition(' @ ')[2]}: {line.rpartition(' @ ')[0]}" for line in lines]
    return [f"{path}: {_format_exception(error, None)}"]


def structure_records(values: object, cls: type[T], filename: str) -> tuple[T, ...]:
    """
    Structure a JSON array of records, reporting every bad record at once.

    Raises:
        DataError: naming *filename* and the JSON path of each problem.

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
    hook = converter.get_structure_hook(cls)
    records: list[T] = []
    problems: list[str] = []
    for index, value in enumerate(values):
        path = f"$[{index}]"
        if type(value) is not dict:
            problems.append(f"{filename}: {path}: expected an object, got {_json_type(value)}")
            continue
        try:
            records.append(hook(value, cls))
        except Exception as error:  # noqa: BLE001 - every failure becomes a DataError line
            problems.extend(f"{filename}: {line}" for line in _problems(error, path))
    if problems:
        raise DataError(problems)
    return tuple(records)


def unstructure_records(records: Sequence[object]) -> list[Any]:
    """
    Turn records back into JSON-ready values (the exact inverse of structuring).

    Example:
        >>> from modslavery.models import Measure
        >>> unstructure_records([Measure(id="x-y", label="L", description="D")])
        [{'id': 'x-y', 'label': 'L', 'description': 'D'}]

    """
    return [converter.unstructure(record) for record in records]
