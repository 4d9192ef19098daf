"""The Forge's relation methods: blueprints per Forge, ``swarm`` and ``clear_registry`` (a mixin)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from pytest_forge.relations.swarm import run_swarm

if TYPE_CHECKING:
    from pytest_forge.forge import Forge

__all__ = ["RelationMethods"]


class RelationMethods:
    """Blueprints, several models at once, and the records a Forge keeps (see docs/relationships.md)."""

    def register(self, model: Any, blueprint: Any = None) -> Any:
        """Use a Blueprint in this Forge only: ``forge.register(User, UserBlueprint)``."""
        return _forge(self)._relations.blueprints.register(model, blueprint)

    def unregister(self, model: Any) -> None:
        """Stop using this Forge's own blueprint of ``model`` (process-wide ones stay)."""
        _forge(self)._relations.blueprints.unregister(model)

    def swarm(
        self, models: Any, counts: Any, contexts: Any = None, *, workers: int | None = None
    ) -> dict[str, list[Any]]:
        """Records of several models made parents first: ``{"User": [...], "Order": [...]}``."""
        forge = _forge(self)
        return run_swarm(forge, forge._relations, models, counts, contexts, workers=workers)

    def clear_registry(self) -> None:
        """Forget the records (and key counters) this Forge registered."""
        _forge(self).registry.clear()


def _forge(methods: RelationMethods) -> Forge:
    """The Forge these methods are mixed into."""
    return cast("Forge", methods)
