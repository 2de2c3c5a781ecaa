"""
What a command returns, and how it is printed: aligned text, JSON or CSV.

Example:
    >>> table = Table(("id", "name"), [("unseen", "Unseen UK"), ("a21", "A21 UK")])
    >>> print(render(table, "text"))
    id      name
    unseen  Unseen UK
    a21     A21 UK
    >>> print(render(table, "csv"))
    id,name
    unseen,Unseen UK
    a21,A21 UK

"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from attrs import field, frozen

__all__ = ["Record", "Table", "Text", "render"]


@frozen
class Table:
    """
    Rows under named columns: printed aligned, as a JSON array of objects, or as CSV.

    *empty* is what people read instead of a bare header when there are no
    rows (CSV keeps the header); *decimals* fixes the digits of a column of
    fractions in text and CSV (JSON keeps the numbers as they are).

    Example:
        >>> Table(("n",), [(1,)]).as_json()
        [{'n': 1}]
        >>> print(render(Table(("score",), [(1.0,), (0.7269,)], decimals={"score": 2}), "text"))
        score
        1.00
        0.73

    """

    columns: tuple[str, ...]
    rows: Sequence[tuple[Any, ...]]
    footer: str | None = None
    status: int = 0
    data: Any = None
    empty: str = "nothing found"
    decimals: Mapping[str, int] = field(factory=dict, hash=False)

    def as_json(self) -> Any:
        """
        The rows as JSON objects keyed by column, unless the command gave fuller *data* for ``--json``.

        Example:
            >>> Table(("a", "b"), [(1, None)]).as_json()
            [{'a': 1, 'b': None}]

        """
        if self.data is not None:
            return self.data
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@frozen
class Record:
    """
    One record: printed as ``key: value`` lines, or as its full JSON form.

    *fields* are the lines shown to people; *data* is what ``--json`` prints;
    *sections* are tables printed below the fields (asks, statistics, ...).

    Example:
        >>> print(render(Record([("id", "x"), ("name", None)], {"id": "x"}), "text"))
        id:    x
        name:  -

    """

    fields: Sequence[tuple[str, Any]]
    data: Any
    sections: Sequence[tuple[str, Table]] = field(factory=tuple)
    status: int = 0


@frozen
class Text:
    r"""
    Free text for people, with *data* for ``--json``; *status* is the exit status, *error* the one line for stderr.

    Example:
        >>> render(Text("hello", {"greeting": "hello"}), "json")
        '{\n  "greeting": "hello"\n}'

    """

    text: str
    data: Any
    status: int = 0
    error: str | None = None


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _fixed(table: Table) -> list[tuple[Any, ...]]:
    """The rows with each column of *decimals* written to its number of digits."""
    if not table.decimals:
        return list(table.rows)
    places = [table.decimals.get(name) for name in table.columns]
    return [
        tuple(v if n is None or not isinstance(v, float) else f"{v:.{n}f}" for v, n in zip(row, places, strict=True))
        for row in table.rows
    ]


def _aligned(table: Table) -> str:
    if not table.rows:
        return table.empty
    cells = [list(table.columns), *([_cell(v) for v in row] for row in _fixed(table))]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    if table.footer:
        lines.append(table.footer)
    return "\n".join(lines)


def _csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(
        ["" if v is None else ";".join(v) if isinstance(v, (list, tuple)) else v for v in row] for row in _fixed(table)
    )
    return buffer.getvalue().removesuffix("\n")  # the caller ends the output with one newline


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def render(result: Table | Record | Text, fmt: str) -> str:
    """
    Format a command's result as ``"text"``, ``"json"`` or ``"csv"`` (tables only).

    Example:
        >>> render(Text("hi", None), "text")
        'hi'

    """
    if isinstance(result, Table):
        if fmt == "json":
            return _json(result.as_json())
        return _csv(result) if fmt == "csv" else _aligned(result)
    if fmt == "json":
        return _json(result.data)
    if isinstance(result, Text):
        return result.text
    width = max((len(k) for k, _ in result.fields), default=0) + 2
    lines = [f"{k + ':':<{width}} {_cell(v)}".rstrip() for k, v in result.fields]
    for title, table in result.sections:
        lines += ["", f"{title}:", *("  " + line for line in _aligned(table).splitlines())]
    return "\n".join(lines)
