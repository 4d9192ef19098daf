"""Rows already in the user's database: candidate parents, and unique values new rows must avoid.

Before the first call that saves a model through a session, the parents its foreign
keys point at are read from that session and registered (the django-autofixture
default: existing rows are chosen before new ones are made; ``generate_fk`` still asks
for new ones), and the values its unique fields and groups already hold are claimed, so
a new row never collides with an old one. Each (registry, session, model) is read once.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from pytest_forge.field_tags import PrimaryKey

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.relations.context import RelationContext
    from pytest_forge.relations.registry import Registry
    from pytest_forge.relations.unique import UniqueGroup
    from pytest_forge.spec import ModelSpec

__all__ = ["ExistingRows", "claim_stored"]

#: rows read per parent model to choose from (the lowest keys: the same rows on every run)
PARENT_ROWS = 1000


class ExistingRows:
    """Registers a session's existing rows once per registry, session and model."""

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
    ) -> None:
        """Parents of ``spec``'s model as candidates, its unique values as taken (``rows(model, session,
        limit)`` reads them through the adapter)."""
        info = context.info(spec)
        for link in info.links.values():
            if isinstance(link.target, type) and self._first(context, session, link.target_name):
                self._add_parents(context, link.target_name, rows(link.target, session, PARENT_ROWS))
        if self._first(context, session, f"unique:{spec.name}"):
            self._claim_unique(context, spec, rows(spec.model, session, None))

    def _first(self, context: RelationContext, session: Any, name: str) -> bool:
        by_session = self._done.setdefault(context.registry, weakref.WeakKeyDictionary())
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

    @staticmethod
    def _claim_unique(context: RelationContext, spec: ModelSpec, found: list[Any]) -> None:
        info = context.info(spec)
        groups = context.unique_groups(spec, info.unique)
        keys = [f.name for f in spec.fields if f.tag(PrimaryKey) is not None and not f.computed]
        registry = context.registry
        for row in found:
            for group in groups:
                combo = tuple(getattr(row, name) for name in group.fields)
                if None not in combo:
                    registry.claim(spec.name, group.slot, _hashable(combo))
            for key in keys:
                registry.claim(spec.name, key, getattr(row, key))


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
