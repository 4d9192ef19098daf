"""SQLAlchemy (and SQLModel table) instances in files: one row of column values per instance.

A row holds every mapped column by its column name — foreign-key columns hold the parent's
key, relationship objects are not dumped — encoded like pydantic's JSON (binary columns as
base64). The columns are typed from the mapper (lengths, precision, NULL, primary and
foreign keys), so an ``.sql`` export creates a table shaped like the mapped one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.field_tags import ForeignKey, PrimaryKey
from pytest_forge.spec import FieldSpec, ModelSpec, TypeSpec

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["is_mapped", "mapped_columns", "mapped_table_spec", "row_dumper"]


def is_mapped(model: Any) -> bool:
    """True for a SQLAlchemy mapped class."""
    from pytest_forge.adapters.sqlalchemy_models import is_sqlalchemy_model

    return is_sqlalchemy_model(model)


def mapped_columns(model: Any) -> list[tuple[str, Any]]:
    """(attribute, column) of every mapped column, parent class's columns first (joined inheritance)."""
    from sqlalchemy import inspect

    mapper = inspect(model)
    order = list(mapper.tables)
    found = []
    for prop in mapper.column_attrs:
        columns = [c for c in prop.columns if getattr(c, "table", None) in order]
        if columns and len(columns) == len(prop.columns):
            found.append((prop.key, min(columns, key=lambda c: order.index(c.table))))
    return found


def row_dumper(model: Any) -> Callable[[Any], str]:
    """A function giving an instance's row as one JSON object."""
    from pydantic import ConfigDict, TypeAdapter

    adapter: TypeAdapter[dict[str, Any]] = TypeAdapter(
        dict[str, Any], config=ConfigDict(ser_json_bytes="base64")
    )
    pairs = [(key, column.name, _stored_form(column.type)) for key, column in mapped_columns(model)]

    def dump(instance: Any) -> str:
        row = {name: store(getattr(instance, key)) for key, name, store in pairs}
        return adapter.dump_json(row, fallback=str).decode()

    return dump


def _stored_form(sql_type: Any) -> Callable[[Any], Any]:
    """A TypeDecorator's values as its ``process_bind_param`` stores them (its own objects, such as
    rucio's InternalAccount, become the text the database holds); other values as they are."""
    from sqlalchemy import TypeDecorator
    from sqlalchemy.engine.default import DefaultDialect

    if not isinstance(sql_type, TypeDecorator):
        return _same
    dialect = DefaultDialect()

    def store(value: Any) -> Any:
        if value is None:
            return None
        try:
            return sql_type.process_bind_param(value, dialect)
        except Exception:  # a value its bind refuses: written as it is (the database would refuse it)
            return value

    return store


def _same(value: Any) -> Any:
    return value


def mapped_table_spec(model: Any) -> ModelSpec:
    """The model's columns as fields named like the columns, for laying out an exported table."""
    from sqlalchemy import inspect

    from pytest_forge.adapters.sqlalchemy_types import column_type_spec

    mappers = list(inspect(model).registry.mappers)
    fields = []
    for _, column in mapped_columns(model):
        typed = column_type_spec(column.type)
        if column.nullable and not column.primary_key:
            typed = TypeSpec("optional", args=(typed,), label=f"{typed.label} NULL")
        tags: list[Any] = [PrimaryKey] if column.primary_key and len(column.table.primary_key) == 1 else []
        tags += [ForeignKey(*target) for target in _references(column, mappers)]
        fields.append(FieldSpec(name=column.name, type=typed, input_path=(column.name,), tags=tuple(tags)))
    return ModelSpec(model=model, name=model.__name__, fields=tuple(fields), validate=dict, kind="sqlalchemy")


def _references(column: Any, mappers: list[Any]) -> list[tuple[str, str]]:
    """(class name, column name) of the mapped class whose table the column's foreign key points at."""
    for fk in column.foreign_keys:
        for mapper in mappers:
            if mapper.local_table is fk.column.table and not mapper.inherits:
                return [(mapper.class_.__name__, fk.column.name)]
    return []
