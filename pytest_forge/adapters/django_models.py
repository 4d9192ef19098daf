"""The Django adapter: a concrete ``django.db.models.Model`` subclass as a neutral ModelSpec.

Fields the database fills itself (auto keys, ``auto_now``, generated columns, the
parent link of multi-table inheritance) are left out; a foreign key holds its parent
record (``ForeignKey(Model, field=RECORD)``), a many-to-many field a list of them. How
instances are validated (``full_clean``) and saved lives in ``django_storage``.
Django is imported only when a Django model is described.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.django_limits import parent_limit
from pytest_forge.adapters.kinds import is_django_model
from pytest_forge.errors import UnsupportedTypeError
from pytest_forge.field_tags import RECORD, ForeignKey, PrimaryKey, Unique
from pytest_forge.spec import MISSING, FieldSpec, ModelSpec, TypeSpec

if TYPE_CHECKING:
    from django.db.models import Field, Model

__all__ = ["django_model_spec", "is_django_model"]

#: how many parents a many-to-many field gets by default (``generate_m2m`` changes it)
M2M_MOST = 3


def django_model_spec(model: type[Model]) -> ModelSpec:
    """Describe a concrete Django model; an abstract one is refused with a clear error."""
    from django.conf import settings

    from pytest_forge.adapters.django_generic import generic_fields
    from pytest_forge.adapters.django_storage import django_storage, rejection_reader, validator, validators

    meta = model._meta
    if meta.abstract:
        raise UnsupportedTypeError(
            f"{model.__name__} is an abstract Django model: it has no table; generate a concrete subclass",
            model=model,
        )
    use_tz = bool(settings.USE_TZ)
    fields = tuple(_field_spec(f, use_tz) for f in meta.concrete_fields if _generated(f))
    many = tuple(_many_spec(f) for f in meta.many_to_many if _auto_through(f))
    generic = generic_fields(model)
    together = _unique_together(model, {f.name for f in fields if not _is_relation_field(f)})
    return ModelSpec(
        model=model,
        name=registry_name(model),
        fields=(*fields, *many, *generic),
        validate=validator(model, tuple(f.name for f in many), together),
        kind="django",
        failing_fields=rejection_reader(model),
        validators=validators(model),
        storage=django_storage(model),
        unique_together=together,
    )


def registry_name(model: type[Model]) -> str:
    """The class name, or ``app_label.Name`` when another installed model has the same class name
    (``sites.Site`` and ``wagtailcore.Site``): records are registered, and errors name models, by it."""
    from django.apps import apps

    name = model.__name__
    clash = any(
        other.__name__ == name and other._meta.label != model._meta.label
        for other in apps.get_models(include_auto_created=True)
    )
    return model._meta.label if clash else name


def _generated(field: Field[Any, Any]) -> bool:
    """False for what the database or Django fills: auto keys, auto_now, generated columns, parent links,
    and nullable fields no form may edit (``editable=False``: the model sets them, as django-polymorphic
    sets ``polymorphic_ctype`` on save)."""
    from django.db.models.fields import AutoFieldMixin

    if isinstance(field, AutoFieldMixin) or type(field).__name__ == "GeneratedField":
        return False
    if not field.editable and field.null:
        return False
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return False
    remote = field.remote_field
    return not (remote is not None and getattr(remote, "parent_link", False))


def _auto_through(field: Any) -> bool:
    """A many-to-many field whose rows Django makes itself (a ``through`` model is made on its own)."""
    return bool(field.remote_field.through._meta.auto_created)


def _is_relation_field(spec: FieldSpec) -> bool:
    return spec.tag(ForeignKey) is not None


def _field_spec(field: Field[Any, Any], use_tz: bool) -> FieldSpec:
    from django.db.models import NOT_PROVIDED

    from pytest_forge.adapters.django_fields import field_type

    default: Any = field.default
    factory = default if callable(default) else None
    tags: list[Any] = []
    if field.is_relation:
        spec = _relation_type(field)
        accept, values = parent_limit(field)
        target = field.related_model
        tags.append(
            ForeignKey(
                target,
                RECORD,
                one_to_one=field.one_to_one,
                accept=accept,
                values=values,
                name=registry_name(target),
                null_column=field.null,
            )
        )
    else:
        spec = field_type(field, use_tz)
        if field.primary_key:
            tags.append(PrimaryKey)
        elif field.unique:
            tags.append(Unique)
    return FieldSpec(
        name=field.name,
        type=spec,
        input_path=(field.name,),
        required=not field.blank and default is NOT_PROVIDED,
        default=MISSING if default is NOT_PROVIDED or factory is not None else default,
        default_factory=factory,
        description=str(field.help_text) or None,
        tags=tuple(tags),
        level=_password_level(field),
    )


def _password_level(field: Field[Any, Any]) -> str | None:
    """A user model's ``password`` holds a hash the adapter makes with ``set_password``: safe to generate."""
    is_user = callable(getattr(field.model, "set_password", None))
    return "safe" if is_user and field.name == "password" else None


def _relation_type(field: Field[Any, Any]) -> TypeSpec:
    """A foreign key's value is its parent record (the relation rule draws it); None only where
    ``full_clean`` takes it: ``null`` and ``blank`` (or not editable: then it is not checked). A
    key the database may leave NULL but ``blank=False`` (dj-stripe's ``Charge.invoice``) is required."""
    target = field.related_model
    name = target.__name__ if isinstance(target, type) else str(target)
    spec = TypeSpec("int", label=f"ForeignKey({name})")
    optional = field.null and (field.blank or not field.editable)
    return TypeSpec("optional", args=(spec,), label=f"{spec.label} | None") if optional else spec


def _many_spec(field: Any) -> FieldSpec:
    target = field.related_model
    item = TypeSpec("int", label=f"ManyToManyField({target.__name__})")
    spec = TypeSpec(
        "list", args=(item,), min_length=0 if field.blank else 1, max_length=M2M_MOST, label=item.label
    )
    accept, values = parent_limit(field)
    return FieldSpec(
        name=field.name,
        type=spec,
        input_path=(field.name,),
        required=not field.blank,
        description=str(field.help_text) or None,
        tags=(ForeignKey(target, RECORD, accept=accept, values=values, name=registry_name(target)),),
    )


def _unique_together(model: type[Model], plain: set[str]) -> tuple[tuple[str, ...], ...]:
    """``unique_together`` and unconditional ``UniqueConstraint`` fields over plain (non-relation) fields.

    Groups with a foreign key are checked by ``full_clean`` against the database instead.
    """
    from django.db.models import UniqueConstraint

    meta = model._meta
    groups = [tuple(group) for group in meta.unique_together]
    for constraint in meta.constraints:
        if isinstance(constraint, UniqueConstraint) and constraint.fields and constraint.condition is None:
            groups.append(tuple(constraint.fields))
    return tuple(group for group in dict.fromkeys(groups) if set(group) <= plain and len(group) > 1)
