"""
Strict JSON: UTF-8 bytes to Python values, refusing what :func:`json.loads` lets through.

Refused, each with the file name and a line and column or a JSON path: bytes
that are not UTF-8, a byte order mark, repeated keys in an object (the
standard parser silently keeps the last), ``NaN`` and ``Infinity``, integers
too long for Python to convert, and nesting deeper than *max_depth*.

Example:
    >>> parse_json(b'{"a": 1, "a": 2}', "x.json")
    Traceback (most recent call last):
    ...
    modslavery.errors.DataError: x.json: $.a: duplicate key 'a'

"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from typing import Any

from modslavery._problems import Problems
from modslavery.errors import DataError

__all__ = ["DEFAULT_MAX_DEPTH", "parse_json"]

#: The deepest nesting of arrays and objects :func:`parse_json` accepts by default.
#: The data format needs 6 (documents.json); the limit keeps parsing far from Python's recursion limit.
DEFAULT_MAX_DEPTH = 64

_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_STRING = re.compile(rb'"[^"]*"')
#: Objects become arrays and every byte but brackets goes: what the nesting check counts.
_KEEP_BRACKETS = (bytes.maketrans(b"{}", b"[]"), bytes(byte for byte in range(256) if byte not in b"[]{}"))
#: A JSON string (closed or not), a number's digits, a bracket, or NaN/Infinity: what the error locators read.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|"|\d+|[\[{]|[\]}]|NaN|Infinity', re.DOTALL)


def parse_json(data: bytes, filename: str, *, max_depth: int = DEFAULT_MAX_DEPTH) -> object:
    """
    Decode UTF-8 JSON strictly: repeated keys, NaN and Infinity are errors; nesting is limited to *max_depth*.

    Raises:
        DataError: with the line and column of a syntax error, or the JSON
            path of every repeated key.

    Example:
        >>> parse_json(b"[1, 2", "x.json")
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: x.json: line 1 column 6: Expecting ',' delimiter
        >>> parse_json(b'[{"a": [1, 2], "b": {"c": 1, "c": 2}, "a": 0}]', "x.json")
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: x.json: $[0].a: duplicate key 'a'
        x.json: $[0].b.c: duplicate key 'c'
        >>> parse_json(b"[[[]]]", "x.json", max_depth=2)
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: x.json: line 1 column 3: nested deeper than max_depth=2

    """
    text = _decode(data, filename)
    if not _nesting_within(data, max_depth):
        where = _too_deep(text, max_depth)
        if where is not None:  # otherwise the brackets do not pair up, and the parser says where
            raise DataError([f"{filename}: {where}: nested deeper than max_depth={max_depth}"])
    return _loads(text, filename)


def _decode(data: bytes, filename: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError([f"{filename}: byte {error.start}: not valid UTF-8 ({error.reason})"]) from None
    if text.startswith("\ufeff"):
        raise DataError([f"{filename}: line 1 column 1: byte order mark; save the file as UTF-8 without BOM"])
    return text


def _loads(text: str, filename: str) -> object:
    """Parse *text*; repeated keys are found as each object is built, and their paths named afterwards."""
    repeated = False

    def pairs_to_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        repeated = True
        return _Repeated(result, pairs)

    try:
        value = json.loads(text, object_pairs_hook=pairs_to_dict, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:  # a syntax error, with its position
        raise DataError([f"{filename}: line {error.lineno} column {error.colno}: {error.msg}"]) from None
    except ValueError as error:  # NaN or Infinity, or an integer over the interpreter's digit limit
        raise DataError([f"{filename}: {_locate_value_error(text, error)}"]) from None
    except RecursionError:  # only if max_depth is set above what the interpreter can parse
        raise DataError([f"{filename}: $: nesting is too deep to parse"]) from None
    if repeated:
        problems = Problems()
        problems.extend(f"{filename}: {path}: duplicate key {key!r}" for path, key in _repeated_keys(value))
        problems.raise_if_any()
    return value


class _Repeated(dict[str, Any]):
    """A parsed JSON object that repeated some of its keys, found again after parsing to name their paths."""

    __slots__ = ("repeated",)

    def __init__(self, result: dict[str, Any], pairs: list[tuple[str, Any]]) -> None:
        super().__init__(result)
        seen: set[str] = set()
        self.repeated = [key for key, _ in pairs if key in seen or seen.add(key)]  # type: ignore[func-returns-value]


def _refuse_constant(name: str) -> None:
    msg = f"{name} is not a number in JSON"
    raise ValueError(msg)


def _step(key: str) -> str:
    """One step of a JSON path: ``.name``, or ``["odd key"]`` for keys that are not plain names."""
    return f".{key}" if key.isidentifier() and key.isascii() else f"[{json.dumps(key)}]"


def _repeated_keys(value: object) -> Iterator[tuple[str, str]]:
    """Each repeated key of a parsed document with the path of its object, in document order (no recursion)."""
    stack: list[tuple[object, str]] = [(value, "$")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, _Repeated):
            for key in item.repeated:
                yield path + _step(key), key
        if isinstance(item, dict):
            stack.extend((child, path + _step(key)) for key, child in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((item[index], f"{path}[{index}]") for index in range(len(item) - 1, -1, -1))


def _nesting_within(data: bytes, max_depth: int) -> bool:
    r"""
    Whether the arrays and objects of *data* nest at most *max_depth* deep, told without parsing.

    Escapes go first (so an escaped quote ends no string), then the strings,
    then every byte but brackets. Each pass then removes the innermost pairs;
    a document nested *n* deep is empty after *n* passes. ``False`` also for
    brackets that do not pair up, which the parser reports.

    Example:
        >>> _nesting_within(b'[{"a": "]]][["}]', 2), _nesting_within(b"[[[]]]", 2)
        (True, False)

    """
    if b"\\" in data:
        data = _ESCAPE.sub(b"", data)
    brackets = _STRING.sub(b"", data).translate(*_KEEP_BRACKETS)
    for _ in range(max_depth):
        if not brackets:
            return True
        inner_removed = brackets.replace(b"[]", b"")
        if len(inner_removed) == len(brackets):
            return False
        brackets = inner_removed
    return not brackets


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"line {line} column {offset - text.rfind(chr(10), 0, offset)}"


def _too_deep(text: str, max_depth: int) -> str | None:
    """Where the nesting first goes deeper than *max_depth* (``None`` if it never does before an open string)."""
    depth = 0
    for match in _TOKENS.finditer(text):
        lexeme = match.group()
        if lexeme in "[{":
            depth += 1
            if depth > max_depth:
                return _position(text, match.start())
        elif lexeme in "]}":
            depth -= 1
        elif lexeme == '"':  # an unterminated string: the parser reports it
            return None
    return None


def _locate_value_error(text: str, error: ValueError) -> str:
    """
    Where a ValueError raised while parsing comes from: a NaN/Infinity literal, or an over-long integer.

    The parser stops at the first such token, so everything before it is
    valid JSON and one scan from the start finds it.
    """
    constant = "is not a number in JSON" in str(error)  # raised by _refuse_constant
    # int() refuses literals over sys.get_int_max_str_digits() digits (Python 3.11+; 4300 by default).
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
    for match in _TOKENS.finditer(text):
        lexeme = match.group()
        if constant and lexeme in {"NaN", "Infinity"}:
            start = match.start() - (text[match.start() - 1 : match.start()] == "-")
            return f"{_position(text, start)}: {error}"
        if not constant and lexeme[0].isdigit() and len(lexeme) > limit:
            return f"{_position(text, match.start())}: integer of {len(lexeme)} digits is too long"
    return f"$: {error}"
