"""Mapped relationships as FieldSpecs the relation engine fills with parent records.

* many-to-one (and the key side of a one-to-one): one record, ``ForeignKey(Target, field=RECORD)``,
  optional when one of its key columns is nullable; its key columns are set at flush;
* many-to-many through a secondary table: a list (or set) of records, sized like any
  many-to-many field (``generate_m2m={"tags": (0, 5)}``);
* one-to-many and the other side of a one-to-one: left empty (the children point at the
  parent), given by the caller as a list, or made with ``create(Customer, orders=3)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.field_tags import RECORD, Children, ForeignKey
from pytest_forge.spec import FieldSpec, TypeSpec

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["CHILDREN", "relationship_field", "set_by_relationship"]

#: the label of a one-to-many field (what ``create(Customer, orders=3)`` fills)
CHILDREN = "children"


def relationship_field(prop: Any) -> FieldSpec:
    """The field of one relationship property."""
    from sqlalchemy.orm import interfaces

    target = prop.mapper.class_
    record = TypeSpec("any", python_type=target, label=target.__name__)
    if prop.direction is interfaces.MANYTOONE:
        nullable = any(column.nullable for column in prop.local_columns)
        label = f"{target.__name__} | None"
        typed = TypeSpec("optional", args=(record,), label=label) if nullable else record
        return _field(prop.key, typed, (ForeignKey(target, RECORD),), required=not nullable)
    if prop.direction is interfaces.MANYTOMANY:
        as_set = prop.collection_class is set
        label = f"{'set' if as_set else 'list'}[{target.__name__}]"
        # an empty collection is always valid, so never a reason to refuse a record (the two sides
        # of one many-to-many would otherwise each wait for the other)
        many = TypeSpec(
            "set" if as_set else "list", python_type=set if as_set else list, args=(record,), label=label,
            min_length=0, max_length=3,
        )  # fmt: skip
        return _field(prop.key, many, (ForeignKey(target, RECORD),), required=False)
    back = _back_reference(prop)
    tags = (Children(target, back),) if back is not None else ()
    children = TypeSpec("none", label=CHILDREN)
    return FieldSpec(
        name=prop.key, type=children, input_path=(prop.key,), required=False, default=None,
        tags=tags, computed=True,
    )  # fmt: skip


def _field(name: str, typed: TypeSpec, tags: tuple[Any, ...], required: bool) -> FieldSpec:
    return FieldSpec(name=name, type=typed, input_path=(name,), required=required, tags=tags)


def _back_reference(prop: Any) -> str | None:
    """The child's many-to-one attribute that points back at this parent, if it has one."""
    reverse = getattr(prop, "_reverse_property", ()) or ()
    for other in reverse:
        return str(other.key)
    return None


def set_by_relationship(relationships: Iterable[Any]) -> dict[Any, str]:
    """Foreign-key columns a many-to-one relationship sets at flush → that relationship's name."""
    from sqlalchemy.orm import interfaces

    found: dict[Any, str] = {}
    for prop in relationships:
        if prop.direction is interfaces.MANYTOONE and not prop.viewonly:
            for column in prop.local_columns:
                found.setdefault(column, prop.key)
    return found
