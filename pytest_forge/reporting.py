"""Provenance for people: verbose log lines and ``forge.explain(instance)``."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pytest_forge.provenance import Origin, OriginStore

__all__ = ["LOGGER_NAME", "VerboseLog", "explain_instance"]

LOGGER_NAME = "pytest_forge"
logger = logging.getLogger(LOGGER_NAME)
_MAX_SHOWN = 60


class VerboseLog:
    """One ``[tier] Model.field = value (source)`` line per field, through the pytest_forge logger."""

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name

    def emit(self, instances: list[Any], origins: dict[str, Origin]) -> None:
        for instance in instances:
            for name, origin in origins.items():
                value = (
                    getattr(instance, name, None) if not isinstance(instance, dict) else instance.get(name)
                )
                shown = repr(value)
                if len(shown) > _MAX_SHOWN:
                    shown = shown[: _MAX_SHOWN - 3] + "..."
                logger.info("[%s] %s.%s = %s (%s)", origin.tier, self.model_name, name, shown, origin.source)


def explain_instance(instance: Any, store: OriginStore) -> dict[str, Any]:
    """``{field: Origin}``; a nested model made by the Forge appears as its own dict."""
    from pytest_forge.errors import ForgeError

    origins = store.lookup(instance)
    if origins is None:
        raise ForgeError(
            f"this {type(instance).__name__} was not made by this Forge (or is a copy); "
            "explain() only knows the instances its own create()/create_batch() returned",
            model=type(instance),
        )
    result: dict[str, Any] = {}
    for name, origin in origins.items():
        value = getattr(instance, name, None) if not isinstance(instance, dict) else instance.get(name)
        nested = store.lookup(value) if value is not None else None
        result[name] = explain_instance(value, store) if nested is not None else origin
    return result
