"""Where each generated value came from: its tier and its source."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

__all__ = ["TIERS", "Origin", "OriginStore"]

TIERS = ("structural", "standard", "computed", "semantic", "sensitive", "dangerous", "override", "default")


@dataclass(frozen=True, slots=True)
class Origin:
    """The tier of a field (structural, standard, semantic ...) and the provider that filled it."""

    tier: str
    source: str

    def __str__(self) -> str:
        return f"[{self.tier}] {self.source}"


class OriginStore:
    """Remembers the origins of the instances a Forge made, for as long as they live."""

    def __init__(self) -> None:
        self._by_id: dict[int, tuple[weakref.ref[Any], dict[str, Any]]] = {}

    def remember(self, instance: Any, origins: dict[str, Any]) -> None:
        """Keep ``origins`` for ``instance`` until it is garbage collected."""
        key = id(instance)
        def forget(_ref: weakref.ref[Any], key: int = key) -> None:
            self._by_id.pop(key, None)

        try:
            ref = weakref.ref(instance, forget)
        except TypeError:
            return  # plain dicts (TypedDicts) cannot be tracked without keeping them alive
        self._by_id[key] = (ref, origins)

    def lookup(self, instance: Any) -> dict[str, Any] | None:
        """The origins remembered for ``instance`` (None when it was not made here)."""
        entry = self._by_id.get(id(instance))
        if entry is None:
            return None
        ref, origins = entry
        if ref() is not instance:
            return None
        return origins
