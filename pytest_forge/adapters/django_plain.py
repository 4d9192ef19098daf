"""Which Django models a compiled INSERT may save (adapters/django_insert.py): the plain ones.

Only where that is all ``save()`` would do: the model's own ``save``/``save_base``/``_save_table``
are Django's (``AbstractBaseUser.save``, whose only addition is the password-changed hook, is
run as it is written), no ``pre_save``/``post_save`` receiver listens for the model, it is no
multi-table child, has no ``order_with_respect_to``, no custom base manager, no composite key
and no field with its own SQL placeholder but the binary one (whose two shapes, NULL or not,
get a statement each), and its key is not a one-to-one to another model (such a row may exist
already, made with its parent).
"""

from __future__ import annotations

from typing import Any

__all__ = ["binary_placeholder", "can_insert", "can_insert_many", "key_is_its_parent", "saves_plainly"]

#: the methods ``save()`` goes through; an override of any of them may do more than the INSERT
_SAVE_STEPS = ("save_base", "_save_table", "_do_insert", "_save_parents", "_prepare_related_fields_for_save")


def saves_plainly(model: type[Any]) -> bool:
    """``model.save`` is Django's (or the user model's, which only adds the password-changed hook)."""
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.db.models import Model

    return model.save in (Model.save, AbstractBaseUser.save)


def key_is_its_parent(model: type[Any]) -> bool:
    """The primary key is a one-to-one to another model (not a multi-table parent link): a row with
    that key may exist already, made with its parent by a trigger or a ``post_save`` signal."""
    pk = model._meta.pk
    return bool(pk.is_relation and not pk.remote_field.parent_link)


def can_insert(model: type[Any]) -> bool:
    """True when a forced ``save()`` of a new ``model`` row does nothing but its one INSERT."""
    from django.db.models import Model
    from django.db.models.signals import post_save, pre_save

    meta = model._meta
    concrete = meta.concrete_model
    if meta.parents or concrete._meta.parents or meta.auto_created or meta.order_with_respect_to:
        return False
    if concrete._meta.base_manager_name is not None or len(getattr(meta, "pk_fields", [meta.pk])) != 1:
        return False
    if not saves_plainly(model) or key_is_its_parent(model):
        return False
    if any(getattr(model, name) is not getattr(Model, name) for name in _SAVE_STEPS):
        return False
    if pre_save.has_listeners(model) or post_save.has_listeners(model):
        return False
    fields = concrete._meta.local_concrete_fields
    return not any(hasattr(f, "get_placeholder") and not binary_placeholder(f) for f in fields)


def can_insert_many(model: type[Any]) -> bool:
    """True when ``model``'s default manager's ``bulk_create`` is Django's own, for a plain model."""
    from django.db.models import Manager, QuerySet

    meta = model._meta
    if meta.parents or meta.concrete_model._meta.parents or len(getattr(meta, "pk_fields", [meta.pk])) != 1:
        return False
    manager = model._default_manager
    queryset = type(manager.get_queryset())
    if type(manager).bulk_create is not Manager.bulk_create:
        return False
    if any(getattr(queryset, n) is not getattr(QuerySet, n) for n in _BULK_STEPS):
        return False
    fields = meta.concrete_model._meta.concrete_fields
    return not any(hasattr(f, "get_placeholder") and not binary_placeholder(f) for f in fields)


#: the queryset methods ``bulk_create`` goes through
_BULK_STEPS = ("bulk_create", "_prepare_for_bulk_create", "_batched_insert", "_insert")


def binary_placeholder(field: Any) -> bool:
    """A field whose placeholder is the backend's binary one (MySQL: ``_binary %s`` unless NULL)."""
    from django.db.models import BinaryField

    return hasattr(field, "get_placeholder") and type(field).get_placeholder is BinaryField.get_placeholder
