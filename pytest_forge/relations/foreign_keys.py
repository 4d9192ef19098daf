"""Which fields are foreign keys: the ``ForeignKey`` tag, many-to-many lists, and ``<model>_id`` names.

Detection reads only the model's description, so it runs once per model (at plan
compile time); whether a ``<snake_case model>_id`` field really points at a model
is decided when drawing, because that model becomes known when it gets records.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import RelationError
from pytest_forge.field_tags import RECORD, ForeignKey, PrimaryKey, annotation_tag

if TYPE_CHECKING:
    from pytest_forge.spec import FieldSpec, ModelSpec, TypeSpec

__all__ = ["FieldLink", "key_of", "links_of", "snake_case"]

_KEY_KINDS = ("int", "str", "uuid")
_KEY_TYPES: dict[str, Any] = {"int": int, "str": str, "uuid": uuid.UUID}
_MANY_KINDS = ("list", "set", "frozenset", "tuple")
_DEFAULT_MANY = 3


@dataclass(frozen=True, slots=True)
class FieldLink:
    """One foreign-key field of a model: what it points at and how many keys it holds."""

    model_name: str
    field: str
    #: the target class, or its name when the tag names it by string (None for ``<model>_id`` names)
    target: Any
    #: the target's class name (for ``<model>_id`` names, the CamelCase guess from the name)
    target_name: str
    #: the parent's field the child stores; RECORD: the parent record itself (ORM relations)
    key: str = "id"
    optional: bool = False
    many: bool = False
    collection: str = "list"
    length: tuple[int, int] = (1, _DEFAULT_MANY)
    #: True for a ``<snake_case model>_id`` field without a tag: a key only when that model is known
    conventional: bool = False
    self_ref: bool = False
    #: the model class declaring the field (its module's globals resolve string targets)
    owner: Any = None
    #: each record gets a new parent (a parent has at most one child)
    one_to_one: bool = False
    #: the model's own limit on parents (Django's ``limit_choices_to``), and field values new ones get
    accept: Any = None
    values: tuple[tuple[str, Any], ...] = ()
    #: for ``<model>_id`` names: the key type the field holds (a parent key of another type is not used)
    key_type: Any = None
    #: a required key whose database column accepts NULL: a cycle through it is closed after saving
    null_column: bool = False

    @property
    def snake(self) -> str:
        """The snake_case model name a ``<model>_id`` field was named after."""
        return snake_case(self.target_name)

    def names(self) -> tuple[str, ...]:
        """Names that designate the field in paths: ``author_id`` and ``author`` (``tag_ids`` and ``tag``)."""
        for suffix in ("_ids", "_id"):
            if self.field.endswith(suffix) and len(self.field) > len(suffix):
                return (self.field, self.field[: -len(suffix)])
        return (self.field,)

    def collect(self, keys: list[Any]) -> Any:
        """Keys in the collection type the field declares."""
        if self.collection == "set":
            return set(keys)
        if self.collection == "frozenset":
            return frozenset(keys)
        if self.collection == "tuple":
            return tuple(keys)
        return keys


def snake_case(name: str) -> str:
    """``OrderItem`` → ``order_item``; ``HTTPLog`` → ``http_log``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def camel_case(snake: str) -> str:
    """``order_item`` → ``OrderItem`` (the usual class name for a snake_case name)."""
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


def links_of(spec: ModelSpec) -> dict[str, FieldLink]:
    """The foreign-key fields of a model, by field name."""
    links: dict[str, FieldLink] = {}
    for field in spec.fields:
        link = _link_of(spec, field)
        if link is not None:
            links[field.name] = link
    return links


def _link_of(spec: ModelSpec, field: FieldSpec) -> FieldLink | None:
    tag = field.tag(ForeignKey) or _tag_in_annotation(spec.model, field.name)
    inner = field.type.inner()
    if isinstance(tag, ForeignKey):
        return _explicit(spec, field, tag, inner)
    name = field.name
    if not name.endswith("_id") or len(name) <= 3 or inner.kind not in _KEY_KINDS or _is_key(field):
        return None
    target = camel_case(name[:-3])
    if snake_case(target) == snake_case(spec.name) and "id" not in spec.by_name:
        return None  # ``Message.message_id`` with no ``Message.id``: the model's own identifier
    return FieldLink(
        model_name=spec.name,
        field=name,
        target=None,
        target_name=target,
        optional=field.type.nullable(),
        conventional=True,
        self_ref=snake_case(target) == snake_case(spec.name),
        owner=spec.model,
        key_type=_KEY_TYPES[inner.kind],
    )


def _is_key(field: FieldSpec) -> bool:
    return field.name == "id" or field.tag(PrimaryKey) is not None


def _explicit(spec: ModelSpec, field: FieldSpec, tag: ForeignKey, inner: TypeSpec) -> FieldLink:
    many = inner.kind in _MANY_KINDS and (inner.kind != "tuple" or inner.variadic)
    item = inner.args[0] if many and inner.args else inner
    if item.kind not in (*_KEY_KINDS, "any") and tag.field != RECORD:
        raise RelationError(
            f"{spec.name}.{field.name} is tagged ForeignKey({tag.model_name}) "
            f"but its type {field.type.label} "
            f"holds no key (use int, str or UUID, or a list of them for many-to-many)",
            model=spec.model,
            field=field.name,
        )
    return FieldLink(
        model_name=spec.name,
        field=field.name,
        target=tag.model,
        target_name=tag.model_name,
        key=tag.field,
        # a relationship holds a record: only an explicit optional wrapper makes it nullable
        optional=field.type.kind == "optional" if tag.field == RECORD else field.type.nullable(),
        many=many,
        collection=inner.kind if many else "list",
        length=_length_of(spec, field, inner) if many else (1, 1),
        self_ref=tag.model_name == spec.name,
        owner=spec.model,
        one_to_one=tag.one_to_one,
        accept=tag.accept,
        values=tag.values,
        null_column=tag.null_column,
    )


def _length_of(spec: ModelSpec, field: FieldSpec, inner: TypeSpec) -> tuple[int, int]:
    low = inner.min_length if inner.min_length is not None else 1
    high = inner.max_length if inner.max_length is not None else max(low, _DEFAULT_MANY)
    if inner.max_length is not None and inner.min_length is None:
        low = min(low, high)
    if low > high:
        raise RelationError(
            f"{spec.name}.{field.name}: min_length={low} is greater than max_length={high}",
            model=spec.model,
            field=field.name,
        )
    return low, high


def _tag_in_annotation(model: Any, name: str) -> ForeignKey | None:
    found = annotation_tag(model, name, ForeignKey)
    return found if isinstance(found, ForeignKey) else None


def key_of(parent: Any, link: FieldLink) -> Any:
    """The parent's key that the child stores (``parent.id`` unless the tag names another field)."""
    key = link.key
    if key == RECORD:
        return parent
    try:
        return parent[key] if isinstance(parent, dict) else getattr(parent, key)
    except (KeyError, AttributeError):
        raise RelationError(
            f"{link.model_name}.{link.field} points at {link.target_name}.{key}, "
            f"but {link.target_name} has no field {key!r}; "
            f"name the key with ForeignKey({link.target_name}, field=...)",
            model=link.model_name,
            field=link.field,
        ) from None
