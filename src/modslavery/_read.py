"""
From bytes to records: each data file read, parsed as strict JSON and structured by the converter.

Example:
    >>> from modslavery._files import bundled_files
    >>> parts = read_parts(lambda name: bundled_files().joinpath(name).read_bytes())
    >>> len(parts.signatures)
    114

"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from modslavery._converter import structure_records
from modslavery._format import FILES, Parts
from modslavery._json import DEFAULT_MAX_DEPTH, parse_json
from modslavery._problems import Problems
from modslavery.errors import DataError

__all__ = ["read_parts"]


def read_parts(read: Callable[[str], bytes], *, max_depth: int = DEFAULT_MAX_DEPTH) -> Parts:
    """
    The records of every data file, read with *read* (a file name to its bytes), one file after another.

    A file's parsed JSON is dropped once its records are built, so a load
    holds the values of one file at a time. The problems of every file are
    reported together.

    Raises:
        DataError: naming the file and JSON path of each problem.

    Example:
        >>> read_parts(lambda name: b"[]" if name != "measures.json" else b"[{}]")
        Traceback (most recent call last):
        ...
        modslavery.errors.DataError: measures.json: $[0].id: required field missing
        measures.json: $[0].label: required field missing
        measures.json: $[0].description: required field missing

    """
    records: dict[str, Any] = {}
    problems = Problems()
    for filename, attribute, model in FILES:
        try:
            records[attribute] = structure_records(
                parse_json(read(filename), filename, max_depth=max_depth), model, filename
            )
        except DataError as error:
            problems.absorb(error)
    problems.raise_if_any()
    return Parts(**records)
