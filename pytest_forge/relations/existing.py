"""Rows already in the user's database: candidate parents, and unique values new rows must avoid.

Before the first call that saves a model through a session, the parents its foreign
keys point at are read from that session and registered (the django-autofixture
default: existing rows are chosen before new ones are made; ``generate_fk`` still asks
for new ones), and integer key counters continue after the largest stored key. Unique
values are not read up front: each batch's candidate values are looked up with one
``IN`` query per unique group (:func:`settle_stored`), those already stored are claimed
and their records re-drawn, so huge tables cost a few small queries per batch.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError
from pytest_forge.field_tags import PrimaryKey
from pytest_forge.relations.unique import enforce_unique

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytest_forge.generation.overrides import Override
    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.relations.context import RelationContext
    from pytest_forge.relations.registry import Registry
    from pytest_forge.relations.unique import UniqueGroup
    from pytest_forge.spec import ModelSpec

__all__ = ["ExistingRows", "StoredCheck", "checking_stored", "claim_stored", "settle_stored"]

#: rows read per parent model to choose from (the lowest keys: the same rows on every run)
PARENT_ROWS = 1000
#: look-ups of re-drawn values before giving up (each round re-draws only what the database holds)
ROUNDS = 20

#: ``check(spec, fields, combinations)`` → the combinations the database already holds
StoredCheck = Callable[[Any, tuple[str, ...], list[tuple[Any, ...]]], list[tuple[Any, ...]]]
_STORED: ContextVar[StoredCheck | None] = ContextVar("forge_stored_check", default=None)


@contextlib.contextmanager
def checking_stored(check: StoredCheck) -> Iterator[None]:
    """Calls made inside this block (the call saving through a session, and its parents' calls)
    look their unique values up with ``check``."""
    token = _STORED.set(check)
    try:
        yield
    finally:
        _STORED.reset(token)


def settle_stored(
    plan: ModelPlan,
    groups: tuple[UniqueGroup, ...],
    records: list[dict[str, Any]],
    overrides: dict[str, Override],
    registry: Registry,
) -> None:
    """Re-draw the records whose unique values the database already holds (after ``enforce_unique``)."""
    check = _STORED.get()
    if check is None:
        return
    for group in groups:
        pending = records
        for _ in range(ROUNDS):
            stored = _stored_combinations(check, plan.spec, group, pending)
            if not stored:
                break
            for combo in stored:
                registry.claim(plan.name, group.slot, combo)
            pending = [r for r in pending if _combo(r, group) in stored]
            enforce_unique(plan, (group,), pending, overrides, registry)  # taken now: re-drawn
        else:
            raise ConstraintError(
                f"{plan.name}{group.fields}: {ROUNDS} rounds of new values were all in the database "
                "already; ask for fewer records or widen the fields",
                model=plan.spec.model,
                field=group.fields[0],
            )


def _combo(record: dict[str, Any], group: UniqueGroup) -> tuple[Any, ...]:
    return tuple(record[name] for name in group.fields)


def _stored_combinations(
    check: StoredCheck, spec: ModelSpec, group: UniqueGroup, records: list[dict[str, Any]]
) -> set[tuple[Any, ...]]:
    combos = []
    for record in records:
        combo = _combo(record, group)
        if None in combo:
            continue  # like SQL NULLs, None never collides
        try:
            hash(combo)
        except TypeError:
            return set()  # JSON-like values: left to the database's own check
        combos.append(combo)
    return set(check(spec, group.fields, list(dict.fromkeys(combos)))) if combos else set()


class ExistingRows:
    """Registers a session's existing parents and key counters once per registry, session and model."""

    def __init__(self) -> None:
        self._done: weakref.WeakKeyDictionary[Any, weakref.WeakKeyDictionary[Any, set[str]]] = (
            weakref.WeakKeyDictionary()
        )

    def register(
        self,
        context: RelationContext,
        spec: ModelSpec,
        session: Any,
        rows: Callable[[Any, Any, int | None], list[Any]],
        largest: Callable[[Any, str, Any], Any],
    ) -> None:
        """Parents of ``spec``'s model as candidates (``rows(model, session, limit)``), and its integer
        keys counted after the largest stored one (``largest(model, field, session)``)."""
        info = context.info(spec)
        for link in info.links.values():
            if isinstance(link.target, type) and self._first(context, session, link.target_name):
                self._add_parents(context, link.target_name, rows(link.target, session, PARENT_ROWS))
        if self._first(context, session, f"keys:{spec.name}"):
            for field in spec.fields:
                if (
                    field.tag(PrimaryKey) is not None
                    and not field.computed
                    and field.type.inner().kind == "int"
                ):
                    last = largest(spec.model, field.name, session)
                    if isinstance(last, int):
                        context.registry.continue_after(spec.name, field.name, last)

    def _first(self, context: RelationContext, session: Any, name: str) -> bool:
        by_session = self._done.setdefault(_root(context.registry), weakref.WeakKeyDictionary())
        seen = by_session.setdefault(session, set())
        if name in seen:
            return False
        seen.add(name)
        return True

    @staticmethod
    def _add_parents(context: RelationContext, model_name: str, found: list[Any]) -> None:
        registry = context.registry
        known = {id(record) for record in registry.records(model_name)}
        fresh = [row for row in found if id(row) not in known]
        if fresh:
            registry.add(model_name, fresh)


def _root(registry: Any) -> Any:
    """A stream's key ledger stands for the registry under it: read once for the whole stream."""
    ledger_of = getattr(registry, "model_name", None)
    return (
        registry.parent
        if ledger_of is not None and getattr(registry, "parent", None) is not None
        else registry
    )


def claim_stored(registry: Registry, spec: ModelSpec, groups: tuple[UniqueGroup, ...]) -> None:
    """Claim the values the model's database rows already hold in its unique groups (Django's storage
    reads them once per outermost call), so the groups are settled against the database too."""
    from pytest_forge.spec import building

    storage = spec.storage
    if storage is None or storage.stored_values is None or building():
        return
    for group in groups:
        for combo in storage.stored_values(group.fields):
            if None not in combo:
                registry.claim(spec.name, group.slot, _hashable(combo))


def _hashable(combo: tuple[Any, ...]) -> Any:
    try:
        hash(combo)
    except TypeError:
        return repr(combo)  # the unique module claims unhashable combinations by their repr too
    return combo
