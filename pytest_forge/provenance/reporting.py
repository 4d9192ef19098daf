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
    """``{field: Origin}``; a nested model appears as its own dict (a list of them as a list of dicts)."""
    from pytest_forge.errors import UsageError

    tree = store.lookup(instance)
    if tree is None:
        raise UsageError(
            f"this {type(instance).__name__} was not made by this Forge (or is a copy); "
            "explain() only knows the instances its own create()/create_batch() returned",
            model=type(instance),
        )
    return _explain(tree, instance)


def _explain(tree: dict[str, Any], instance: Any) -> dict[str, Any]:
    from pytest_forge.provenance import Origin

    result: dict[str, Any] = {}
    for name, entry in tree.items():
        if not isinstance(entry, dict):
            result[name] = entry
            continue
        value = instance.get(name) if isinstance(instance, dict) else getattr(instance, name, None)
        if isinstance(value, (list, tuple)):
            result[name] = [_explain(entry, item) for item in value]
        elif value is None:
            result[name] = Origin("standard", "none")
        else:
            result[name] = _explain(entry, value)
    for name in getattr(type(instance), "model_computed_fields", {}):  # @computed_field: the model's own
        result.setdefault(name, Origin("computed", "model.computed_field"))
    return result
