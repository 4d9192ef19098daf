"""GenericForeignKey: the drawn content type and object id are turned into a row that exists.

The content type is drawn like any foreign key (an existing ``ContentType`` row); when its
model has no rows, the next content type (by key) whose model has some is used, and the
drawn object id picks one of that model's rows. A key the object id field cannot hold (a text
key for a ``PositiveIntegerField`` id) passes that type over. With no row anywhere the values stay as
drawn. Inside ``forge.build`` nothing is read from the database.

A parent of the row that names a content type itself (django-guardian's ``permission``, whose
``Permission.content_type`` must be the object's) makes the two agree: a drawn object is one
of that type's rows (none: the parent is refused, so the engine draws another); a given object
(``content_object=entry``) gets a parent of its type instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.spec import FieldSpec, TypeSpec

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["generic_fields", "generic_linker", "generic_values"]

#: how many rows of the chosen model are candidates
CANDIDATES = 1000


def generic_linker(model: Any) -> Callable[[dict[str, Any], set[str]], None] | None:
    """Rewrites ``data`` so every GenericForeignKey points at a real row (one that does already,
    a value you gave for instance, is kept) of the type the row's typed parents name; ``given``
    holds the GenericForeignKeys given a row (``content_object=entry``)."""
    generic = [f for f in model._meta.private_fields if _is_generic(f)]
    if not generic:
        return None
    typed = {f.name: _typed_parents(model, f) for f in generic}
    id_fields = {f.name: model._meta.get_field(f.fk_field) for f in generic}

    def link(data: dict[str, Any], given: set[str]) -> None:
        for field in generic:
            ct_field, fk_field = field.ct_field, field.fk_field
            content_type = data.get(ct_field)
            fits = _fitting(id_fields[field.name])
            parents = [(name, kind) for name, kind in typed[field.name] if data.get(name) is not None]
            if parents and content_type is not None:
                _agree(data, field, parents, given, fits)
                continue
            if content_type is None or _exists(content_type, data.get(fk_field)):
                continue
            found = _existing_row(content_type, data.get(fk_field), fits)
            if found is not None:
                data[ct_field], data[fk_field] = found

    return link


def _typed_parents(model: Any, generic: Any) -> list[tuple[str, str]]:
    """(field, its target's content type field) for each foreign key whose target names a content type
    (``permission`` → ``Permission.content_type``)."""
    from django.contrib.contenttypes.models import ContentType

    found = []
    for field in model._meta.concrete_fields:
        if not field.is_relation or field.name == generic.ct_field or field.related_model is ContentType:
            continue
        for theirs in field.related_model._meta.concrete_fields:
            if theirs.is_relation and theirs.related_model is ContentType and not theirs.null:
                found.append((field.name, theirs.name))
                break
    return found


def _agree(
    data: dict[str, Any],
    field: Any,
    parents: list[tuple[str, str]],
    given: set[str],
    fits: Callable[[Any], bool],
) -> None:
    """The object and the first typed parent name one content type (see the module docstring)."""
    from django.core.exceptions import ValidationError

    name, kind = parents[0]
    parent = data[name]
    wanted = getattr(parent, kind)
    ct_field, fk_field = field.ct_field, field.fk_field
    if field.name in given:
        if wanted != data[ct_field]:
            other = _parent_of_type(parent, kind, data[ct_field], data.get(fk_field))
            data[name] = other if other is not None else parent
        return
    if wanted == data[ct_field] and _exists(wanted, data.get(fk_field)):
        return
    key = _row_of(wanted, data.get(fk_field))
    if key is None or not fits(key):
        raise ValidationError(
            {name: f"no {wanted} row exists to be the {field.name} this {type(parent).__name__} is for"}
        )
    data[ct_field], data[fk_field] = wanted, key


def _parent_of_type(parent: Any, kind: str, content_type: Any, drawn: Any) -> Any:
    """A row of the parent's model whose content type is ``content_type`` (None: there is none)."""
    rows = type(parent)._default_manager.filter(**{kind: content_type}).order_by("pk")[:CANDIDATES]
    found = list(rows)
    return found[_index(drawn) % len(found)] if found else None


def _row_of(content_type: Any, drawn: Any) -> Any:
    """The key of one row of the content type's model (None: it has none)."""
    target = _stored_model(content_type)
    if target is None:
        return None
    keys = list(target._default_manager.order_by("pk").values_list("pk", flat=True)[:CANDIDATES])
    return keys[_index(drawn) % len(keys)] if keys else None


def _index(drawn: Any) -> int:
    return drawn if isinstance(drawn, int) else len(str(drawn))


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


def generic_values(model: Any) -> Callable[[dict[str, Any]], set[str]]:
    """Takes the generic fields out of ``data``; a row given to a GenericForeignKey
    (``content_object=entry``) sets its content type and id. Returns the names given a row."""
    generic = {f.name: f for f in model._meta.private_fields if _is_generic(f)}
    names = [f.name for f in generic_fields(model)]

    def take(data: dict[str, Any]) -> set[str]:
        taken: set[str] = set()
        for name in names:
            given = data.pop(name, None)
            if given is not None and name in generic:
                taken.add(name)
                from django.contrib.contenttypes.models import ContentType

                field = generic[name]
                for_concrete = bool(getattr(field, "for_concrete_model", True))
                data[field.ct_field] = ContentType.objects.get_for_model(
                    given, for_concrete_model=for_concrete
                )
                data[field.fk_field] = given.pk
        return taken

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
    target = _stored_model(content_type)
    if target is None or key is None:
        return False
    try:
        return bool(target._default_manager.filter(pk=key).exists())
    except (ValueError, TypeError):
        return False  # a drawn id of the wrong type for that model's key


def _is_generic(field: Any) -> bool:
    from django.contrib.contenttypes.fields import GenericForeignKey

    return isinstance(field, GenericForeignKey)


def _existing_row(content_type: Any, drawn: Any, fits: Callable[[Any], bool]) -> tuple[Any, Any] | None:
    """The first content type (from the drawn one on) whose model has rows, and one of its keys; a
    type whose chosen key the object id field refuses (a text key for an integer id) is passed over."""
    from django.contrib.contenttypes.models import ContentType

    types = list(ContentType.objects.order_by("pk"))
    start = next((i for i, ct in enumerate(types) if ct.pk == content_type.pk), 0)
    for ct in types[start:] + types[:start]:
        target = _stored_model(ct)
        if target is None:
            continue
        keys = list(target._default_manager.order_by("pk").values_list("pk", flat=True)[:CANDIDATES])
        if keys and fits(key := keys[_index(drawn) % len(keys)]):
            return ct, key
    return None


def _stored_model(content_type: Any) -> Any:
    """The content type's model when its rows can be read: installed, and for a model Django does not
    manage, a table that exists (a migration's own unmanaged model, such as djangocms-text's
    ``CKEditorText`` over a table it then drops, still gets a content type)."""
    from django.db import connections, router

    target = content_type.model_class()
    if target is None or target._meta.managed:
        return target
    connection = connections[router.db_for_read(target)]
    tables = connection.introspection.table_names(include_views=True)
    return target if target._meta.db_table in tables else None


def _fitting(id_field: Any) -> Callable[[Any], bool]:
    """Whether a key can be stored in the object id field and read back as itself: it passes the
    field's own cleaning (``to_python``, validators) and comes out equal (as text, for a text field)."""
    from django.core.exceptions import ValidationError

    def fits(key: Any) -> bool:
        try:
            cleaned = id_field.clean(key, None)
        except (ValidationError, TypeError, ValueError):
            return False
        return bool(cleaned == key or str(cleaned) == str(key))

    return fits
