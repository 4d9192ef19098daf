"""The Forge's planning methods: a model's compiled plan, once per Forge, and nested plans (a mixin)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, cast

from pytest_forge.adapters import is_model, model_spec, refuse_non_model
from pytest_forge.errors import ConstraintError
from pytest_forge.generation import builder
from pytest_forge.generation.budget import SizeBudget
from pytest_forge.generation.plan import ModelPlan, compile_model
from pytest_forge.providers.distinct import known_keys

if TYPE_CHECKING:
    from pytest_forge.forge import Forge
    from pytest_forge.generation.compiler import CompileContext, Gen
    from pytest_forge.spec import TypeSpec

__all__ = ["PlanMethods"]


class PlanMethods:
    """Compiling models into plans (generation/plan.py) for the Forge they are mixed into."""

    def plan(self, model: Any) -> ModelPlan:
        """The compiled plan of a top-level ``model`` (compiled once per Forge)."""
        if not is_model(model):
            refuse_non_model(model)  # the TypeError that says what is accepted
        try:
            return self._plan_for(model, (model.__name__,), ())
        except RecursionError:
            raise ConstraintError(
                f"{model.__name__} nests required models too deeply to compile; give the deepest "
                "fields defaults or pass them as overrides",
                model=model,
            ) from None

    def value_generator(self, spec: TypeSpec, path: tuple[str, ...]) -> Gen:
        """The generator of values of ``spec`` at ``path`` (model name, field name ...)."""
        from pytest_forge.generation.compiler import compile_type

        return compile_type(spec, _forge(self)._ctx, path).gen

    def _plan_for(self, model: Any, prefix: tuple[str, ...], ancestors: tuple[Any, ...]) -> ModelPlan:
        forge, key = _forge(self), (model, prefix)
        plan = forge._plans.get(key)
        if plan is None:
            with forge._lock:
                plan = forge._plans.get(key)
                if plan is None:
                    plan = self._compile(model, prefix, ancestors)
                    forge._plans[key] = plan
        return plan

    def _compile(
        self,
        model: Any,
        prefix: tuple[str, ...],
        ancestors: tuple[Any, ...],
        budget: SizeBudget | None = None,
    ) -> ModelPlan:
        forge, spec = _forge(self), model_spec(model)
        ctx = dataclasses.replace(forge._ctx, ancestors=(*ancestors, model), budget=budget or SizeBudget())
        with known_keys(self._registered_values):  # natural keys avoid what registered records hold
            return compile_model(spec, ctx, forge.seed, prefix, tuple(forge._field_hooks))

    def _registered_values(self, model_name: str, field_name: str) -> list[Any]:
        """The values of a field in the records already registered (a test's Forge: the session
        records the test may see, and what the test made so far), read when a natural key first draws."""
        return [getattr(r, field_name, None) for r in _forge(self).active_registry().records(model_name)]

    def _nested_gen(
        self, model: Any, path: tuple[str, ...], ctx: CompileContext
    ) -> tuple[Gen, dict[str, Any]]:
        plan = self._compile(model, path, ctx.ancestors, ctx.budget)
        return builder.nested_generator(plan, ctx.instances), plan.explain_tree


def _forge(methods: PlanMethods) -> Forge:
    """The Forge these methods are mixed into."""
    return cast("Forge", methods)
