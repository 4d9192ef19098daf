"""Which blueprint a Forge uses for a model: its own, else the process-wide one, else a plugin's (a mixin of
:class:`~pytest_forge.relations.context.RelationContext`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.blueprints import BLUEPRINTS, BlueprintDefaults, BlueprintRegistry, read_defaults

if TYPE_CHECKING:
    from pytest_forge.blueprints import Blueprint
    from pytest_forge.spec import ModelSpec

__all__ = ["BlueprintLookup"]


class BlueprintLookup:
    """Blueprints looked up by model class or name, and what each contributes (read once)."""

    if TYPE_CHECKING:  # set by RelationContext.__init__
        blueprints: BlueprintRegistry
        _hooked: BlueprintRegistry | None
        _defaults: dict[tuple[Any, Any], BlueprintDefaults]

    def find_blueprint(self, model: Any) -> type[Blueprint] | None:
        """This Forge's blueprint of ``model``, else the process-wide one, else a plugin's."""
        return self.blueprints.find(model) or BLUEPRINTS.find(model) or self._hook_blueprints().find(model)

    def defaults(self, spec: ModelSpec) -> BlueprintDefaults | None:
        """What the model's blueprint contributes (read once per blueprint)."""
        bp = self.find_blueprint(spec.model)
        if bp is None:
            return None
        key = (bp, spec.model)
        if key not in self._defaults:
            self._defaults[key] = read_defaults(bp, spec.model, set(spec.by_name))
        return self._defaults[key]

    def _hook_blueprints(self) -> BlueprintRegistry:
        if self._hooked is None:
            from pytest_forge.extensions import plugin_manager

            hooked = BlueprintRegistry()
            for found in plugin_manager().hook.forge_blueprints():
                for bp in found or ():
                    hooked.register(bp)
            self._hooked = hooked
        return self._hooked

    def _blueprint_model(self, name: str) -> Any:
        for book in (self.blueprints, BLUEPRINTS, self._hook_blueprints()):
            model = book.find_name(name)
            if model is not None:
                return model
        return None
