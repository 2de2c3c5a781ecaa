"""
Building records from data already known to be valid: the bundled files after their hashes match.

The bundled files passed every check of the test suite, and :func:`modslavery.load`
uses this module only when their bytes match the package manifest. So the
generated functions here check nothing: they convert JSON values to the
declared types (enums, dates, tuples, nested records) and set the fields
directly, without running the models' ``__init__`` and validators. Untrusted
data never comes here; it goes through :mod:`modslavery._fast` and the models'
validators (``tests/test_trusted_load.py`` checks both give equal records).

Example:
    >>> from modslavery.models import Evidence
    >>> build_records([{"quote": "q", "start": 0, "end": 1}], Evidence)
    (Evidence(quote='q', start=0, end=1),)

"""

from __future__ import annotations

import enum
import threading
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from modslavery._fast import _date, _hints, field_setter
from modslavery.models import PartialDate

__all__ = ["build_records"]

T = TypeVar("T")

_lock = threading.Lock()
_namespace: dict[str, Any] = {"_new": object.__new__, "_date": _date}
_names: dict[type, str] = {}


def _constant(value: object, stem: str) -> str:
    name = f"_{stem}_{len(_namespace)}"
    _namespace[name] = value
    return name


def _convert(expression: str, tp: Any) -> str:  # noqa: PLR0911 - one return per kind of type
    """An expression that turns the JSON value *expression* into a value of type *tp*."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in {typing.Union, types.UnionType} and type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        converted = _convert("_v", inner)
        if converted == "_v":
            return expression
        return f"(lambda _v: None if _v is None else {converted})({expression})"
    if origin is tuple:
        converted = _convert("_i", args[0])
        return f"tuple({expression})" if converted == "_i" else f"tuple([{converted} for _i in {expression}])"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"{_constant({m.value: m for m in tp}, 'members')}[{expression}]"
    if tp is PartialDate:
        return f"_date({expression})"
    if attrs.has(tp):
        return f"{_function(tp)}({expression})"
    return expression  # str, int, float, bool: JSON already holds them


def _function(cls: type) -> str:
    """The name of the builder of *cls*, writing and compiling it first if needed."""
    if cls in _names:
        return _names[cls]
    name = f"build_{cls.__name__}"
    _names[cls] = name
    hints = _hints(cls)
    lines = [f"def {name}(d):", f"    o = _new({_constant(cls, 'cls')})"]
    for attribute in attrs.fields(cls):
        if attribute.default is attrs.NOTHING:
            value = f"d[{attribute.name!r}]"
        else:
            value = f"d.get({attribute.name!r}, {_constant(attribute.default, 'default')})"
        setter = _constant(field_setter(cls, attribute.name), "set")
        lines.append(f"    {setter}(o, {_convert(value, hints[attribute.name])})")
    lines.append("    return o")
    source = "\n".join(lines)
    exec(compile(source, f"<modslavery trusted build {cls.__name__}>", "exec"), _namespace)  # noqa: S102 - our own source
    return name


def _builder(cls: type[T]) -> Callable[[object], T]:
    with _lock:
        function: Callable[[object], T] = _namespace[_function(cls)]
    return function


def build_records(values: list[Any], cls: type[T]) -> tuple[T, ...]:
    """
    Records of *cls* from a JSON array that is known to be valid (nothing is checked).

    Example:
        >>> from modslavery.models import Measure
        >>> build_records([{"id": "a-b", "label": "A", "description": "d"}], Measure)[0].label
        'A'

    """
    return tuple(map(_builder(cls), values))
