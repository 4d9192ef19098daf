"""The SQLAlchemy 2.0 ORM adapter: a mapped class (declarative ``Mapped[...]``, classic ``Column``,
imperative, or a SQLModel table model) as a neutral ModelSpec, read from its mapper.

Columns become fields (:mod:`~pytest_forge.adapters.sqlalchemy_columns`), relationships
become record-holding foreign keys (:mod:`~pytest_forge.adapters.sqlalchemy_relations`),
multi-column UNIQUE constraints become unique groups and CHECK constraints are evaluated
on each record (:mod:`~pytest_forge.adapters.sqlalchemy_checks`). Saving goes through
the user's session (:mod:`pytest_forge.sqlalchemy.session`).
"""

from __future__ import annotations

from typing import Any

from pytest_forge.adapters.kinds import is_sqlalchemy_model
from pytest_forge.adapters.sqlalchemy_checks import Check, parse_check
from pytest_forge.adapters.sqlalchemy_columns import (
    column_field,
    database_key_field,
    filled_by_database,
    identity_field,
    left_field,
)
from pytest_forge.adapters.sqlalchemy_keys import KeyLink, constraint_links, link_field, relationship_links
from pytest_forge.adapters.sqlalchemy_loaded import loaded_links
from pytest_forge.adapters.sqlalchemy_relations import relationship_field, set_by_relationship
from pytest_forge.adapters.sqlalchemy_validation import instance_builder, read_refusal
from pytest_forge.adapters.sqlmodel_models import is_sqlmodel_table, with_pydantic_rules
from pytest_forge.errors import UnsupportedTypeError
from pytest_forge.spec import FieldSpec, ModelSpec

__all__ = ["is_sqlalchemy_model", "sqlalchemy_model_spec"]


def sqlalchemy_model_spec(model: type[Any]) -> ModelSpec:
    """Describe a mapped class (mappers are configured first, so broken relationships say so here)."""
    from pytest_forge.sqlalchemy.session import SessionPersistence

    mapper = _configured_mapper(model)
    columns = _column_keys(mapper)
    checks = _checks(mapper, columns, model.__name__)
    by_relationship = set_by_relationship(mapper.relationships)
    links = constraint_links(mapper, by_relationship)
    fields = (*_column_fields(mapper, checks, links), *_relationship_fields(mapper))
    keyed = relationship_links(mapper)
    loaded = loaded_links(mapper, keyed)
    spec = ModelSpec(
        model=model,
        name=model.__name__,
        fields=fields,
        validate=instance_builder(model, fields, checks, (*keyed, *links), loaded),
        kind="sqlalchemy",
        failing_fields=read_refusal,
        unique_together=_unique_together(mapper, columns, {**_link_columns(links), **by_relationship}),
        other_names=tuple((column, key) for column, key in columns.items() if column != key),
        persistence=SessionPersistence(tuple(loaded)),
    )
    return with_pydantic_rules(spec) if is_sqlmodel_table(model) else spec


def _configured_mapper(model: type[Any]) -> Any:
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    mapper = inspect(model)
    try:
        mapper.registry.configure()
    except SQLAlchemyError as exc:
        raise UnsupportedTypeError(
            f"SQLAlchemy cannot configure the mappers of {model.__name__}: {exc}", model=model
        ) from None
    return mapper


def _column_keys(mapper: Any) -> dict[str, str]:
    """Column name → attribute name, for every column attribute of the mapped tables."""
    found: dict[str, str] = {}
    for key, column in _attribute_columns(mapper):
        found.setdefault(column.name, key)
    return found


def _is_table_column(column: Any, mapper: Any) -> bool:
    return getattr(column, "table", None) is not None and column.table in mapper.tables


def _prop_column(prop: Any, mapper: Any) -> Any:
    """The column an attribute stands for: its only one, or (joined-table inheritance) the
    parent table's column the subclass's key column copies; None for expressions."""
    columns = [c for c in prop.columns if _is_table_column(c, mapper)]
    if len(columns) != len(prop.columns) or not columns:
        return None
    if len(columns) == 1:
        return columns[0]
    order = list(mapper.tables)
    return min(columns, key=lambda c: order.index(c.table))


def _column_fields(mapper: Any, checks: tuple[Check, ...], links: list[KeyLink]) -> list[FieldSpec]:
    by_relationship = set_by_relationship(mapper.relationships)
    by_link = {local: link for link in links for local, _ in link.pairs}
    unique = _single_unique(mapper)
    fields = []
    for key, column in _attribute_columns(mapper):
        link = by_link.get(key)
        if filled_by_database(column):
            fields.append(database_key_field(key, column, _counter_of(mapper, column)))
        elif column is mapper.polymorphic_on and mapper.polymorphic_identity is not None:
            fields.append(identity_field(key, mapper.polymorphic_identity))
        elif column in by_relationship:
            fields.append(left_field(key, column, f"set through {by_relationship[column]}"))
        elif link is not None and link.field == key:
            fields.append(link_field(link, column.comment))
        elif link is not None:
            fields.append(left_field(key, column, f"set with {link.field}"))
        else:
            fields.append(column_field(key, column, list(checks), key in unique))
    return fields


def _link_columns(links: list[KeyLink]) -> dict[Any, str]:
    """Each column of a relationship-less foreign key → the field holding its parent."""
    return {column: link.field for link in links for column in link.columns}


def _counter_of(mapper: Any, column: Any) -> str:
    """The model whose key counter numbers ``column`` (the class that owns its table)."""
    for candidate in mapper.iterate_to_root():
        if candidate.local_table is column.table:
            return str(candidate.class_.__name__)
    return str(mapper.class_.__name__)


def _relationship_fields(mapper: Any) -> list[FieldSpec]:
    from sqlalchemy.orm import interfaces

    owners = set_by_relationship(mapper.relationships)
    fields = []
    for prop in mapper.relationships:
        if prop.viewonly:
            continue
        if prop.direction is interfaces.MANYTOONE and any(owners[c] != prop.key for c in prop.local_columns):
            continue  # another relationship over the same key columns sets them
        fields.append(relationship_field(prop))
    return fields


def _single_unique(mapper: Any) -> set[str]:
    """Attributes unique on their own (``unique=True``, a one-column UNIQUE constraint or index)."""
    keys = {column: key for key, column in _attribute_columns(mapper)}
    found = {keys[c] for c in keys if c.unique}
    for columns in _unique_column_sets(mapper):
        if len(columns) == 1 and columns[0] in keys:
            found.add(keys[columns[0]])
    return found


def _attribute_columns(mapper: Any) -> list[tuple[str, Any]]:
    found = [(prop.key, _prop_column(prop, mapper)) for prop in mapper.column_attrs]
    return [(key, column) for key, column in found if column is not None]


def _unique_column_sets(mapper: Any) -> list[list[Any]]:
    from sqlalchemy import UniqueConstraint

    sets = []
    for table in mapper.tables:
        sets += [list(c.columns) for c in table.constraints if isinstance(c, UniqueConstraint)]
        sets += [list(index.columns) for index in table.indexes if index.unique]
    return sets


def _unique_together(
    mapper: Any, columns: dict[str, str], by_relationship: dict[Any, str]
) -> tuple[tuple[str, ...], ...]:
    """UNIQUE groups by field name: multi-column ones, and a one-to-one's key (as its relationship)."""
    sets = _unique_column_sets(mapper) + [[c] for _, c in _attribute_columns(mapper) if c.unique]
    keys = list(mapper.primary_key)
    if keys and not any(filled_by_database(c) for c in keys):
        sets.append(keys)  # a primary key the rows bring themselves (one column, or composite)
    groups = []
    for column_set in sets:
        if len(column_set) == 1 and column_set[0] not in by_relationship and not column_set[0].primary_key:
            continue  # a plain unique column is tagged Unique on its own field
        names = [by_relationship.get(c) or columns.get(c.name) for c in column_set]
        if all(names):
            groups.append(tuple(dict.fromkeys(n for n in names if n)))
    return tuple(dict.fromkeys(groups))


def _checks(mapper: Any, columns: dict[str, str], model_name: str) -> tuple[Check, ...]:
    from sqlalchemy import CheckConstraint

    found = []
    for table in mapper.tables:
        for constraint in table.constraints:
            if isinstance(constraint, CheckConstraint):
                check = parse_check(_sql_text(constraint), columns, model_name)
                if check is not None:
                    found.append(check)
    return tuple(found)


def _sql_text(constraint: Any) -> str:
    """The check as SQL text (an expression-built check rendered with its literal values)."""
    try:
        return str(constraint.sqltext.compile(compile_kwargs={"literal_binds": True}))
    except Exception:  # a value that has no literal rendering: the text as SQLAlchemy shows it
        return str(constraint.sqltext)
