"""GenericForeignKey: the drawn content type and object id are turned into a row that exists.

The content type is drawn like any foreign key (an existing ``ContentType`` row); when its
model has no rows, the next content type (by key) whose model has some is used, and the
drawn object id picks one of that model's rows. With no row anywhere the values stay as
drawn. Inside ``forge.build`` nothing is read from the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.spec import FieldSpec, TypeSpec

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["generic_fields", "generic_linker", "generic_values"]

#: how many rows of the chosen model are candidates
CANDIDATES = 1000


def generic_linker(model: Any) -> Callable[[dict[str, Any]], None] | None:
    """Rewrites ``data`` so every GenericForeignKey points at a real row (one that does already,
    a value you gave for instance, is kept)."""
    pairs = [(f.ct_field, f.fk_field) for f in model._meta.private_fields if _is_generic(f)]
    if not pairs:
        return None

    def link(data: dict[str, Any]) -> None:
        for ct_field, fk_field in pairs:
            content_type = data.get(ct_field)
            if content_type is None or _exists(content_type, data.get(fk_field)):
                continue
            found = _existing_row(content_type, data.get(fk_field))
            if found is not None:
                data[ct_field], data[fk_field] = found

    return link


def generic_fields(model: Any) -> tuple[FieldSpec, ...]:
    """A GenericForeignKey as a field that takes a row (``content_object=entry``; drawn: None, the
    content type and id are drawn instead), and a GenericRelation as the list of rows pointing back
    (``create(Bookmark, tags=2)`` makes two, like SQLAlchemy's one-to-many)."""
    from django.contrib.contenttypes.fields import GenericRelation

    from pytest_forge.field_tags import Children

    made = []
    for field in model._meta.private_fields:
        tags: tuple[Any, ...] = ()
        if isinstance(field, GenericRelation):
            back = _pointing_back(field)
            if back is None:
                continue
            tags = (Children(field.related_model, back),)
        elif not _is_generic(field):
            continue
        made.append(
            FieldSpec(
                name=field.name,
                type=TypeSpec("none", label="generic relation"),
                input_path=(field.name,),
                required=False,
                default=None,
                tags=tags,
                computed=True,
            )
        )
    return tuple(made)


def generic_values(model: Any) -> Callable[[dict[str, Any]], None]:
    """Takes the generic fields out of ``data``; a row given to a GenericForeignKey
    (``content_object=entry``) sets its content type and id."""
    generic = {f.name: f for f in model._meta.private_fields if _is_generic(f)}
    names = [f.name for f in generic_fields(model)]

    def take(data: dict[str, Any]) -> None:
        for name in names:
            given = data.pop(name, None)
            if given is not None and name in generic:
                from django.contrib.contenttypes.models import ContentType

                field = generic[name]
                for_concrete = bool(getattr(field, "for_concrete_model", True))
                data[field.ct_field] = ContentType.objects.get_for_model(
                    given, for_concrete_model=for_concrete
                )
                data[field.fk_field] = given.pk

    return take


def _pointing_back(relation: Any) -> str | None:
    """The child's GenericForeignKey that a GenericRelation reads (same content type and id fields)."""
    for field in relation.related_model._meta.private_fields:
        if (
            _is_generic(field)
            and field.ct_field == relation.content_type_field_name
            and field.fk_field == relation.object_id_field_name
        ):
            return str(field.name)
    return None


def _exists(content_type: Any, key: Any) -> bool:
    target = content_type.model_class()
    if target is None or key is None:
        return False
    try:
        return bool(target._default_manager.filter(pk=key).exists())
    except (ValueError, TypeError):
        return False  # a drawn id of the wrong type for that model's key


def _is_generic(field: Any) -> bool:
    from django.contrib.contenttypes.fields import GenericForeignKey

    return isinstance(field, GenericForeignKey)


def _existing_row(content_type: Any, drawn: Any) -> tuple[Any, Any] | None:
    from django.contrib.contenttypes.models import ContentType

    types = list(ContentType.objects.order_by("pk"))
    start = next((i for i, ct in enumerate(types) if ct.pk == content_type.pk), 0)
    for ct in types[start:] + types[:start]:
        target = ct.model_class()
        if target is None:
            continue
        keys = list(target._default_manager.order_by("pk").values_list("pk", flat=True)[:CANDIDATES])
        if keys:
            index = drawn if isinstance(drawn, int) else len(str(drawn))
            return ct, keys[index % len(keys)]
    return None
