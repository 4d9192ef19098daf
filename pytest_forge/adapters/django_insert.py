"""One row's INSERT as ``Model.save(force_insert=True)`` runs it, its SQL compiled once per model.

``save()`` builds a new ``InsertQuery`` and compiles its SQL for every row; for a new row of a
plain model that SQL is the same every time (the table, its columns, one placeholder each), only
the parameters change. An :class:`Inserter` compiles it with Django's own compiler on the first
row and then, per row, does what ``save_base``/``_save_table`` do for a forced insert: fills the
key a default gives, runs every field's ``pre_save`` (``auto_now``, files written through their
storage) and ``get_db_prep_save`` (:mod:`~pytest_forge.adapters.django_prepare`), executes the
statement on the call's cursor (:mod:`~pytest_forge.adapters.django_cursor`), reads the returned
columns as the compiler's ``execute_sql`` reads them (through its converters) and marks the row
saved.

Only for the models :mod:`pytest_forge.adapters.django_plain` finds plain; a value that is an SQL
expression makes that row go through ``save()``, and every other model calls ``save()`` itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import Any

from pytest_forge.adapters.django_cursor import CallCursors
from pytest_forge.adapters.django_plain import binary_placeholder
from pytest_forge.adapters.django_prepare import Column, columns, row_values

__all__ = ["Inserter"]


@dataclass(slots=True)
class _Plan:
    """The compiled INSERT of one model on one connection for a number of rows of one shape."""

    compiler: Any
    sql: str
    tail: tuple[Any, ...]
    #: how the returned columns are read from the cursor, which fields they are, their converters
    #: (worked out on the first execution)
    reading: tuple[Any, tuple[Any, ...], Any] | None = None


class Inserter:
    """Inserts new rows of models that :func:`can_insert` (one by one) or :func:`can_insert_many`
    (several per statement, as ``bulk_create``) allows; statements compiled once per shape."""

    def __init__(self) -> None:
        from django import db

        self._db = db
        self._plans: dict[tuple[Any, ...], _Plan] = {}
        self._cursors = CallCursors()
        self._fields: dict[tuple[type[Any], bool, bool], tuple[list[Column], list[int]]] = {}

    def _listed(self, concrete: type[Any], pk_set: bool, bulk: bool) -> tuple[list[Column], list[int]]:
        known = self._fields.get((concrete, pk_set, bulk))
        if known is None:
            listed = _fields(concrete, pk_set, bulk)
            binary = [i for i, f in enumerate(listed) if binary_placeholder(f)]
            known = self._fields[(concrete, pk_set, bulk)] = (columns(concrete, listed), binary)
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
        connection = self._cursors.connection(using)
        fields, binary = self._listed(meta.concrete_model, pk_set, False)
        values = row_values(instance, fields, connection)
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
            rows = [row_values(instance, fields, connection) for instance in group]
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
        fields: list[Column],
        binary: list[int],
        values: list[Any],
        using: str,
        keep_pk: bool,
    ) -> None:
        """One INSERT of ``rows``: compiled by Django for a new shape (its own values bound), else the
        shape's statement with these values; returned columns set on the rows, which are now saved."""
        connection = self._cursors.connection(using)
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
            plan, bound = _compile(rows, concrete, [column.field for column in fields], values, using)
            self._plans[key] = plan
        else:
            flat = values[0] if len(values) == 1 else tuple(chain.from_iterable(values))
            bound = (plan.sql, flat + plan.tail if plan.tail else flat)
        meta = concrete._meta
        read, returning, converters = plan.reading or self._reading(plan, len(rows), connection, meta)
        statement, params = bound
        results = self._cursors.execute(connection, statement, params, read)
        if results and converters:
            results = list(plan.compiler.apply_converters(results, converters))
        for row, result in zip(rows, results or (), strict=False):
            for value, field in zip(result, returning, strict=False):
                if not (keep_pk and field is meta.pk):
                    setattr(row, field.attname, value)
        for row in rows:
            state = row._state
            state.db, state.adding = using, False

    def close(self) -> None:
        """Close the call's cursors (at the end of the outermost call)."""
        self._cursors.close()

    @staticmethod
    def _reading(plan: _Plan, count: int, connection: Any, meta: Any) -> tuple[Any, tuple[Any, ...], Any]:
        """How ``SQLInsertCompiler.execute_sql`` reads the rows' returned columns (new keys and other
        columns the database fills) after this statement, and their converters (once per plan)."""
        from django.db.models import AutoField

        features, ops = connection.features, connection.ops
        returning = tuple(meta.db_returning_fields)
        read: Any = None
        if not returning:
            pass
        elif features.can_return_rows_from_bulk_insert and count > 1:
            read = ops.fetch_returned_insert_rows
        elif features.can_return_columns_from_insert:
            tail = plan.tail
            read = lambda cursor: [ops.fetch_returned_insert_columns(cursor, tail)]  # noqa: E731
        elif isinstance(returning[0], AutoField):
            table, column = meta.db_table, returning[0].column
            read = lambda cursor: [(ops.last_insert_id(cursor, table, column),)]  # noqa: E731
            returning = returning[:1]
        if read is None:
            returning = ()
        cols = [field.get_col(meta.db_table) for field in returning]
        converters = plan.compiler.get_converters(cols) if cols else None
        plan.reading = (read, returning, converters)
        return plan.reading


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
