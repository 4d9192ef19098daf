"""Foreign-key columns and the parents they point at: one parent per FOREIGN KEY constraint.

A FOREIGN KEY that no many-to-one relationship sets (``author_id = mapped_column(ForeignKey(...))``
alone, or a composite ``ForeignKeyConstraint(["wh_region", "wh_code"], ...)``) becomes one field
holding the parent record, under the name of its first column's attribute; the instance
builder copies the parent's key into every column of the constraint, so the columns always
hold one real parent's key tuple. A relationship's key columns are copied the same way in
memory (SQLAlchemy would do it at flush). A parent whose key the database has not assigned
yet is remembered on the instance (:data:`~pytest_forge.sqlalchemy.keys.PENDING_PARENTS`),
and saving flushes it first, then copies its key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.field_tags import RECORD, ForeignKey
from pytest_forge.spec import FieldSpec, TypeSpec

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["KeyLink", "constraint_links", "copy_keys", "link_field", "relationship_links"]


@dataclass(frozen=True, slots=True)
class KeyLink:
    """The field ``field`` holds a parent record; ``pairs`` are (this attribute, the parent's attribute)."""

    field: str
    target: type
    pairs: tuple[tuple[str, str], ...]
    #: True when ``field`` is a relationship attribute (the record stays set on it)
    relationship: bool
    nullable: bool = False
    #: the constraint's columns (a UNIQUE over them is uniqueness of the parent)
    columns: tuple[Any, ...] = ()


def relationship_links(mapper: Any) -> list[KeyLink]:
    """The key columns each writable many-to-one relationship sets at flush."""
    from sqlalchemy.orm import interfaces

    links = []
    for prop in mapper.relationships:
        if prop.direction is not interfaces.MANYTOONE or prop.viewonly:
            continue
        pairs = _attribute_pairs(mapper, prop.mapper, prop.local_remote_pairs)
        if pairs is not None:
            links.append(KeyLink(prop.key, prop.mapper.class_, pairs, relationship=True))
    return links


def constraint_links(mapper: Any, set_by_relationship: Iterable[Any]) -> list[KeyLink]:
    """One link per FOREIGN KEY constraint that no relationship sets and whose parent is mapped."""
    covered = set(set_by_relationship)
    links = []
    for table in mapper.tables:
        for constraint in sorted(
            table.foreign_key_constraints, key=lambda c: [col.name for col in c.columns]
        ):
            columns = list(constraint.columns)
            if any(c in covered for c in columns) or _joins_inheritance(constraint, mapper):
                continue
            remote = [element.column for element in constraint.elements]
            parent = _mapper_of(mapper, remote[0].table)
            if parent is None:
                continue
            pairs = _attribute_pairs(mapper, parent, list(zip(columns, remote, strict=True)))
            if pairs is not None:
                nullable = any(c.nullable for c in columns)
                link = KeyLink(pairs[0][0], parent.class_, pairs, False, nullable, tuple(columns))
                links.append(link)
    return links


def link_field(link: KeyLink, description: str | None = None) -> FieldSpec:
    """The field of a constraint link: a parent record (or None where a column is nullable)."""
    record = TypeSpec("any", python_type=link.target, label=link.target.__name__)
    typed = (
        TypeSpec("optional", args=(record,), label=f"{link.target.__name__} | None")
        if link.nullable
        else record
    )
    return FieldSpec(
        name=link.field,
        type=typed,
        input_path=(link.field,),
        required=not link.nullable,
        description=description,
        tags=(ForeignKey(link.target, RECORD),),
    )


def copy_keys(data: dict[str, Any], links: Iterable[KeyLink]) -> list[tuple[Any, KeyLink]]:
    """Fill each link's key columns in ``data`` from its parent; the parents whose key is not known yet.

    A constraint link's field is replaced by its column value; a column the caller set keeps its value.
    """
    pending = []
    for link in links:
        parent = data.get(link.field)
        if parent is None:
            continue
        if not isinstance(parent, link.target):
            if link.relationship:
                _plain_key(data, link, parent)
            continue  # a plain key value given as an override
        if not link.relationship:
            data[link.field] = None
        keys = [getattr(parent, remote) for _, remote in link.pairs]
        if None in keys:
            pending.append((parent, link))
            continue
        for (local, _), key in zip(link.pairs, keys, strict=True):
            if data.get(local) is None:
                data[local] = key
    return pending


def _plain_key(data: dict[str, Any], link: KeyLink, key: Any) -> None:
    """A key (or key tuple) given for a relationship, as partitions draw them: its columns take it."""
    keys = key if isinstance(key, tuple) else (key,)
    if len(keys) != len(link.pairs):
        return  # not a key of this parent: setting it fails with SQLAlchemy's own message
    del data[link.field]
    for (local, _), value in zip(link.pairs, keys, strict=True):
        if data.get(local) is None:
            data[local] = value


def _attribute_pairs(
    mapper: Any, parent: Any, pairs: list[tuple[Any, Any]]
) -> tuple[tuple[str, str], ...] | None:
    found = []
    for local, remote in pairs:
        try:
            found.append(
                (mapper.get_property_by_column(local).key, parent.get_property_by_column(remote).key)
            )
        except Exception:  # a column not mapped on one side: nothing to copy
            return None
    return tuple(found)


def _mapper_of(mapper: Any, table: Any) -> Any:
    for candidate in mapper.registry.mappers:
        if candidate.local_table is table and not candidate.inherits:
            return candidate
    for candidate in mapper.registry.mappers:
        if table in candidate.tables:
            return candidate
    return None


def _joins_inheritance(constraint: Any, mapper: Any) -> bool:
    """The key of a joined-table subclass pointing at its parent class's row (SQLAlchemy sets it)."""
    referred = constraint.referred_table
    return (
        referred is not constraint.table
        and referred in mapper.tables
        and all(column.primary_key for column in constraint.columns)
    )
