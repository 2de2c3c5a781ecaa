"""
Counting the keys of a parsed data file through its model's nesting.

A JSON object that repeats a key parses to a dict one entry smaller, so a
file has no repeated key exactly when its objects' sizes add up to the keys
its text holds (one per colon outside strings). The parser's per-object hook
that summed the sizes cost a Python call per object; here the sizes are summed
afterwards, a whole array at a time, following only the nesting the model
allows (a nested record, or an array of them).

The count never exceeds the true number of keys: objects the model does not
nest (under an unknown key, or in place of a string) are not counted, so a
file with such objects looks short by their keys and is parsed again pair by
pair, which names any repeated key. For records the model accepts, the count
is exact.

Example:
    >>> from modslavery.models import Campaign, Measure
    >>> key_count([{"id": "a-b", "label": "L", "description": "D"}], Measure)
    3
    >>> key_count([{"id": "a-b", "extra": {"not": "counted"}}], Measure)
    2

"""

from __future__ import annotations

import functools
import types
import typing
from typing import Any

import attrs

from modslavery._fast import _hints

__all__ = ["key_count"]

#: A nested field: its name, the record type it holds, and whether it holds an array of them.
_Nested = tuple[str, type, bool]


@functools.cache
def _nested_fields(model: type) -> tuple[_Nested, ...]:
    """The fields of *model* that hold a record or an array of records (optional or not)."""
    nested: list[_Nested] = []
    for name, hint in _hints(model).items():
        args = typing.get_args(hint)
        if typing.get_origin(hint) in {typing.Union, types.UnionType} and type(None) in args:
            hint = next(arg for arg in args if arg is not type(None))  # noqa: PLW2901 - unwrap Optional
            args = typing.get_args(hint)
        if attrs.has(hint):
            nested.append((name, hint, False))
        elif typing.get_origin(hint) is tuple and args and attrs.has(args[0]):
            nested.append((name, args[0], True))
    return tuple(nested)


def key_count(records: object, model: type) -> int:
    """
    How many keys the objects of *records*, a file of *model* records, hold (see the module's docstring).

    Example:
        >>> from modslavery.models import Statistic
        >>> key_count([{"id": "s", "period": {"start": "2020", "note": "n"}}, "not an object"], Statistic)
        4

    """
    if type(records) is not list:
        return len(records) if type(records) is dict else 0
    return _count(records, model)


def _count(objects: list[Any], model: type) -> int:
    if not set(map(type, objects)) <= {dict}:
        objects = [item for item in objects if type(item) is dict]
    total = sum(map(len, objects))
    for name, inner, many in _nested_fields(model):
        children = [child for item in objects if (child := item.get(name)) is not None]
        if many:
            children = [element for child in children if type(child) is list for element in child]
        if children:
            total += _count(children, inner)
    return total
