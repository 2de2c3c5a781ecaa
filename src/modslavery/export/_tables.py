"""
The data set as normalised tables: the one relational shape behind CSV, SQLite, data packages and frames.

Each collection is a table whose columns are the model's field names. A
nested object is flattened into prefixed columns (``period`` becomes
``period_label``, ``period_start``, ``period_end``, ``period_basis``,
``period_note``). A tuple becomes a link table named after its owner and the
field (``organisation_aliases``, ``campaign_asks``,
``document_published_evidence``), keyed by the owner's key and a 1-based
``position``. Dates are ISO 8601 strings, enums their values, missing values
``None``.

Example:
    >>> [t.name for t in TABLES][:4]
    ['documents', 'document_authors', 'document_author_evidence', 'document_publisher_evidence']
    >>> statistics = TABLE["statistics"]
    >>> [c.name for c in statistics.columns if c.name.startswith("period")]
    ['period_label', 'period_start', 'period_end', 'period_basis', 'period_note']

"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from attrs import frozen

from modslavery._about import __data_version__, __version__
from modslavery._format import FILES
from modslavery.export._fields import FieldInfo, fields_of, singular
from modslavery.models import PartialDate

if TYPE_CHECKING:
    from modslavery.dataset import Dataset, Parts

__all__ = ["LICENCES", "METADATA", "TABLE", "TABLES", "Column", "ForeignKey", "Table", "metadata_rows", "table_rows"]

#: Columns that refer to another table's ``id``, by column name.
REFERENCES: dict[str, str] = {
    "document_id": "documents",
    "campaign_id": "campaigns",
    "organisation_id": "organisations",
    "entity_id": "entities",
    "measure_id": "measures",
    "speaker_id": "entities",
    "conversion_of_id": "statistics",
    "support_statistic_id": "statistics",
}


@frozen
class Column:
    """
    One column of a table: name, type (``string``, ``integer``, ``number``, ``boolean``) and meaning.

    Example:
        >>> column = TABLE["signatures"].columns[1]
        >>> column.name, column.type, column.required
        ('campaign_id', 'string', True)

    """

    name: str
    type: str
    description: str
    required: bool
    enum: tuple[str, ...] = ()
    date: bool = False


@frozen
class ForeignKey:
    """
    Columns of a table that refer to the key of another.

    Example:
        >>> TABLE["signatures"].foreign_keys[0]
        ForeignKey(columns=('campaign_id',), table='campaigns', references=('id',))

    """

    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@frozen
class Table:
    """
    A table's shape: columns, primary key, foreign keys and where its rows come from.

    *collection* is the :class:`~modslavery.Dataset` attribute the rows derive
    from; *path* leads from a record of the parent table to this table's tuple
    (empty for a collection's own table).

    Example:
        >>> t = TABLE["organisation_aliases"]
        >>> [c.name for c in t.columns], t.primary_key
        (['organisation_id', 'position', 'alias'], ('organisation_id', 'position'))

    """

    name: str
    description: str
    collection: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    parent: str | None = None
    path: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        """
        The column names in order.

        Example:
            >>> TABLE["measures"].column_names
            ('id', 'label', 'description')

        """
        return tuple(c.name for c in self.columns)


# A row plan: for each column, the attribute path from the table's record; for each child, its plan.
@frozen
class _Plan:
    table: Table
    getters: tuple[tuple[str, ...], ...]
    scalar_item: bool
    children: tuple[_Plan, ...]


def _column(info: FieldInfo, name: str, *, nullable: bool = False) -> Column:
    assert info.type is not None  # noqa: S101 - only scalars become columns
    return Column(
        name=name,
        type=info.type,
        description=info.description,
        required=info.required and not info.nullable and not nullable,
        enum=info.enum,
        date=info.date,
    )


def _references(columns: tuple[Column, ...], keys: tuple[str, ...]) -> list[ForeignKey]:
    """Foreign keys of the id-valued columns; key columns are covered by the key to the parent table."""
    return [
        ForeignKey((column.name,), REFERENCES[column.name], ("id",))
        for column in columns
        if column.name in REFERENCES and column.name not in keys
    ]


def _flatten(
    model: type, prefix: str, path: tuple[str, ...], owner: str, *, nullable: bool
) -> tuple[list[tuple[Column, tuple[str, ...]]], list[tuple[FieldInfo, tuple[str, ...], str]]]:
    """Columns (with attribute paths) of a model flattened into one row, and the tuples left for link tables."""
    columns: list[tuple[Column, tuple[str, ...]]] = []
    lists: list[tuple[FieldInfo, tuple[str, ...], str]] = []
    for info in fields_of(model):
        here = (*path, info.name)
        name = f"{prefix}{info.name}"
        if info.kind == "scalar":
            columns.append((_column(info, name, nullable=nullable), here))
        elif info.kind == "object":
            assert info.model is not None  # noqa: S101
            inner, inner_lists = _flatten(info.model, f"{name}_", here, owner, nullable=nullable or info.nullable)
            columns += inner
            lists += inner_lists
        else:
            lists.append((info, here, f"{owner}_{name}"))
    return columns, lists


def _plan(
    name: str,
    description: str,
    collection: str,
    *,
    model: type | None,
    item: FieldInfo | None,
    keys: tuple[Column, ...],
    parent: tuple[str, tuple[str, ...]] | None,
    path: tuple[str, ...],
) -> _Plan:
    """Plan a table of *model* records (or of scalars described by *item*) under the key columns *keys*."""
    owner = singular(name)
    if model is None:
        assert item is not None  # noqa: S101
        own: list[tuple[Column, tuple[str, ...]]] = [(_column(item, item.name), ())]
        lists: list[tuple[FieldInfo, tuple[str, ...], str]] = []
    else:
        own, lists = _flatten(model, "", (), owner, nullable=False)
    columns = (*keys, *(c for c, _ in own))
    primary_key = tuple(k.name for k in keys) if keys else ("id",)
    foreign_keys = []
    if parent is not None:
        parent_name, parent_key = parent
        foreign_keys.append(ForeignKey(tuple(k.name for k in keys[:-1]), parent_name, parent_key))
    foreign_keys += _references(columns, tuple(k.name for k in keys))
    table = Table(
        name=name,
        description=description,
        collection=collection,
        columns=columns,
        primary_key=primary_key,
        foreign_keys=tuple(foreign_keys),
        parent=parent[0] if parent else None,
        path=path,
    )
    # The key columns of a child table: this table's key, renamed for the child, then position.
    if keys:
        described = f"Position of the {owner.split('_')[-1]} in its list ({name}.position)."
        inherited = (*keys[:-1], Column(f"{owner.split('_')[-1]}_position", "integer", described, True))
    else:
        inherited = (Column(f"{owner}_id", "string", f"Id of the {owner} ({name}.id).", True),)
    children = []
    for info, child_path, child_name in lists:
        position = Column("position", "integer", "Place in the list, from 1, in source order.", True)
        assert info.item is not None  # noqa: S101
        children.append(
            _plan(
                child_name,
                f"{info.description} One row per item of {name}.{'.'.join(child_path)}.",
                collection,
                model=info.item.model,
                item=None if info.item.model is not None else info.item,
                keys=(*inherited, position),
                parent=(name, primary_key),
                path=child_path,
            )
        )
    return _Plan(table, tuple(g for _, g in own), model is None, tuple(children))


_DESCRIPTIONS = {
    "documents": "The source texts, with what each states about itself.",
    "measures": "The controlled vocabulary of what statistics measure.",
    "statistics": "Every number-bearing claim, with its exact quote and span.",
    "organisations": "One record per organisation, however the sources spell it.",
    "campaigns": "Campaigns with a signatory list.",
    "signatures": "Each entry of each signatory list, in source order.",
    "entities": "People, laws, reports, programmes and events named in the documents.",
    "mentions": "Where a document names an organisation or an entity.",
    "judgements": "Curated decisions that names are the same organisation, or different ones.",
    "exclusions": "Numbers in the texts that are deliberately not statistics, with the reason.",
}

_PLANS: tuple[_Plan, ...] = tuple(
    _plan(attribute, _DESCRIPTIONS[attribute], attribute, model=model, item=None, keys=(), parent=None, path=())
    for _, attribute, model in FILES
)


def _all(plans: tuple[_Plan, ...]) -> Iterator[_Plan]:
    for plan in plans:
        yield plan
        yield from _all(plan.children)


#: Every table, each collection followed by its link tables.
TABLES: tuple[Table, ...] = tuple(plan.table for plan in _all(_PLANS))
#: The tables by name.
TABLE: dict[str, Table] = {table.name: table for table in TABLES}


def _cell(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, PartialDate):
        return str(value)
    return value


def _get(record: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        if record is None:
            return None
        record = getattr(record, name)
    return record


def _rows(plan: _Plan, records: Any, key: tuple[Any, ...], out: dict[str, list[tuple[Any, ...]]]) -> None:
    rows = out[plan.table.name]
    for position, record in enumerate(records, start=1):
        row_key = (*key, position) if key else ()
        if plan.scalar_item:
            rows.append((*row_key, _cell(record)))
            continue
        rows.append((*row_key, *(_cell(_get(record, getter)) for getter in plan.getters)))
        child_key = row_key or (record.id,)
        for child in plan.children:
            _rows(child, _get(record, child.table.path) or (), child_key, out)


def table_rows(data: Dataset | Parts) -> dict[str, list[tuple[Any, ...]]]:
    """
    The rows of every table, in :data:`TABLES` order, each row a tuple in column order.

    Example:
        >>> import modslavery
        >>> rows = table_rows(modslavery.load())
        >>> len(rows["signatures"]), rows["organisation_aliases"][0][1]
        (114, 1)

    """
    out: dict[str, list[tuple[Any, ...]]] = {table.name: [] for table in TABLES}
    for plan in _PLANS:
        _rows(plan, getattr(data, plan.table.collection), (), out)
    return out


#: The ``metadata`` table: key/value facts about the export (data version, licences).
METADATA = Table(
    name="metadata",
    description="Facts about this export: the data version, the package version and the licences.",
    collection="",
    columns=(
        Column("key", "string", "Name of the fact.", True),
        Column("value", "string", "The fact.", True),
    ),
    primary_key=("key",),
    foreign_keys=(),
)

#: Licence notes shared by every export.
LICENCES = {
    "licence_code": "MIT",
    "licence_data": "CC-BY-4.0 (the curated records: every table except documents.text)",
    "licence_text": (
        "documents.text is NOT openly licensed: the source texts remain the copyright of their authors and "
        "publishers and are included for research, criticism, review and quotation; see LICENSE-DATA.md"
    ),
}


def metadata_rows() -> list[tuple[str, str]]:
    """
    The rows of the :data:`METADATA` table.

    Example:
        >>> import modslavery
        >>> dict(metadata_rows())["data_version"] == modslavery.__data_version__
        True

    """
    return [
        ("data_version", __data_version__),
        ("modslavery_version", __version__),
        *LICENCES.items(),
        ("ids", "Ids never change meaning; an id is deprecated for at least one release before it is removed."),
    ]
