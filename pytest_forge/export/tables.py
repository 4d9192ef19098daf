"""Tables of an export: their columns, their SQLAlchemy Table, and parents-first order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ExportError
from pytest_forge.export.columns import ColumnPlan, plan_columns
from pytest_forge.export.sqltypes import Converter, column_type, converter

if TYPE_CHECKING:
    import sqlalchemy as sa

    from pytest_forge.export.encode import RecordEncoder
    from pytest_forge.spec import ModelSpec

__all__ = ["TableLayout", "TableSource", "parents_first", "record_keys", "table_sources"]


@dataclass(slots=True)
class TableLayout:
    """A table to write: its name, the model its rows come from, and its columns."""

    name: str
    model: Any
    columns: list[ColumnPlan]
    converters: list[tuple[str, Converter | None]] = field(default_factory=list)

    @classmethod
    def of(cls, name: str, model: Any, first_row: dict[str, Any] | None) -> TableLayout:
        """The layout for rows of ``model`` (a class, or None for plain dicts)."""
        spec = _spec_of(model)
        keys = list(first_row) if first_row is not None else record_keys(model)
        if not keys:
            raise ExportError(f"table {name!r} has no columns: its records have no fields", model=model)
        return cls(name, model, plan_columns(spec, keys, first_row))

    @property
    def model_name(self) -> str | None:
        return getattr(self.model, "__name__", None)

    @property
    def primary_key(self) -> ColumnPlan | None:
        return next((c for c in self.columns if c.primary_key), None)

    def sa_table(self, metadata: sa.MetaData, dialect: str, parents: dict[str, sa.Table]) -> sa.Table:
        """The SQLAlchemy Table (names always quoted); foreign keys to ``parents`` by model name."""
        import sqlalchemy as sa

        columns: list[sa.Column[Any]] = []
        for column in self.columns:
            args: list[Any] = [column.name, column_type(column, dialect)]
            # A list of keys (a many-to-many field) is one JSON value: no database can hold a foreign
            # key on it, so only scalar key columns get one (the list's keys are still real parents).
            scalar = column.kind != "json"
            parent = parents.get(column.references[0]) if column.references and scalar else None
            if parent is not None and column.references and _is_key_of(parent, column.references[1]):
                args.append(sa.ForeignKey(parent.c[column.references[1]]))
            columns.append(
                sa.Column(
                    *args,
                    primary_key=column.primary_key,
                    nullable=column.nullable,
                    autoincrement=False,
                    quote=True,
                )
            )
        mysql_options = {"mysql_charset": "utf8mb4", "mysql_engine": "InnoDB"}
        kwargs: dict[str, Any] = mysql_options if dialect == "mysql" else {}
        self.converters = [(c.name, converter(c, dialect)) for c in self.columns]
        return sa.Table(self.name, metadata, *columns, quote=True, **kwargs)

    def values(self, row: dict[str, Any]) -> tuple[Any, ...]:
        """The row's stored values in column order (call ``sa_table`` first)."""
        if len(row) > len(self.converters):
            unknown = sorted(set(row) - {name for name, _ in self.converters})
            raise ExportError(f"table {self.name!r} has no column for {', '.join(unknown)}", model=self.model)
        return tuple(
            conv(row.get(name)) if conv is not None else row.get(name) for name, conv in self.converters
        )


def _is_key_of(table: sa.Table, column_name: str) -> bool:
    return column_name in table.c and bool(table.c[column_name].primary_key)


def _spec_of(model: Any) -> ModelSpec | None:
    from pytest_forge.adapters import is_model, model_spec

    if model is None or model is dict or not is_model(model):
        return None
    return model_spec(model)


def record_keys(model: Any) -> list[str]:
    """The keys an encoded record of ``model`` has (fields by alias, then computed fields)."""
    from pydantic import BaseModel

    if isinstance(model, type) and issubclass(model, BaseModel):
        keys = [
            info.serialization_alias or info.alias or name
            for name, info in model.model_fields.items()
            if info.exclude is not True
        ]
        computed = [info.alias or name for name, info in model.model_computed_fields.items()]
        return keys + computed
    spec = _spec_of(model)
    return [f.name for f in spec.fields] if spec is not None else []


def parents_first(layouts: list[TableLayout]) -> list[TableLayout]:
    """Tables ordered so each foreign key's parent precedes its children (stable; cycles kept as given)."""
    by_model: dict[str, TableLayout] = {t.model_name: t for t in layouts if t.model_name}
    needs = {id(t): _parents_of(t, by_model) for t in layouts}
    ordered: list[TableLayout] = []
    placed: set[int] = set()
    while len(ordered) < len(layouts):
        ready = [t for t in layouts if id(t) not in placed and needs[id(t)] <= placed]
        chosen = ready[0] if ready else next(t for t in layouts if id(t) not in placed)
        ordered.append(chosen)
        placed.add(id(chosen))
    return ordered


def _parents_of(table: TableLayout, by_model: dict[str, TableLayout]) -> set[int]:
    parents = set()
    for column in table.columns:
        parent = by_model.get(column.references[0]) if column.references else None
        if parent is not None and parent is not table:
            parents.add(id(parent))
    return parents


@dataclass(slots=True)
class TableSource:
    """Records bound for one table, with the first one already encoded (it lays the table out)."""

    layout: TableLayout
    first_row: dict[str, Any] | None
    rest: Iterator[Any]

    def rows(self, encoder: RecordEncoder) -> Iterator[dict[str, Any]]:
        """Every record's encoded row, the first one included."""
        if self.first_row is not None:
            yield self.first_row
        for record in self.rest:
            yield encoder.row(record)


def table_sources(records: Any, table_name: str | None, encoder: RecordEncoder) -> list[TableSource]:
    """``records`` (an iterable of one model, or ``{table: records}``) as sources, parents first."""
    groups = records.items() if isinstance(records, Mapping) else [(table_name, records)]
    sources = []
    for name, group in groups:
        if isinstance(group, (str, bytes)) or not isinstance(group, Iterable):
            raise ExportError(
                f"expected an iterable of records for table {name!r}, got {type(group).__name__}"
            )
        rest = iter(group)
        first = next(rest, None)
        model = type(first) if first is not None else None
        first_row = encoder.row(first) if first is not None else None
        sources.append(
            TableSource(TableLayout.of(_table_name(name, model), model, first_row), first_row, rest)
        )
    position = {id(layout): i for i, layout in enumerate(parents_first([s.layout for s in sources]))}
    return sorted(sources, key=lambda s: position[id(s.layout)])


def _table_name(name: str | None, model: Any) -> str:
    from pytest_forge.export.encode import snake_case

    if name:
        return name
    if model is None or model is dict:
        raise ExportError("cannot name the table of plain dicts or of no records; pass table_name=...")
    return snake_case(model.__name__)
