"""The Forge: the engine's front door, usable with or without pytest."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from pytest_forge.adapters import is_model, model_spec
from pytest_forge.ai.hook import AILayer
from pytest_forge.errors import ArgumentError, ConstraintError
from pytest_forge.gates.compiler import gated_field_compiler
from pytest_forge.gates.gate import PermissionGate
from pytest_forge.generation import builder
from pytest_forge.generation.arguments import check_batch_size, check_locale, check_reference_date
from pytest_forge.generation.budget import SizeBudget
from pytest_forge.generation.compiler import CompileContext, Gen
from pytest_forge.generation.custom import ProviderTable, custom_lookup
from pytest_forge.generation.keys import primary_key_compiler
from pytest_forge.generation.options import CallOptions, GenerationOptions, check_probability
from pytest_forge.generation.overrides import compile_overrides, split_nested
from pytest_forge.generation.plan import FieldCompiler, ModelPlan, compile_model
from pytest_forge.provenance import Origin, OriginStore
from pytest_forge.registry import Registry
from pytest_forge.relations.context import RelationContext
from pytest_forge.reporting import VerboseLog, explain_instance
from pytest_forge.rng import random_seed
from pytest_forge.settings import ForgeSettings

if TYPE_CHECKING:
    from pytest_forge.gates.classify import Classification

__all__ = ["BatchHook", "Forge"]

#: ``hook(plan, records, options)`` may replace values in the drawn records before validation
BatchHook = Callable[[ModelPlan, list[dict[str, Any]], CallOptions], None]

DEFAULT_REFERENCE_DATE = dt.date(2025, 1, 1)


class Forge:
    """Makes valid, realistic, reproducible instances of models.

    ``Forge(seed=42, use_ai=False)`` always makes the same data; ``locale`` picks the
    language of names and places, ``reference_date`` anchors every relative date.
    """

    def __init__(
        self,
        seed: int | None = None,
        *,
        use_ai: bool | None = None,
        locale: str = "en_US",
        verbose: bool = False,
        reference_date: dt.date | None = None,
        none_p: float = 0.1,
        registry: Registry | None = None,
        **settings: Any,
    ) -> None:
        self.seed: int = _check_seed(seed)
        self.locale = check_locale(locale)
        self.verbose = verbose
        self.reference_date = check_reference_date(reference_date) or DEFAULT_REFERENCE_DATE
        self.settings = ForgeSettings.from_kwargs(use_ai=use_ai, **settings)
        self.registry = registry if registry is not None else Registry()
        self._options = GenerationOptions(none_p=check_probability("none_p", none_p))
        self._providers = ProviderTable()
        self._origins = OriginStore()
        self._plans: dict[tuple[Any, tuple[str, ...]], ModelPlan] = {}
        self._override_states: dict[tuple[str, str], dict[str, Any]] = {}
        self._relations = RelationContext(self, self._options)
        self._field_hooks: list[FieldCompiler] = [primary_key_compiler(lambda: self.registry)]
        self._gate = PermissionGate(self.settings)
        self._field_hooks.append(gated_field_compiler(locale, self.reference_date, self._options))
        self._field_hooks.append(self._relations.field_hook)  # after the gate: its generator is the fallback
        #: run on each batch's drawn records before validation (the AI layer fills semantic fields here)
        self._batch_hooks: list[BatchHook] = []
        self._ai = AILayer(self.settings, self.seed)
        self._batch_hooks.append(self._ai)
        self._generated: dict[str, int] = {}
        self._lock = threading.RLock()
        self._ctx = CompileContext(
            locale=locale,
            reference_date=self.reference_date,
            nested=self._nested_gen,
            custom=custom_lookup(self, self._providers),
            extra={"options": self._options, "ancestors": ()},
        )
        from pytest_forge.plugins import plugin_manager

        plugin_manager().hook.forge_configure(forge=self)

    @property
    def use_ai(self) -> bool:
        """Whether semantic fields are sent to an LLM (False offline and in CI mode)."""
        return self.settings.use_ai

    # -- making records ---------------------------------------------------------------
    def create(self, model: Any, **kwargs: Any) -> Any:
        """One valid instance of ``model``; keywords override fields (constants or callables)."""
        return self.create_batch(model, count=1, **kwargs)[0]

    def create_batch(self, model: Any, count: int = 10, **kwargs: Any) -> list[Any]:
        """A list of ``count`` valid instances of ``model`` (always a list, even for one)."""
        __tracebackhide__ = True
        _check_count(count)
        options = CallOptions.split(kwargs)
        plan = self.plan(model)
        self._gate.check(model)
        options, call = self._relations.prepare(plan, options)
        overrides = self._compile_overrides(plan, options)
        with self._options.scoped(options.none_p):
            records = [builder.draw_record(plan, overrides) for _ in range(count)]
            for hook in self._batch_hooks:
                hook(plan, records, options)
            call.before_validation(plan, records, overrides)
            instances = [builder.finish_record(plan, record, overrides) for record in records]
            instances = call.after_validation(plan, instances)
        self._after_batch(plan, instances, set(overrides), call.origins(overrides))
        self._note_ai_origins(plan, instances)
        return instances

    def _note_ai_origins(self, plan: ModelPlan, instances: list[Any]) -> None:
        """Values the LLM wrote say so in ``explain`` (fallbacks keep their offline source)."""
        filled = self._ai.take_filled()
        if not filled:
            return
        source, by_index = filled
        origin = Origin("semantic", source)
        for index, names in by_index.items():
            tree = self._origins.lookup(instances[index]) or plan.explain_tree
            self._origins.remember(instances[index], {**tree, **dict.fromkeys(names, origin)})

    def create_large(self, model: Any, count: int, seed_ratio: float = 0.01, **kwargs: Any) -> list[Any]:
        """``count`` varied instances, paying AI text for about ``count * seed_ratio`` (docs/ai.md)."""
        __tracebackhide__ = True
        from pytest_forge.ai.large import check_seed_ratio

        _check_count(count)
        with self._ai.large_mode(check_seed_ratio(seed_ratio)):
            return self.create_batch(model, count=count, **kwargs)

    def create_stream(self, model: Any, count: int, filename: Any = None, **kwargs: Any) -> Iterator[Any]:
        """Yield ``count`` records, each written first to ``filename`` (.json/.jsonl/.csv/.sql/.db, a URL)."""
        from pytest_forge.export.stream import create_stream

        return create_stream(self, model, count, filename, **kwargs)

    def to_database(self, records: Any, url: Any, table_name: str | None = None) -> int:
        """Insert records (or ``{table: records}``) in one transaction; a path means a SQLite file."""
        from pytest_forge.export.loading import to_database

        return to_database(records, url, table_name)

    def plan(self, model: Any) -> ModelPlan:
        """The compiled plan of a top-level ``model`` (compiled once per Forge)."""
        if not is_model(model):
            model_spec(model)  # raises the TypeError that says what is accepted
        try:
            return self._plan_for(model, (model.__name__,), ())
        except RecursionError:
            raise ConstraintError(
                f"{model.__name__} nests required models too deeply to compile; give the deepest "
                "fields defaults or pass them as overrides",
                model=model,
            ) from None

    def _plan_for(self, model: Any, prefix: tuple[str, ...], ancestors: tuple[Any, ...]) -> ModelPlan:
        key = (model, prefix)
        plan = self._plans.get(key)
        if plan is None:
            with self._lock:
                plan = self._plans.get(key)
                if plan is None:
                    plan = self._compile(model, prefix, ancestors)
                    self._plans[key] = plan
        return plan

    def _compile(
        self, model: Any, prefix: tuple[str, ...], ancestors: tuple[Any, ...], budget: Any = None
    ) -> ModelPlan:
        spec = model_spec(model)
        extra = {**self._ctx.extra, "ancestors": (*ancestors, model), "budget": budget or SizeBudget()}
        ctx = dataclasses.replace(self._ctx, extra=extra)
        return compile_model(spec, ctx, self.seed, prefix, tuple(self._field_hooks))

    def _nested_gen(
        self, model: Any, path: tuple[str, ...], ctx: CompileContext
    ) -> tuple[Gen, dict[str, Any]]:
        plan = self._compile(model, path, ctx.extra.get("ancestors", ()), ctx.extra.get("budget"))
        return builder.nested_generator(plan), plan.explain_tree

    def _compile_overrides(self, plan: ModelPlan, options: CallOptions) -> dict[str, Any]:
        flat, nested = split_nested(options.overrides)
        for field_name, sub in nested.items():
            flat[field_name] = self._nested_override(plan, field_name, sub)
        states = {n: self._override_states.setdefault((plan.name, n), {}) for n in flat}
        return compile_overrides(plan.name, list(plan.spec.by_name), flat, states)

    def _nested_override(self, plan: ModelPlan, field_name: str, values: dict[str, Any]) -> Callable[[], Any]:
        from pytest_forge.errors import ForgeError

        field = plan.spec.by_name.get(field_name)
        inner = field.type.inner() if field is not None else None
        if inner is None or inner.kind != "model":
            raise ForgeError(
                f"{plan.name}.{field_name} is not a nested model or foreign key, "
                f"so {field_name}__... overrides do not apply",
                model=plan.spec.model,
                field=field_name,
            )
        return lambda: self.create(inner.model, **values)

    def _after_batch(
        self, plan: ModelPlan, instances: list[Any], overridden: set[str], given: dict[str, Any] | None = None
    ) -> None:
        origins, tree = plan.origins, plan.explain_tree
        if overridden:
            changed = dict.fromkeys(overridden, Origin("override", "user")) if given is None else given
            origins, tree = {**origins, **changed}, {**tree, **changed}
        for instance in instances:
            self._origins.remember(instance, tree)
        self.registry.add(plan.name, instances)
        self._generated[plan.name] = self._generated.get(plan.name, 0) + len(instances)
        if self.verbose:
            VerboseLog(plan.name).emit(instances, origins)

    # -- extension and inspection ---------------------------------------------------------
    def classify(self, model: Any) -> Classification:
        """Each field's level (safe/sensitive/dangerous) by dotted path, and the model's (the highest)."""
        return self._gate.classify(model)

    def register_provider(self, type_or_predicate: Any, fn: Callable[..., Any]) -> None:
        """Values of a type (or of fields a predicate accepts) come from ``fn(rng)`` or ``fn()``."""
        self._providers.register(type_or_predicate, fn)
        self._plans.clear()

    def inherit_from(self, parent: Forge) -> None:
        """Fall back on ``parent``'s providers and blueprints (each pytest test's Forge on the session's)."""
        self._providers.parent = parent._providers
        self._relations.inherit(parent._relations)
        self._plans.clear()

    def explain(self, instance: Any) -> dict[str, Any]:
        """``{field: origin}`` for an instance this Forge made (nested models as their own dicts)."""
        return explain_instance(instance, self._origins)

    def stats(self) -> dict[str, Any]:
        """Counts of what this Forge made: ``registry`` per model, ``generated`` in total, ``ai`` usage."""
        return {
            "seed": self.seed,
            "registry": self.registry.counts(),
            "generated": dict(self._generated),
            "ai": self._ai.stats(),
        }

    def clear_registry(self) -> None:
        """Forget the records (and key counters) this Forge registered."""
        self.registry.clear()

    # -- relations ------------------------------------------------------------------------
    def register(self, model: Any, blueprint: Any = None) -> Any:
        """Use a Blueprint in this Forge only: ``forge.register(User, UserBlueprint)``."""
        return self._relations.blueprints.register(model, blueprint)

    def unregister(self, model: Any) -> None:
        """Stop using this Forge's own blueprint of ``model`` (process-wide ones stay)."""
        self._relations.blueprints.unregister(model)

    def swarm(
        self, models: Any, counts: Any, contexts: Any = None, *, workers: int | None = None
    ) -> dict[str, list[Any]]:
        """Records of several models made parents first: ``{"User": [...], "Order": [...]}``."""
        from pytest_forge.relations.swarm import run_swarm

        return run_swarm(self, self._relations, models, counts, contexts, workers=workers)

    def __repr__(self) -> str:
        return f"Forge(seed={self.seed}, locale={self.locale!r}, use_ai={self.use_ai})"


def _check_seed(seed: int | None) -> int:
    if seed is None:
        return random_seed()
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ArgumentError(f"Forge(seed=...) must be a non-negative int or None, got {seed!r}")
    return seed


def _check_count(count: Any) -> None:
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ArgumentError(f"count must be a non-negative int, got {count!r}")
    check_batch_size(count)
