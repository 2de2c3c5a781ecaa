"""
pandas DataFrames of every collection and table (needs ``pip install "modslavery[pandas]"``).

:func:`to_dataframe` turns a collection (``ds.statistics``) or any iterable of
records of one kind into a frame with one row per record. Its columns are
those of the CSV and SQLite exports (the model field names, nested values
flattened as ``period_start``); tuples of strings such as ``aliases`` are kept
as tuple cells. :func:`table` gives any export table, link tables included
(``"organisation_aliases"``, ``"campaign_asks"``). Importing this module does
not import pandas; asking for a frame without pandas raises
:class:`PandasMissing`, an ``ImportError``.

Rows come in the order of what is passed (a collection's order, or id order
for a set); an empty result gives an empty frame with the same columns and
dtypes as a full one. The functions are typed with ``pandas.DataFrame`` (for
mypy, install ``pandas-stubs``).

Example:
    >>> import modslavery
    >>> from modslavery import frames
    >>> ds = modslavery.load()
    >>> df = frames.to_dataframe(ds.statistics)
    >>> df.loc[df["id"] == "pledge-mayoral-2024-s02", ["value", "unit", "period_start"]].to_numpy().tolist()
    [[17004, 'people', '2023']]

"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any

import modslavery
from modslavery._format import FILES
from modslavery._records import Records
from modslavery._signatories import OrganisationSet
from modslavery.errors import NotFound
from modslavery.export._fields import fields_of
from modslavery.export._tables import _PLANS, TABLE, TABLES, _rows, table_rows

if TYPE_CHECKING:
    import pandas as pd

    from modslavery.dataset import Dataset

__all__ = ["PandasMissing", "table", "tables", "to_dataframe"]

_INSTALL = 'pip install "modslavery[pandas]"'


class PandasMissing(ImportError):  # noqa: N818 - reads as the condition, like ModuleNotFoundError's siblings
    """
    pandas is not installed; the message says how to install it.

    Example:
        >>> issubclass(PandasMissing, ImportError)
        True

    """


def _require_pandas() -> None:
    try:
        import pandas as pd  # noqa: F401, PLC0415 - pandas is optional and heavy
    except ImportError as error:
        msg = f"DataFrames need pandas, which is not installed: {_INSTALL}"
        raise PandasMissing(msg, name="pandas") from error


def _dtype(kind: str, values: list[Any]) -> str | None:
    present = [v for v in values if v is not None]
    if kind == "integer":
        return "Int64"
    if kind == "number":
        return "Int64" if all(type(v) is int for v in present) else "Float64"
    if kind == "boolean":
        return "boolean"
    if kind == "string" and all(isinstance(v, str) for v in present):
        return "string"
    return None


def _frame(columns: list[tuple[str, str]], rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    _require_pandas()
    import pandas as pd  # noqa: PLC0415 - pandas is optional and heavy

    data: dict[str, pd.Series[Any]] = {}
    for index, (name, kind) in enumerate(columns):
        values = [row[index] for row in rows]
        dtype = _dtype(kind, values)
        data[name] = pd.Series(values, dtype=dtype if dtype is not None else object)
    frame: pd.DataFrame = pd.DataFrame(data, columns=[name for name, _ in columns])
    return frame


def _collection(records: Iterable[object]) -> tuple[str, list[object]]:
    by_model = {model: attribute for _, attribute, model in FILES}
    if isinstance(records, AbstractSet) and not isinstance(records, OrganisationSet):
        # A set has no order of its own: rows in id order, as an OrganisationSet iterates.
        items = sorted(records, key=lambda item: str(getattr(item, "id", "")))
    else:
        items = list(records)
    if items:
        attribute = by_model.get(type(items[0]))
        if attribute is None or any(type(item) is not type(items[0]) for item in items):
            msg = f"to_dataframe() takes records of one kind of {', '.join(by_model.values())}"
            raise TypeError(msg)
        return attribute, items
    if isinstance(records, Records):
        kinds = {attribute.removesuffix("s"): attribute for attribute in by_model.values()} | {"entity": "entities"}
        return kinds[records._kind], items  # noqa: SLF001 - same package
    if isinstance(records, OrganisationSet):
        return "organisations", items
    msg = "to_dataframe() cannot tell the kind of an empty iterable; pass a collection or a query's result"
    raise TypeError(msg)


def to_dataframe(records: Iterable[object]) -> pd.DataFrame:
    """
    One collection (or an iterable of records of one kind) as a ``pandas.DataFrame``.

    Integers use pandas' nullable ``Int64``, texts ``string``; a missing value is ``<NA>``.
    Rows keep the order of *records*; a ``set`` or ``frozenset`` gives them in id order.
    An empty collection or query result (``ds.statistics.filter(year=1800)``)
    gives an empty frame with the columns of a full one.

    Raises:
        PandasMissing: pandas is not installed.
        TypeError: the records are not all of one modslavery record type, or an
            empty iterable that is not a collection leaves the kind unknown.

    Example:
        >>> import modslavery
        >>> ds = modslavery.load()
        >>> df = to_dataframe(ds.signatures_of("mayoral-pledge-2024"))
        >>> len(df), list(df.columns[:3])
        (55, ['id', 'campaign_id', 'organisation_id'])

    """
    attribute, items = _collection(records)
    plan = next(p for p in _PLANS if p.table.collection == attribute and p.table.parent is None)
    out: dict[str, list[tuple[Any, ...]]] = {p.table.name: [] for p in _all(plan)}
    _rows(plan, items, (), out)
    rows = out[plan.table.name]
    columns = [(c.name, c.type) for c in plan.table.columns]
    model = next(m for _, a, m in FILES if a == attribute)
    tuple_fields = [f for f in fields_of(model) if f.kind == "list" and f.item is not None and f.item.type is not None]
    columns += [(info.name, "tuple") for info in tuple_fields]
    rows = [(*row, *(getattr(item, f.name) for f in tuple_fields)) for row, item in zip(rows, items, strict=True)]
    return _frame(columns, rows)


def _all(plan: Any) -> Iterable[Any]:  # a _Plan, private to export._tables
    yield plan
    for child in plan.children:
        yield from _all(child)


def table(name: str, data: Dataset | None = None) -> pd.DataFrame:
    """
    One table of the exports (see :mod:`modslavery.export`) as a DataFrame, link tables included.

    Raises:
        PandasMissing: pandas is not installed.
        NotFound: no table of that name; the message lists the tables.

    Example:
        >>> df = table("organisation_aliases")
        >>> list(df.columns)
        ['organisation_id', 'position', 'alias']

    """
    spec = TABLE.get(name)
    if spec is None:
        msg = f"no table {name!r}; tables are: {', '.join(TABLE)}"
        raise NotFound(msg)
    _require_pandas()
    if data is None:
        data = modslavery.load()
    return _frame([(c.name, c.type) for c in spec.columns], table_rows(data)[name])


def tables(data: Dataset | None = None) -> dict[str, pd.DataFrame]:
    """
    Every table of the exports as a DataFrame, by table name.

    Example:
        >>> frames = tables()
        >>> len(frames["signatures"]), len(frames["campaign_asks"])
        (114, 12)

    """
    _require_pandas()
    if data is None:
        data = modslavery.load()
    rows = table_rows(data)
    return {t.name: _frame([(c.name, c.type) for c in t.columns], rows[t.name]) for t in TABLES}
