"""A mapped column as a FieldSpec: its type, NULL, defaults, keys, uniqueness and the checks on it.

Columns the database fills itself (an autoincrement primary key, ``Identity``,
``Computed``) and foreign-key columns a relationship sets at flush are kept as
fields the engine never draws (None, left alone when the instance is built), so
``create(Order, id=7)`` or ``customer_id=3`` still work as overrides.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.sqlalchemy_checks import narrow
from pytest_forge.adapters.sqlalchemy_types import column_type_spec
from pytest_forge.field_tags import DatabaseKey, PrimaryKey, Unique
from pytest_forge.spec import MISSING, FieldSpec, TypeSpec

if TYPE_CHECKING:
    from pytest_forge.adapters.sqlalchemy_checks import Check

__all__ = [
    "DATABASE_FILLED", "column_field", "database_key_field", "filled_by_database", "identity_field",
    "left_field",
]  # fmt: skip

#: the label of fields the engine leaves to the database or to a relationship
DATABASE_FILLED = "filled by the database"


def filled_by_database(column: Any) -> bool:
    """True for an autoincrement primary key, an Identity or a Computed column."""
    if column.computed is not None or column.identity is not None:
        return True
    return column.primary_key and column.table.autoincrement_column is column


def column_field(key: str, column: Any, checks: list[Check], unique: bool) -> FieldSpec:
    """The field of the mapped attribute ``key`` over ``column``."""
    spec = column_type_spec(column.type)
    for check in checks:
        for field, op, values in check.bounds:
            if field == key:
                narrow(spec, op, values)
    nullable = bool(column.nullable) and not column.primary_key
    typed = TypeSpec("optional", args=(spec,), label=f"{spec.label} NULL") if nullable else spec
    default = _scalar_default(column)
    return FieldSpec(
        name=key,
        type=typed,
        input_path=(key,),
        required=not (nullable or default is not MISSING or _has_default(column)),
        default=default,
        description=column.comment,
        tags=_tags(column, unique),
    )


def left_field(key: str, column: Any, why: str) -> FieldSpec:
    """A field the engine never draws (the database or a relationship fills it)."""
    tags: tuple[Any, ...] = (PrimaryKey,) if column.primary_key else ()
    return FieldSpec(
        name=key,
        type=TypeSpec("none", label=why),
        input_path=(key,),
        required=False,
        default=None,
        tags=tags,
        computed=True,
    )


def database_key_field(key: str, column: Any, counter: str) -> FieldSpec:
    """A column the database fills; an integer primary key of its own is counted in memory for files."""
    field = left_field(key, column, DATABASE_FILLED)
    single = column.primary_key and len(column.table.primary_key.columns) == 1
    if single and _python_type(column) is int:
        return dataclasses.replace(field, tags=(*field.tags, DatabaseKey(counter)))
    return field


def _python_type(column: Any) -> Any:
    try:
        return column.type.python_type
    except NotImplementedError:
        return None


def identity_field(key: str, identity: Any) -> FieldSpec:
    """The discriminator column of an inheritance hierarchy: always this class's identity."""
    spec = TypeSpec("literal", python_type=type(identity), choices=(identity,), label="polymorphic identity")
    return FieldSpec(name=key, type=spec, input_path=(key,), required=False, default=identity)


def _tags(column: Any, unique: bool) -> tuple[Any, ...]:
    tags: list[Any] = []
    if column.primary_key and len(column.table.primary_key.columns) == 1:  # composite: unique as a group
        tags.append(PrimaryKey)
    elif unique:
        tags.append(Unique)
    return tuple(tags)


def _scalar_default(column: Any) -> Any:
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return default.arg
    return MISSING


def _has_default(column: Any) -> bool:
    return column.default is not None or column.server_default is not None
