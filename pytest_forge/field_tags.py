"""Tags a user puts in ``Annotated[...]`` to tell the engine more than the type says.

``Annotated[int, ForeignKey(Customer)]``, ``Annotated[int, PrimaryKey]``,
``Annotated[str, Unique]`` and the sensitivity overrides ``Sensitive``,
``Dangerous`` and ``Safe``. The bare names work as well as called ones
(``Unique`` and ``Unique()`` mean the same).
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Annotated, Any

__all__ = [
    "LATER",
    "RECORD",
    "Children",
    "Dangerous",
    "DatabaseKey",
    "ForeignKey",
    "NotUnique",
    "PrimaryKey",
    "Safe",
    "Sensitive",
    "Unique",
    "annotation_tag",
]

#: ``ForeignKey(Customer, field=RECORD)``: the field holds the parent record itself, not one of its
#: keys (an ORM relationship attribute such as SQLAlchemy's ``Order.customer``)
RECORD = "<record>"


class _Later:
    """The type of :data:`LATER` (one instance; its repr names it in error messages)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "LATER"


#: the value of a required foreign key whose parent is being made around this record (a cycle of
#: required keys, or a required self reference with no row to point at): the adapter saves the row
#: with the key empty (its database column accepts NULL) and checks every other field; the engine
#: then sets the key through ``Storage.relink`` once the parent is saved (relations/cycle_closing.py)
LATER: Any = _Later()


@dataclass(frozen=True, slots=True)
class ForeignKey:
    """The field holds the key of a record of ``model`` (a class, or its name as a string).

    ``field=RECORD``: the field holds the parent record itself (an ORM relation: Django, SQLAlchemy);
    ``one_to_one=True``: a parent has at most one child, so each record gets a new parent;
    ``accept``: only parents it accepts are chosen (Django's ``limit_choices_to``), and new
    parents are made with ``values`` (where the limit is a plain dict of field values);
    ``name``: the name the target's records are registered under when its class name is not
    enough (two Django apps each with a ``Site`` model); ``null_column``: the database column
    accepts NULL although validation wants a parent (Django's ``null=True, blank=False``), so a
    cycle of such keys can be closed after its rows are saved.
    """

    model: Any
    field: str = "id"
    one_to_one: bool = False
    accept: Any = None
    values: tuple[tuple[str, Any], ...] = ()
    name: str | None = None
    null_column: bool = False

    @property
    def model_name(self) -> str:
        """The target model's registry name: ``name``, else its class name."""
        if self.name is not None:
            return self.name
        return self.model if isinstance(self.model, str) else str(self.model.__name__)


@dataclass(frozen=True, slots=True)
class Children:
    """The field lists the ``model`` records whose ``back`` field points at this record (a one-to-many,
    such as SQLAlchemy's ``Customer.orders``): ``create(Customer, orders=3)`` makes three of them."""

    model: Any
    back: str


@dataclass(frozen=True, slots=True)
class DatabaseKey:
    """A primary key the database assigns (autoincrement): None in memory, counted up (per ``counter``,
    the model that owns the table) only where there is no database to assign it, such as file exports."""

    counter: str


@dataclass(frozen=True, slots=True)
class _Flag:
    name: str

    def __call__(self) -> _Flag:
        return self

    def __repr__(self) -> str:
        return self.name


PrimaryKey = _Flag("PrimaryKey")
Unique = _Flag("Unique")
#: a natural key (``email``, ``username``, ``slug``, ``sku`` ...) that may repeat: not unique by default
NotUnique = _Flag("NotUnique")
Sensitive = _Flag("Sensitive")
Dangerous = _Flag("Dangerous")
Safe = _Flag("Safe")


def annotation_tag(model: Any, name: str, kind: Any) -> Any:
    """A tag the field's description misses: inside a union (``Annotated[int, ForeignKey(X)] | None``),
    or on a dataclass / TypedDict field whose adapter keeps no tags."""
    fields = getattr(model, "model_fields", None)
    if isinstance(fields, dict):
        info = fields.get(name)
        return _find_tag(info.annotation, kind, 0) if info is not None else None
    try:
        hints = typing.get_type_hints(model, include_extras=True)
    except (NameError, TypeError, AttributeError):  # unresolvable forward references: no tag to find
        return None
    return _find_tag(hints.get(name), kind, 0)


def _find_tag(annotation: Any, kind: Any, depth: int) -> Any:
    if depth > 4:
        return None
    if typing.get_origin(annotation) is Annotated:
        for item in annotation.__metadata__:
            if item is kind or (isinstance(kind, type) and isinstance(item, kind)):
                return item
        return _find_tag(annotation.__origin__, kind, depth + 1)
    for arg in typing.get_args(annotation):
        found = _find_tag(arg, kind, depth + 1)
        if found is not None:
            return found
    return None
