"""Where each generated value came from: its tier and its source."""

from __future__ import annotations

import functools
import weakref
from dataclasses import dataclass
from typing import Any, Literal, get_args

__all__ = ["TIERS", "Origin", "OriginStore", "Tier"]

#: how a field is routed: keys and references, Faker-like values, left to the model, free text (an LLM
#: may write it), gated values, a user's override, the model's own default
Tier = Literal[
    "structural", "standard", "computed", "semantic", "sensitive", "dangerous", "override", "default"
]
TIERS: tuple[Tier, ...] = get_args(Tier)


@dataclass(frozen=True, slots=True)
class Origin:
    """The tier of a field (structural, standard, semantic ...) and the provider that filled it."""

    tier: Tier
    source: str

    def __str__(self) -> str:
        return f"[{self.tier}] {self.source}"

    @staticmethod
    def shared(tier: Tier, source: str) -> Origin:
        """The one ``Origin(tier, source)`` of the process (plans hold one per field: share them)."""
        return _shared_origin(tier, source)


@functools.lru_cache(maxsize=4096)
def _shared_origin(tier: Tier, source: str) -> Origin:
    return Origin(tier, source)


class _KeyedRef(weakref.ref):  # type: ignore[type-arg]
    """A weak reference that remembers the id it was filed under and the origins kept for it (one
    callback for all)."""

    __slots__ = ("key", "origins")
    key: int
    origins: dict[str, Any]


class OriginStore:
    """Remembers the origins of the instances a Forge made, for as long as they live."""

    def __init__(self) -> None:
        self._by_id: dict[int, _KeyedRef] = {}
        # one call-back for every reference (made per batch record), holding the store weakly: a bound
        # method would make store -> reference -> method -> store a cycle, left to the garbage collector
        self._forget_ref = _forgetter(weakref.ref(self))

    def _forget(self, ref: _KeyedRef) -> None:
        if self._by_id.get(ref.key) is ref:  # not a newer instance filed under the same id
            del self._by_id[ref.key]

    def remember(self, instance: Any, origins: dict[str, Any]) -> None:
        """Keep ``origins`` for ``instance`` until it is garbage collected."""
        try:
            ref = _KeyedRef(instance, self._forget_ref)
        except TypeError:
            return  # plain dicts (TypedDicts) cannot be tracked without keeping them alive
        ref.key = key = id(instance)
        ref.origins = origins
        self._by_id[key] = ref

    def lookup(self, instance: Any) -> dict[str, Any] | None:
        """The origins remembered for ``instance`` (None when it was not made here)."""
        ref = self._by_id.get(id(instance))
        if ref is None or ref() is not instance:
            return None
        return ref.origins


def _forgetter(store_ref: weakref.ReferenceType[OriginStore]) -> Any:
    """The call-back of a store's references: forgets the instance that died (while the store lives)."""

    def forget(ref: _KeyedRef) -> None:
        store = store_ref()
        if store is not None:
            store._forget(ref)

    return forget
