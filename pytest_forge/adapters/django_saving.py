"""One forge call's transaction on a Django database, and how its rows are saved.

The outermost ``create`` call opens the transaction; the calls it makes for parents run inside it
(no savepoint each: a failure anywhere ends the whole call, which rolls back). A ``bulk`` call
holds back the parents it makes and saves everything at its end in waves, parents before
children, one ``bulk_create`` per model and wave where the database returns the new keys
(MySQL/MariaDB do not: there, and for multi-table children, rows are saved one by one).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.django_files import FILLED, note_written
from pytest_forge.adapters.django_insert import Inserter
from pytest_forge.adapters.django_plain import (
    can_insert,
    can_insert_many,
    key_is_its_parent,
    saves_plainly,
)
from pytest_forge.errors import ConstraintError, ForgeError, UsageError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from django.db.models import Model

__all__ = [
    "call_atomic",
    "fresh_parent",
    "held_back",
    "note_relinked",
    "read_once",
    "save_one",
    "save_rows",
    "tree_last",
]

#: where a validated instance keeps its many-to-many parents until it is saved
PENDING_M2M = "_forge_pending_m2m"


@dataclass(slots=True)
class _Call:
    """The running outermost call: its databases, held-back rows and what it has read."""

    bulk: bool
    aliases: set[str] = field(default_factory=set)
    depth: int = 0
    pending: list[Any] = field(default_factory=list)
    read: set[Any] = field(default_factory=set)
    #: rows this call saved, and (field, parent) pairs its saved rows hold in unique relations
    fresh: set[int] = field(default_factory=set)
    taken: set[tuple[Any, int]] = field(default_factory=set)
    #: the last tree path this call gave under a parent path (django_trees), saved or not yet
    trees: dict[tuple[Any, str], str] = field(default_factory=dict)
    #: one INSERT compiled per model (django_insert), and which models may use it, for this call
    inserter: Inserter = field(default_factory=Inserter)
    plain: dict[tuple[type[Any], bool], bool] = field(default_factory=dict)


_CALL: contextvars.ContextVar[_Call | None] = contextvars.ContextVar("forge_django_call", default=None)


@contextlib.contextmanager
def call_atomic(model: type[Model], bulk: bool) -> Iterator[None]:
    """A transaction around the outermost call on ``model``'s database; nested calls join it."""
    from django.db import router, transaction

    alias = router.db_for_write(model)
    call = _CALL.get()
    token = _CALL.set(_Call(bulk)) if call is None else None
    call = _CALL.get()
    assert call is not None
    joined = alias in call.aliases
    try:
        with contextlib.nullcontext() if joined else transaction.atomic(using=alias):
            call.aliases.add(alias)
            call.depth += 1
            try:
                yield
                if call.depth == 1 and call.pending:
                    _flush(call, [])
            finally:
                call.depth -= 1
                if not joined:
                    call.aliases.discard(alias)
    except RuntimeError as exc:  # pytest-django's block on tests without database access
        if "Database access not allowed" not in str(exc):
            raise
        raise _no_database(model) from None
    finally:
        if token is not None:
            call.inserter.close()
            _CALL.reset(token)


def read_once(key: Any) -> bool:
    """True the first time ``key`` is asked about in the running outermost call (always outside one)."""
    call = _CALL.get()
    if call is None:
        return True
    if key in call.read:
        return False
    call.read.add(key)
    return True


def tree_last(tree: Any, base: str, given: str | None = None) -> str | None:
    """The last path the running call gave under ``base`` in ``tree`` (``given``: remember it)."""
    call = _CALL.get()
    if call is None:
        return None
    if given is not None:
        call.trees[(tree, base)] = given
    return call.trees.get((tree, base))


def fresh_parent(relation: Any, parent: Any) -> bool:
    """True when ``parent`` was saved by the running call and no row it saved holds it in this unique
    relation: no row anywhere can (it did not exist before the call), so the check needs no query."""
    call = _CALL.get()
    return call is not None and id(parent) in call.fresh and (relation, id(parent)) not in call.taken


def _saved(rows: list[Any]) -> None:
    django = _django()
    grow_parent, placed = django["grow_parent"], django["TREE_PARENT"]
    for row in rows:
        state = row.__dict__
        if FILLED in state:
            note_written(row)
        if placed in state:  # a tree node placed under a parent (django_trees)
            grow_parent(row)
    call = _CALL.get()
    if call is None:
        return
    for row in rows:
        call.fresh.add(id(row))
        _note_taken(call, row)


def note_relinked(row: Any) -> None:
    """A saved row whose keys were set afterwards (relink) holds those parents in its unique relations."""
    call = _CALL.get()
    if call is not None:
        _note_taken(call, row)


def _note_taken(call: _Call, row: Any) -> None:
    """The parents ``row`` holds in its unique relations are taken for the rest of the call."""
    for relation in _unique_relations(type(row)):
        if relation.is_cached(row):
            call.taken.add((relation, id(relation.get_cached_value(row))))


def held_back(row: Any) -> bool:
    """True for a row a bulk call holds back (not saved until the outermost call ends)."""
    call = _CALL.get()
    return call is not None and call.bulk and any(row is pending for pending in call.pending)


def _unique_relations(model: type[Any]) -> tuple[Any, ...]:
    found = _UNIQUE_RELATIONS.get(model)
    if found is None:
        found = _UNIQUE_RELATIONS[model] = tuple(
            f for f in model._meta.concrete_fields if f.is_relation and f.unique
        )
    return found


_UNIQUE_RELATIONS: dict[type[Any], tuple[Any, ...]] = {}


@functools.cache
def _django() -> dict[str, Any]:
    """What the per-row steps use from Django (and django_trees, which imports this module), once."""
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError

    from pytest_forge.adapters.django_trees import TREE_PARENT, grow_parent

    return {
        "ValidationError": ValidationError,
        "IntegrityError": IntegrityError,
        "grow_parent": grow_parent,
        "TREE_PARENT": TREE_PARENT,
    }


def save_rows(instances: list[Any], bulk: bool) -> list[Any]:
    """Save now, or (inside a bulk call's parents) hold back until the call saves its own rows."""
    call = _CALL.get()
    if call is not None and call.bulk:
        if call.depth > 1:
            call.pending.extend(instances)
            return instances
        _flush(call, instances)
        return instances
    if bulk and instances:
        _save_group(type(instances[0]), instances)
    else:
        for instance in instances:
            _save_one(instance)
        _saved(instances)
    _set_many(instances, bulk)
    return instances


def save_one(instance: Any) -> Any:
    """One row saved now (held back inside a bulk call, like ``save_rows``); a ValidationError its
    model's own ``save`` raises (django-celery-beat's "only one of expires, expire_seconds") is raised
    as it is: the engine re-draws the record. Nothing was written for it (Django's save-time rules run
    before the INSERT); a database refusal still ends the call."""
    call = _CALL.get()
    if call is not None and call.bulk:
        return save_rows([instance], False)[0]
    _save_one(instance, redraw=True)
    _saved([instance])
    _set_many([instance], False)
    return instance


def _flush(call: _Call, own: list[Any]) -> None:
    """Save the held-back rows and ``own`` in waves: each wave holds the rows whose parents are saved."""
    rows, call.pending = [*call.pending, *own], []
    waiting = {id(row) for row in rows}
    remaining = rows
    while remaining:
        ready = [row for row in remaining if not _waits(row, waiting)] or remaining[:1]
        by_model: dict[type[Any], list[Any]] = {}
        for row in ready:
            by_model.setdefault(type(row), []).append(row)
        for model, group in by_model.items():
            _save_group(model, group)
        waiting -= {id(row) for row in ready}
        remaining = [row for row in remaining if id(row) in waiting]
    _set_many(rows, True)


def _waits(row: Any, waiting: set[int]) -> bool:
    """True while a parent this row holds is itself waiting to be saved."""
    for fk in row._meta.concrete_fields:
        if fk.is_relation and fk.is_cached(row):
            parent = fk.get_cached_value(row)
            if parent is not None and parent is not row and id(parent) in waiting:
                return True
    return False


def _save_group(model: type[Model], instances: list[Any]) -> None:
    from django.db import IntegrityError

    if _can_bulk(model, instances):
        call = _CALL.get()
        try:
            if (
                call is None
                or not _plain(call, model, True)
                or not call.inserter.insert_many(model, instances)
            ):
                model._default_manager.bulk_create(instances)
        except IntegrityError as exc:
            raise _refused(model, "bulk_create()", str(exc)) from exc
    else:
        for instance in instances:
            _save_one(instance)
    _saved(instances)


def _save_one(instance: Any, redraw: bool = False) -> None:
    """``save()``; a ValidationError the model's own ``save`` raises (a rule ``full_clean`` does not
    know) becomes a ConstraintError naming the model (the call rolls back), or is raised as it is
    (``redraw``: the engine re-draws the record)."""
    django = _django()
    ValidationError, IntegrityError = django["ValidationError"], django["IntegrityError"]
    call = _CALL.get()
    model = type(instance)
    try:
        if call is not None and instance._state.adding and _plain(call, model, False):
            call.inserter.insert(instance)
        elif redraw:
            _save_or_refuse(instance, model)
        else:
            instance.save(force_insert=_inserts_only(model, instance))
    except ValidationError as exc:
        if redraw:
            raise
        raise _refused(type(instance), "save()", "; ".join(exc.messages)) from exc
    except IntegrityError as exc:
        raise _refused(type(instance), "the database", str(exc)) from exc
    if instance.pk is None:  # a save() that writes nothing (dj-stripe's UpcomingInvoice, a preview)
        raise ConstraintError(
            f"{model.__name__}.save() stored nothing (the row has no primary key afterwards): the model "
            f"is not kept in the database, so create() cannot make one; use build({model.__name__})",
            model=model,
        )


def _save_or_refuse(instance: Any, model: type[Any]) -> None:
    """``save()`` in a savepoint, where the engine may re-draw the row: an exception of the model's
    own code (its ``save``, a signal receiver: django-comments-xtd's thread depth, django-newsletter's
    class path, django-organizations' owner check) that is no database error undoes what it wrote and
    reads as the row's refusal, like Django's ValidationError (re-drawn; after the last draw a
    ValidationRejectedError quotes it)."""
    from django.db import DatabaseError, router, transaction

    try:
        with transaction.atomic(using=router.db_for_write(model, instance=instance)):
            instance.save(force_insert=_inserts_only(model, instance))
    except (DatabaseError, _django()["ValidationError"], ForgeError, RuntimeError):
        raise  # RuntimeError: pytest-django's "Database access not allowed" among them
    except Exception as exc:
        refusal = _django()["ValidationError"](f"{model.__name__}.save() raised {type(exc).__name__}: {exc}")
        raise refusal from exc


def _plain(call: _Call, model: type[Any], bulk: bool) -> bool:
    """Whether this call may insert ``model``'s rows through its compiled statements (asked once)."""
    plain = call.plain.get((model, bulk))
    if plain is None:
        plain = call.plain[(model, bulk)] = can_insert_many(model) if bulk else can_insert(model)
    return plain


def _inserts_only(model: type[Model], instance: Any) -> bool:
    """``save(force_insert=True)`` (no UPDATE tried first) unless the row may exist already: the model's
    own ``save`` decides (a singleton's sets its key to 1: saving again updates that row), or its key is
    its parent's (a row a trigger or ``post_save`` signal made along with the parent is updated), or
    it took such a row's key (adapters/django_receiver_rows.py)."""
    return saves_plainly(model) and not key_is_its_parent(model) and instance._state.adding


def _refused(model: type[Model], who: str, why: str) -> ConstraintError:
    """A row that passed ``full_clean`` refused when saved: a rule only ``save()`` or the database knows
    (a singleton's fixed key, a trigger); the call rolls back."""
    name = model.__name__
    return ConstraintError(
        f"{name}: {who} refused a row that passed full_clean: {why}; give the fields that rule reads "
        f"as overrides (or a Blueprint for {name})",
        model=model,
    )


def _can_bulk(model: type[Model], instances: list[Any]) -> bool:
    """``bulk_create`` only where every saved row gets its key back (MySQL/MariaDB return none), the
    model is not a multi-table child (Django refuses those) and no row points at another of them."""
    from django.db import connections, router

    if model._meta.parents or len(instances) < 2 or not all(i._state.adding for i in instances):
        return False  # not all new: a row that took a receiver's row is updated
    ids = {id(i) for i in instances}
    if any(_waits(i, ids) for i in instances):
        return False
    features = connections[router.db_for_write(model)].features
    return bool(features.can_return_rows_from_bulk_insert) or all(i.pk is not None for i in instances)


def _set_many(rows: list[Any], bulk: bool) -> None:
    """Many-to-many parents of new rows: through ``add`` one by one (its signals fire), or in bulk
    one insert of link rows per through table (a new row has none yet: nothing to read)."""
    links: dict[Any, list[Any]] = {}
    for row in rows:
        pending = row.__dict__.pop(PENDING_M2M, None)
        for name, parents in (pending or {}).items():
            if parents and not bulk:
                getattr(row, name).add(*parents)
            elif parents:
                through, made = _links(row, name, parents)
                links.setdefault(through, []).extend(made)
    for through, made in links.items():
        through._default_manager.bulk_create(made, ignore_conflicts=True)


def _links(row: Any, name: str, parents: list[Any]) -> tuple[Any, list[Any]]:
    m2m = row._meta.get_field(name)
    through = m2m.remote_field.through
    source = through._meta.get_field(m2m.m2m_field_name())
    target = through._meta.get_field(m2m.m2m_reverse_field_name())
    mine = getattr(row, source.target_field.attname)
    pairs = [(mine, getattr(p, target.target_field.attname)) for p in parents]
    if m2m.remote_field.symmetrical and m2m.related_model is type(row):
        pairs += [(theirs, own) for own, theirs in pairs if own != theirs]
    return through, [through(**{source.attname: a, target.attname: b}) for a, b in pairs]


def _no_database(model: type[Model]) -> UsageError:
    name = model.__name__
    return UsageError(
        f"forge.create({name}) saves {name} (and its parents) to the database, but this test may not use "
        f"the database: mark it @pytest.mark.django_db (or request the db fixture), or use "
        f"forge.build({name}), which saves nothing",
        model=model,
    )
