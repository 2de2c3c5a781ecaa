"""
Strict JSON: UTF-8 bytes to Python values, refusing what :func:`json.loads` lets through.

Refused, each with the file name and a line and column or a JSON path: bytes
that are not UTF-8, a byte order mark, repeated keys in an object (the
standard parser silently keeps the last), ``NaN`` and ``Infinity``, integers
too long for Python to convert, numbers that are not zero but too small for a
float (``1e-400`` would become ``0.0``), and nesting deeper than *max_depth*.

Example:
    >>> parse_json(b'{"a": 1, "a": 2}', "x.json")
    Traceback (most recent call last):
    ...
    modslavery.errors.DataError: x.json: $.a: duplicate key 'a'

"""

from __future__ import annotations

import itertools
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
_NOT_STRUCTURE = bytes(byte for byte in range(256) if byte not in b'[]{}":')
#: What each byte of the structure adds to the depth: an opening bracket 1, a closing one -1.
_DEPTH_STEP = tuple(1 if byte in b"[{" else -1 if byte in b"]}" else 0 for byte in range(256))
#: A JSON string (closed or not), a number's digits, a bracket, or NaN/Infinity: what the error locators read.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|"|\d+|[\[{]|[\]}]|NaN|Infinity', re.DOTALL)
#: A JSON string, or a number with a fraction or an exponent: where a float literal stands.
_FLOAT_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?', re.DOTALL)


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
    marks = _structure(data)
    if not _nesting_within(marks, max_depth):
        where = _too_deep(text, max_depth)
        if where is not None:  # otherwise the brackets do not pair up, and the parser says where
            raise DataError([f"{filename}: {where}: nested deeper than max_depth={max_depth}"])
    sizes: list[int] = []
    record_size = sizes.append

    def counted(obj: dict[str, Any]) -> dict[str, Any]:
        record_size(len(obj))
        return obj

    value = _loads(text, filename, object_hook=counted)
    # Each key is one colon outside the strings; an object that repeated a key holds one key fewer.
    if sum(sizes) != marks.count(b":"):
        _raise_repeated_keys(text, filename)
    return value


def _raise_repeated_keys(text: str, filename: str) -> None:
    """Parse *text* again pair by pair, and raise a DataError naming each repeated key and its path."""
    value = _loads(text, filename, object_pairs_hook=_object_noting_repeats)
    problems = Problems()
    problems.extend(f"{filename}: {path}: duplicate key {key!r}" for path, key in _repeated_keys(value))
    problems.raise_if_any()


def _decode(data: bytes, filename: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError([f"{filename}: byte {error.start}: not valid UTF-8 ({error.reason})"]) from None
    if text.startswith("\ufeff"):
        raise DataError([f"{filename}: line 1 column 1: byte order mark; save the file as UTF-8 without BOM"])
    return text


def _loads(text: str, filename: str, **hook: Any) -> object:
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_parse_float, **hook)
    except json.JSONDecodeError as error:  # a syntax error, with its position
        raise DataError([f"{filename}: line {error.lineno} column {error.colno}: {error.msg}"]) from None
    except ValueError as error:  # NaN or Infinity, an integer over the interpreter's digit limit, an underflow
        raise DataError([f"{filename}: {_locate_value_error(text, error)}"]) from None
    except RecursionError:  # only if max_depth is set above what the interpreter can parse
        raise DataError([f"{filename}: $: nesting is too deep to parse"]) from None


class _Repeated(dict[str, Any]):
    """A parsed JSON object that repeated some of its keys, found again after parsing to name their paths."""

    __slots__ = ("repeated",)

    def __init__(self, result: dict[str, Any], pairs: list[tuple[str, Any]]) -> None:
        super().__init__(result)
        seen: set[str] = set()
        self.repeated = [key for key, _ in pairs if key in seen or seen.add(key)]  # type: ignore[func-returns-value]


def _object_noting_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    return result if len(result) == len(pairs) else _Repeated(result, pairs)


def _refuse_constant(name: str) -> None:
    msg = f"{name} is not a number in JSON"
    raise ValueError(msg)


class _UnderflowError(ValueError):
    """A number literal that is not zero but reads as 0.0, too small for a float."""

    def __init__(self, literal: str) -> None:
        shown = literal if len(literal) <= 30 else f"{literal[:24]}... ({len(literal)} characters)"  # noqa: PLR2004
        super().__init__(f"{shown} is not zero, but too small for a float: it would read as 0.0")
        self.literal = literal


def _parse_float(literal: str) -> float:
    """A number literal with a fraction or exponent as a float, refusing one that underflows to zero."""
    value = float(literal)
    # A literal reads as zero only if every digit before its exponent is 0.
    if value == 0.0 and literal.lower().partition("e")[0].strip("-.0"):
        raise _UnderflowError(literal)
    return value


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


def _structure(data: bytes) -> bytes:
    """
    The brackets and colons of a JSON document that stand outside its strings, found without parsing.

    Escapes go first (so an escaped quote ends no string), then every byte
    but brackets, colons and quotes (UTF-8 never puts an ASCII byte inside a
    multi-byte character), then the strings, which are short by then.

    Example:
        >>> _structure(b'{"a": [1, "]:"], "b": {}}')
        b'{:[]:{}}'

    """
    if b"\\" in data:
        data = _ESCAPE.sub(b"", data)
    marks = data.translate(None, _NOT_STRUCTURE)
    # Most strings hold no bracket, colon or quote and are left as an empty pair of quotes: if every quote
    # is in such a pair, removing the pairs removes the strings; otherwise the strings are matched in order.
    if marks.count(b'""') * 2 == marks.count(b'"'):
        return marks.replace(b'""', b"")
    return _STRING.sub(b"", marks)


def _nesting_within(marks: bytes, max_depth: int) -> bool:
    """
    Whether the brackets of :func:`_structure` never nest deeper than *max_depth*, told in one linear pass.

    Example:
        >>> _nesting_within(_structure(b'[{"a": "]]][["}]'), 2), _nesting_within(b"[[[]]]", 2)
        (True, False)

    """
    brackets = marks.translate(None, b":")
    return max(itertools.accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) <= max_depth


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
    if isinstance(error, _UnderflowError):
        return _locate_underflow(text, error)
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


def _locate_underflow(text: str, error: _UnderflowError) -> str:
    """Where the literal stands: the first number outside the strings that spells it (the parser stopped there)."""
    for match in _FLOAT_TOKENS.finditer(text):
        if match.group() == error.literal:
            return f"{_position(text, match.start())}: {error}"
    return f"$: {error}"
