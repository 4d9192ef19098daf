"""One row's INSERT as ``Model.save(force_insert=True)`` runs it, its SQL compiled once per model.

``save()`` builds a new ``InsertQuery`` and compiles its SQL for every row; for a new row of a
plain model that SQL is the same every time (the table, its columns, one placeholder each), only
the parameters change. An :class:`Inserter` compiles it with Django's own compiler on the first
row and then, per row, does what ``save_base``/``_save_table`` do for a forced insert: fills the
key a default gives, runs every field's ``pre_save`` (``auto_now``, files written through their
storage) and ``get_db_prep_save``, executes through the same compiler (Django's returning-key and
converter code) and marks the row saved.

Only for the models :mod:`pytest_forge.adapters.django_plain` finds plain; a value that is an SQL
expression makes that row go through ``save()``, and every other model calls ``save()`` itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
from dataclasses import dataclass
from itertools import chain
from typing import Any

from pytest_forge.adapters.django_plain import binary_placeholder

__all__ = ["Inserter"]


@dataclass(slots=True)
class _Plan:
    """The compiled INSERT of one model on one connection for a number of rows of one shape."""

    compiler: Any
    sql: str
    tail: tuple[Any, ...]
    #: the returned columns' converters, by how many columns are read back
    converters: dict[int, Any] = dataclasses.field(default_factory=dict)


class Inserter:
    """Inserts new rows of models that :func:`can_insert` (one by one) or :func:`can_insert_many`
    (several per statement, as ``bulk_create``) allows; statements compiled once per shape."""

    def __init__(self) -> None:
        from django import db

        self._db = db
        self._plans: dict[tuple[Any, ...], _Plan] = {}
        self._cursors: dict[int, tuple[Any, Any]] = {}
        self._fields: dict[
            tuple[type[Any], bool, bool], tuple[list[tuple[Any, bool, str | None]], list[int]]
        ] = {}

    def _listed(
        self, concrete: type[Any], pk_set: bool, bulk: bool
    ) -> tuple[list[tuple[Any, bool, str | None]], list[int]]:
        known = self._fields.get((concrete, pk_set, bulk))
        if known is None:
            listed = _fields(concrete, pk_set, bulk)
            binary = [i for i, f in enumerate(listed) if binary_placeholder(f)]
            listed = [(f, _text(f), _plain_read(concrete, f)) for f in listed]
            known = self._fields[(concrete, pk_set, bulk)] = (listed, binary)
        return known

    def insert(self, instance: Any) -> None:
        """``instance.save(force_insert=True)``, its INSERT compiled once."""
        model = type(instance)
        instance._prepare_related_fields_for_save(operation_name="save")
        router = self._db.router
        # no routers: what db_for_write answers for a row (its own database, else the default)
        using = (instance._state.db or self._db.DEFAULT_DB_ALIAS) if not router.routers else None
        using = using or router.db_for_write(model, instance=instance)
        meta = model._meta.concrete_model._meta
        if instance._get_pk_val(meta) is None:
            setattr(instance, meta.pk.attname, meta.pk.get_pk_value_on_save(instance))
        pk_set = instance._get_pk_val(meta) is not None
        connection = self._db.connections[using]
        fields, binary = self._listed(meta.concrete_model, pk_set, False)
        values = _values(instance, fields, connection)
        if values is None:  # an SQL expression: save() compiles it
            instance.save(force_insert=True)
            return
        self._run([instance], (pk_set, False), fields, binary, [values], using, keep_pk=False)
        _after_save(instance)

    def insert_many(self, model: type[Any], instances: list[Any]) -> bool:
        """``bulk_create(instances)`` as Django runs it (keys given or drawn from a default first,
        then rows without keys, in batches of the backend's size, keys read back); False (nothing
        done) where a value is an SQL expression or the database returns no keys from it."""
        from django.db import connections, router, transaction

        meta = model._meta.concrete_model._meta
        using = router.db_for_write(model)
        connection = connections[using]
        if not connection.features.can_return_rows_from_bulk_insert:
            return False
        for instance in instances:
            if instance._get_pk_val(meta) is None:
                instance.pk = meta.pk.get_pk_value_on_save(instance)
            instance._prepare_related_fields_for_save(operation_name="bulk_create")
        groups = []
        for pk_set in (True, False):
            group = [i for i in instances if (i._get_pk_val(meta) is not None) is pk_set]
            if not group:
                continue
            fields, binary = self._listed(meta.concrete_model, pk_set, True)
            rows = [_values(instance, fields, connection) for instance in group]
            if any(row is None for row in rows):
                return False
            groups.append((group, fields, binary, rows, pk_set))
        with transaction.atomic(using=using, savepoint=False):
            for group, fields, binary, rows, pk_set in groups:
                size = max(connection.ops.bulk_batch_size(fields, group), 1)
                for start in range(0, len(group), size):
                    chunk = rows[start : start + size]
                    batch = group[start : start + size]
                    self._run(batch, (pk_set, True), fields, binary, chunk, using, keep_pk=pk_set)
        return True

    def _run(
        self,
        rows: list[Any],
        listing: tuple[bool, bool],
        fields: list[tuple[Any, bool, str | None]],
        binary: list[int],
        values: list[Any],
        using: str,
        keep_pk: bool,
    ) -> None:
        """One INSERT of ``rows``: compiled by Django for a new shape (its own values bound), else the
        shape's statement with these values; returned columns set on the rows, which are now saved."""
        connection = self._db.connections[using]
        concrete = type(rows[0])._meta.concrete_model
        shape = (
            tuple(
                tuple(fields[i][0].get_placeholder(row[i], None, connection) for i in binary)
                for row in values
            )
            if binary
            else ()
        )
        key = (concrete, using, id(connection), listing, len(rows), shape)
        plan = self._plans.get(key)
        if plan is None:
            plan, bound = _compile(rows, concrete, [f for f, _text, _read in fields], values, using)
            self._plans[key] = plan
        else:
            flat = values[0] if len(values) == 1 else tuple(chain.from_iterable(values))
            bound = (plan.sql, flat + plan.tail if plan.tail else flat)
        meta = concrete._meta
        returning = meta.db_returning_fields
        results = self._execute(plan, bound, len(rows), connection, meta) if returning else None
        if results is None:  # nothing to read back: the statement alone
            self._cursor(connection).execute(*bound)
        for row, result in zip(rows, results or (), strict=False):
            for value, field in zip(result, returning, strict=False):
                if not (keep_pk and field is meta.pk):
                    setattr(row, field.attname, value)
        for row in rows:
            state = row._state
            state.db, state.adding = using, False

    def _cursor(self, connection: Any) -> Any:
        """One cursor per connection for the whole call (``save()`` opens and closes one per row)."""
        found = self._cursors.get(id(connection))
        if found is None or found[0] is not connection:
            found = self._cursors[id(connection)] = (connection, connection.cursor())
        return found[1]

    def close(self) -> None:
        """Close the call's cursors (at the end of the outermost call)."""
        cursors, self._cursors = self._cursors, {}
        for _connection, cursor in cursors.values():
            with contextlib.suppress(Exception):  # best effort: a connection closed meanwhile
                cursor.close()

    def _execute(self, plan: _Plan, bound: Any, count: int, connection: Any, meta: Any) -> Any:
        """``SQLInsertCompiler.execute_sql`` with returned columns, on the call's cursor: the rows'
        new keys (and other returned columns) read back as it reads them, through its converters."""
        from django.db.models import AutoField

        cursor = self._cursor(connection)
        cursor.execute(*bound)
        features, ops = connection.features, connection.ops
        returning = meta.db_returning_fields
        if features.can_return_rows_from_bulk_insert and count > 1:
            rows = ops.fetch_returned_insert_rows(cursor)
        elif features.can_return_columns_from_insert:
            rows = [ops.fetch_returned_insert_columns(cursor, plan.tail)]
        elif isinstance(returning[0], AutoField):
            rows = [(ops.last_insert_id(cursor, meta.db_table, returning[0].column),)]
            returning = returning[:1]
        else:
            return []
        converters = plan.converters.get(len(returning))
        if converters is None:
            cols = [field.get_col(meta.db_table) for field in returning]
            converters = plan.converters[len(returning)] = plan.compiler.get_converters(cols)
        return list(plan.compiler.apply_converters(rows, converters)) if converters else list(rows)


def _fields(concrete: type[Any], pk_set: bool, bulk: bool) -> list[Any]:
    """The columns ``save()`` (the model's own table's) or ``bulk_create`` (every auto key left out
    of rows without a key) inserts."""
    from django.db.models import AutoField

    meta = concrete._meta
    listed = [f for f in meta.concrete_fields if not getattr(f, "generated", False)]
    if bulk:
        return listed if pk_set else [f for f in listed if not isinstance(f, AutoField)]
    return [
        f
        for f in meta.local_concrete_fields
        if not getattr(f, "generated", False) and (pk_set or f is not meta.auto_field)
    ]


def _compile(
    rows: list[Any], concrete: type[Any], fields: list[Any], values: list[Any], using: str
) -> tuple[_Plan, Any]:
    """Django's compiler on these rows, given the values ``_values`` prepared for them (what its own
    ``pre_save_val``/``prepare_value`` would give, without running ``pre_save`` twice): its
    statement serves every later batch of the same shape."""
    from django.db.models import sql

    query = sql.InsertQuery(concrete)
    query.insert_values(fields, rows, raw=False)
    compiler = query.get_compiler(using=using)
    compiler.returning_fields = concrete._meta.db_returning_fields
    prepared = {id(row): row_values for row, row_values in zip(rows, values, strict=True)}
    column = {id(field): i for i, field in enumerate(fields)}
    compiler.pre_save_val = lambda field, row: prepared[id(row)][column[id(field)]]
    compiler.prepare_value = lambda field, value: value
    try:
        ((statement, params),) = compiler.as_sql()
    finally:
        del compiler.pre_save_val, compiler.prepare_value
    tail = tuple(getattr(compiler, "returning_params", ()) or ())
    return _Plan(compiler, statement, tail), (statement, params)


def _values(
    instance: Any, fields: list[tuple[Any, bool, str | None]], connection: Any
) -> tuple[Any, ...] | None:
    """What ``as_sql`` binds for this row (None: a value is an SQL expression). A text field whose
    preparation is Django's plain one binds a ``str`` as it is (``to_python`` keeps any str); a
    field whose ``pre_save`` only reads the attribute is read where that read would find it."""
    values = []
    stored = instance.__dict__
    for field, text, attname in fields:
        value = (
            stored[attname] if attname is not None and attname in stored else field.pre_save(instance, True)
        )
        if text and isinstance(value, str):
            values.append(value)
            continue
        if hasattr(value, "resolve_expression"):
            return None
        values.append(field.get_db_prep_save(value, connection=connection))
    return tuple(values)


def _plain_read(concrete: type[Any], field: Any) -> str | None:
    """The attribute name when ``field.pre_save`` is ``Field.pre_save`` (``getattr(row, attname)``)
    and that attribute's descriptor returns what the instance holds (Django's deferred-field one)."""
    from django.db.models.fields import Field
    from django.db.models.query_utils import DeferredAttribute

    if type(field).pre_save is not Field.pre_save:
        return None
    descriptor = concrete.__dict__.get(field.attname)
    if descriptor is None:
        for klass in concrete.__mro__:
            if field.attname in vars(klass):
                descriptor = vars(klass)[field.attname]
                break
    if (
        not isinstance(descriptor, DeferredAttribute)
        or type(descriptor).__get__ is not DeferredAttribute.__get__
    ):
        return None
    attname: str = field.attname
    return attname


def _text(field: Any) -> bool:
    """A Char/TextField (or a subclass changing none of these steps) whose value reaches the database
    as ``CharField.to_python`` leaves it: ``get_db_prep_save`` → ``get_db_prep_value`` →
    ``get_prep_value`` → ``to_python``, each Django's own."""
    from django.db import models
    from django.db.models.fields import Field

    kind = type(field)
    return (
        kind.get_db_prep_save is Field.get_db_prep_save
        and kind.get_db_prep_value is Field.get_db_prep_value
        and kind.get_prep_value in (models.CharField.get_prep_value, models.TextField.get_prep_value)
        and kind.to_python in (models.CharField.to_python, models.TextField.to_python)
    )


def _after_save(instance: Any) -> None:
    """What ``AbstractBaseUser.save`` adds to ``Model.save``: the password-changed hook."""
    password = instance.__dict__.get("_password")
    if password is None:
        return
    from django.contrib.auth.base_user import AbstractBaseUser

    if isinstance(instance, AbstractBaseUser) and type(instance).save is AbstractBaseUser.save:
        from django.contrib.auth import password_validation

        password_validation.password_changed(password, instance)
        instance._password = None
