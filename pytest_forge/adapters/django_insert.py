"""One row's INSERT as ``Model.save(force_insert=True)`` runs it, its SQL compiled once per model.

``save()`` builds a new ``InsertQuery`` and compiles its SQL for every row; for a new row of a
plain model that SQL is the same every time (the table, its columns, one placeholder each), only
the parameters change. An :class:`Inserter` compiles it with Django's own compiler on the first
row and then, per row, does what ``save_base``/``_save_table`` do for a forced insert: fills the
key a default gives, runs every field's ``pre_save`` (``auto_now``, files written through their
storage) and ``get_db_prep_save``, executes through the same compiler (Django's returning-key and
converter code) and marks the row saved.

Only where that is all ``save()`` would do: the model's own ``save``/``save_base``/``_save_table``
are Django's (``AbstractBaseUser.save``, whose only addition is the password-changed hook, is
run as it is written), no ``pre_save``/``post_save`` receiver listens for the model, it is no
multi-table child, has no ``order_with_respect_to``, no custom base manager, no composite key
and no field with its own SQL placeholder but the binary one (whose two shapes, NULL or not,
get a statement each). A value that is an SQL expression makes that row go
through ``save()``. Everything else calls ``save()`` itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Inserter", "can_insert"]

#: the methods ``save()`` goes through; an override of any of them may do more than the INSERT
_SAVE_STEPS = ("save_base", "_save_table", "_do_insert", "_save_parents", "_prepare_related_fields_for_save")


def can_insert(model: type[Any]) -> bool:
    """True when a forced ``save()`` of a new ``model`` row does nothing but its one INSERT."""
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.db.models import Model
    from django.db.models.signals import post_save, pre_save

    meta = model._meta
    concrete = meta.concrete_model
    if meta.parents or concrete._meta.parents or meta.auto_created or meta.order_with_respect_to:
        return False
    if concrete._meta.base_manager_name is not None or len(getattr(meta, "pk_fields", [meta.pk])) != 1:
        return False
    if model.save not in (Model.save, AbstractBaseUser.save):
        return False
    for name in (
        "save_base",
        "_save_table",
        "_do_insert",
        "_save_parents",
        "_prepare_related_fields_for_save",
    ):
        if getattr(model, name) is not getattr(Model, name):
            return False
    if pre_save.has_listeners(model) or post_save.has_listeners(model):
        return False
    return not any(
        hasattr(f, "get_placeholder") and not _binary(f) for f in concrete._meta.local_concrete_fields
    )


@dataclass(slots=True)
class _Plan:
    """The compiled INSERT of one model on one connection, with or without the key given."""

    fields: list[Any]
    compiler: Any
    sql: str
    tail: tuple[Any, ...]


class Inserter:
    """Inserts new rows of models that :func:`can_insert` allows, one statement each."""

    def __init__(self) -> None:
        self._plans: dict[tuple[Any, ...], _Plan] = {}
        self._fields: dict[tuple[type[Any], bool], tuple[list[Any], list[int]]] = {}

    def insert(self, instance: Any) -> None:
        from django.db import connections, router

        model = type(instance)
        instance._prepare_related_fields_for_save(operation_name="save")
        using = router.db_for_write(model, instance=instance)
        concrete = model._meta.concrete_model
        meta = concrete._meta
        if instance._get_pk_val(meta) is None:
            setattr(instance, meta.pk.attname, meta.pk.get_pk_value_on_save(instance))
        pk_set = instance._get_pk_val(meta) is not None
        connection = connections[using]
        known = self._fields.get((concrete, pk_set))
        if known is None:
            listed = _fields(concrete, pk_set)
            known = self._fields[(concrete, pk_set)] = (
                listed,
                [i for i, f in enumerate(listed) if _binary(f)],
            )
        fields, binary = known
        values = _values(instance, fields, connection)
        if values is None:  # an SQL expression: save() compiles it
            instance.save(force_insert=True)
            return
        shape = tuple(fields[i].get_placeholder(values[i], None, connection) for i in binary)
        key = (concrete, using, pk_set, id(connection), shape)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = _compile(instance, concrete, fields, using)
            _execute(instance, plan, None, meta, using)
        else:
            _execute(instance, plan, values, meta, using)
        _after_save(instance)


def _binary(field: Any) -> bool:
    """A field whose placeholder is the backend's binary one (MySQL: ``_binary %s`` unless NULL)."""
    from django.db.models import BinaryField

    return hasattr(field, "get_placeholder") and type(field).get_placeholder is BinaryField.get_placeholder


def _fields(concrete: type[Any], pk_set: bool) -> list[Any]:
    meta = concrete._meta
    return [
        f
        for f in meta.local_concrete_fields
        if not getattr(f, "generated", False) and (pk_set or f is not meta.auto_field)
    ]


def _compile(instance: Any, concrete: type[Any], fields: list[Any], using: str) -> _Plan:
    """Django's compiler on this first row: its SQL is every later row's of the same shape."""
    from django.db.models import sql

    query = sql.InsertQuery(concrete)
    query.insert_values(fields, [instance], raw=False)
    compiler = query.get_compiler(using=using)
    compiler.returning_fields = concrete._meta.db_returning_fields
    ((statement, _params),) = compiler.as_sql()
    tail = tuple(getattr(compiler, "returning_params", ()) or ())
    return _Plan(fields, compiler, statement, tail)


def _values(instance: Any, fields: list[Any], connection: Any) -> tuple[Any, ...] | None:
    """What ``as_sql`` binds for this row (None: a value is an SQL expression)."""
    values = []
    for field in fields:
        value = field.pre_save(instance, True)
        if hasattr(value, "resolve_expression"):
            return None
        values.append(field.get_db_prep_save(value, connection=connection))
    return tuple(values)


def _execute(instance: Any, plan: _Plan, values: tuple[Any, ...] | None, meta: Any, using: str) -> None:
    from django.db import transaction

    compiler = plan.compiler
    compiler.query.objs = [instance]
    if values is not None:
        bound = [(plan.sql, values + plan.tail)]
        as_sql: Callable[[], list[tuple[str, tuple[Any, ...]]]] = lambda: bound  # noqa: E731
        compiler.as_sql = as_sql
    else:  # the first row: Django's own as_sql, which compiled the plan's statement
        compiler.__dict__.pop("as_sql", None)
    returning = meta.db_returning_fields
    with transaction.mark_for_rollback_on_error(using=using):
        results = compiler.execute_sql(returning)
    if results:
        for value, field in zip(results[0], returning, strict=False):
            setattr(instance, field.attname, value)
    instance._state.db = using
    instance._state.adding = False


def _after_save(instance: Any) -> None:
    """What ``AbstractBaseUser.save`` adds to ``Model.save``: the password-changed hook."""
    from django.contrib.auth.base_user import AbstractBaseUser

    if isinstance(instance, AbstractBaseUser) and type(instance).save is AbstractBaseUser.save:
        password = instance._password
        if password is not None:
            from django.contrib.auth import password_validation

            password_validation.password_changed(password, instance)
            instance._password = None
