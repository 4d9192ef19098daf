"""The Forge: the engine's front door, usable with or without pytest."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from pytest_forge.ai.hook import AILayer
from pytest_forge.ai.large import check_seed_ratio
from pytest_forge.ai.options import settings_from_keywords
from pytest_forge.coverage.front import CoverageMethods
from pytest_forge.errors import ArgumentError, UsageError
from pytest_forge.export.front import ExportMethods
from pytest_forge.extensions import plugin_manager
from pytest_forge.gates.compiler import gated_field_compiler
from pytest_forge.gates.front import GateMethods
from pytest_forge.gates.gate import PermissionGate
from pytest_forge.generation import builder, saving
from pytest_forge.generation.arguments import check_batch_size, check_locale, check_reference_date
from pytest_forge.generation.call_locks import ModelLocks
from pytest_forge.generation.compiler import CompileContext
from pytest_forge.generation.custom import ProviderTable, custom_lookup
from pytest_forge.generation.front import PlanMethods
from pytest_forge.generation.keys import primary_key_compiler
from pytest_forge.generation.options import PARENTS_PER_CHILD, CallOptions, GenerationOptions, check_count
from pytest_forge.generation.overrides import compile_overrides, field_names, split_nested
from pytest_forge.generation.plan import FieldCompiler, ModelPlan
from pytest_forge.generation.records import record_field_compiler
from pytest_forge.generation.weak_calls import weak_method, weak_owner
from pytest_forge.memory import ForgeMemory
from pytest_forge.memory.binding import RuleApplication
from pytest_forge.persistence import SessionScope
from pytest_forge.provenance import Origin, OriginStore
from pytest_forge.provenance.reporting import VerboseLog, explain_instance
from pytest_forge.providers.fixed import fixing
from pytest_forge.relations.context import RelationContext
from pytest_forge.relations.front import RelationMethods
from pytest_forge.relations.registry import Registry
from pytest_forge.rng import random_seed

if TYPE_CHECKING:
    import os

    from pytest_forge.settings import Advice
    from pytest_forge.spec import FieldSpec

__all__ = ["BatchHook", "Forge"]

T = TypeVar("T")

#: ``hook(plan, records, options)`` may replace values in the drawn records before validation
BatchHook = Callable[[ModelPlan, list[dict[str, Any]], CallOptions], None]

DEFAULT_REFERENCE_DATE = dt.date(2025, 1, 1)


class Forge(PlanMethods, RelationMethods, GateMethods, ExportMethods, CoverageMethods):
    """Makes valid, realistic, reproducible instances of models.

    ``Forge(seed=42, use_ai=False)`` always makes the same data; ``locale`` picks the
    language of names and places, ``reference_date`` anchors every relative date, ``none_p``
    is the chance an optional field is None. ``ci``, ``allow_pii``, ``allow_dangerous`` and
    ``interactive`` set the gates; ``use_ai``, ``context`` and ``provider_name`` …
    ``retry_backoff`` the AI layer (docs/ai.md); ``advice`` (python, pytest, cli) says where the
    Forge is used, so a refusal names the ways in that work there. ``full_validation=True`` runs
    every record through the model's whole validation, never the proven-equivalent shortcut
    (docs/engine.md, "Validation that skips what cannot change"). Each is checked when made.
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
        parents_per_child: float = PARENTS_PER_CHILD,
        registry: Registry | None = None,
        ci: bool = False,
        allow_pii: bool = False,
        allow_dangerous: bool = False,
        interactive: bool | None = None,
        context: str | None = None,
        provider_name: str | None = None,
        model: str | None = None,
        api_base: str | None = None,
        api_key: str | None = None,
        batch_size: int = 25,
        use_cache: bool = True,
        cache_dir: str | os.PathLike[str] | None = None,
        strict_ai: bool = False,
        timeout: float = 30.0,
        num_retries: int = 2,
        max_concurrency: int = 4,
        retry_backoff: float = 0.5,
        advice: Advice = "python",
        memory_dir: str | os.PathLike[str] | None = None,
        full_validation: bool = False,
    ) -> None:
        self.seed: int = _check_seed(seed)
        self.locale = check_locale(locale)
        self.verbose = verbose
        self.reference_date = check_reference_date(reference_date) or DEFAULT_REFERENCE_DATE
        self.settings = settings_from_keywords(
            use_ai=use_ai, ci=ci, allow_pii=allow_pii, allow_dangerous=allow_dangerous,
            interactive=interactive, context=context, provider_name=provider_name, model=model,
            api_base=api_base, api_key=api_key, batch_size=batch_size, use_cache=use_cache,
            cache_dir=cache_dir, strict_ai=strict_ai, timeout=timeout, num_retries=num_retries,
            max_concurrency=max_concurrency, retry_backoff=retry_backoff, advice=advice,
        )  # fmt: skip
        #: where records are registered; a call may record elsewhere (``recording_into``) without touching it
        self.registry = registry if registry is not None else Registry()
        self._call_registry: ContextVar[Registry | None] = ContextVar("forge_call_registry", default=None)
        self._options = GenerationOptions(
            none_p=none_p, parents_per_child=parents_per_child, full_validation=full_validation
        )
        self._providers = ProviderTable()
        self._origins = OriginStore()
        self._plans: dict[tuple[Any, tuple[str, ...]], ModelPlan] = {}
        self._override_states: dict[tuple[str, str], dict[str, Any]] = {}
        # call-backs into this Forge hold it weakly (generation/weak_calls.py): a dropped Forge is freed
        # at once, with its plans, by reference counting (no cyclic garbage for the collector)
        registry_now = weak_method(self.active_registry)
        self._relations = RelationContext(self, registry_now, self._options)
        self._field_hooks: list[FieldCompiler] = [primary_key_compiler(registry_now)]
        self._gate = PermissionGate(self.settings)
        self._field_hooks.append(gated_field_compiler(locale, self.reference_date, self._options))
        # one person (company, product ...) per record; after the gate, which it leaves alone but for
        # a company's tax numbers (still sensitive: the gate's tier is kept)
        self._field_hooks.append(record_field_compiler(locale, self.reference_date))
        self._field_hooks.append(self._relations.field_hook)  # after the gate: its generator is the fallback
        #: run on each batch's drawn records before validation (the AI layer fills semantic fields here)
        self._batch_hooks: list[BatchHook] = []
        self._ai = AILayer(self.settings, self.seed)
        self._batch_hooks.append(self._ai)
        #: domain rules under ``.forge`` (``memory_dir``, $FORGE_MEMORY_DIR, the pytest rootdir or cwd)
        self.memory = ForgeMemory(memory_dir)
        forge_now = weak_owner(self)
        self._ai.rules_for = lambda plan: forge_now().memory.bind(plan.spec).prompt_rules()
        self._generated: dict[str, int] = {}
        self._sessions = SessionScope()
        self._lock = threading.RLock()
        self._model_locks = ModelLocks()
        hooks = plugin_manager().hook
        self._ctx = CompileContext(
            locale=locale,
            reference_date=self.reference_date,
            nested=weak_method(self._nested_gen),
            custom=custom_lookup(self._providers, weak_method(self._plugin_provider)),
            options=self._options,
        )
        hooks.forge_configure(forge=self)

    def _plugin_provider(self, field: FieldSpec) -> Any:
        return plugin_manager().hook.forge_field_provider(field=field, forge=self)

    @property
    def use_ai(self) -> bool:
        """Whether semantic fields are sent to an LLM (False offline and in CI mode)."""
        return self._ai.active

    @property
    def session(self) -> Any:
        """The session SQLAlchemy models are saved into when a call gives none (None: in memory)."""
        return self._sessions.default

    @session.setter
    def session(self, session: Any) -> None:
        self._sessions.default = session

    # -- making records ---------------------------------------------------------------
    def create(self, model: type[T], *, session: Any = None, **kwargs: Any) -> T:
        """One valid instance of ``model``; keywords override fields (constants or callables).

        ``session=`` saves it (and the parents it links) through a SQLAlchemy session.
        """
        __tracebackhide__ = True
        if "count" in kwargs:
            kwargs = self._count_as_field(model, kwargs)
        return self.create_batch(model, count=1, session=session, **kwargs)[0]

    def _count_as_field(self, model: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
        """``create(Model, count=...)`` overrides a field named ``count``; without one it is a mistake."""
        if "count" not in self.plan(model).spec.by_name:
            raise ArgumentError(
                f"create() makes one {getattr(model, '__name__', model)} and takes no count= (it has no "
                f"field named count); for several, call create_batch({getattr(model, '__name__', 'Model')}, "
                f"count={kwargs['count']!r})"
            )
        field_values = {**(kwargs.pop("field_values", None) or {}), "count": kwargs.pop("count")}
        return {**kwargs, "field_values": field_values}

    def create_batch(
        self, model: type[T], count: int = 10, *, bulk: bool = False, session: Any = None, **kwargs: Any
    ) -> list[T]:
        """A list of ``count`` valid instances of ``model`` (always a list, even for one).

        A Django model is saved with its parents, in one transaction (``bulk=True``: in one
        statement where the database allows it); ``session=`` saves SQLAlchemy models through it.
        """
        __tracebackhide__ = True
        check_count("count", count)
        check_batch_size(count)
        plan = self.plan(model)
        with self._model_locks.holding(plan.name):  # each call atomic for its model (threads)
            return self._create_batch(plan, model, count, bulk, session, kwargs)

    def _create_batch(
        self, plan: ModelPlan, model: type[T], count: int, bulk: bool, session: Any, kwargs: dict[str, Any]
    ) -> list[T]:
        __tracebackhide__ = True
        spec = plan.spec
        target = self._sessions.resolve(spec, session)
        if target is None and spec.storage is not None:
            registry, mark = self.active_registry(), self.active_registry().mark()
            try:
                with saving.atomic(spec, bulk):
                    return self._make_batch(model, count, bulk, kwargs)
            except BaseException:
                registry.rewind(mark)  # the rows rolled back: never offer them as parents
                self._relations.forget_offers(registry)
                raise
        if target is None:
            with self._sessions.in_memory(spec):
                return self._make_batch(model, count, bulk, kwargs)
        with self._sessions.using(spec, target):
            self._sessions.read_existing(self._relations, spec, target)
            instances = self._make_batch(model, count, bulk, kwargs)
            self._sessions.save(spec, instances, target)
        return instances

    async def acreate(self, model: type[T], *, session: Any = None, **kwargs: Any) -> T:
        """``create`` saving through an asynchronous session (``AsyncSession``)."""
        return (await self.acreate_batch(model, count=1, session=session, **kwargs))[0]

    async def acreate_batch(
        self, model: type[T], count: int = 10, *, session: Any = None, **kwargs: Any
    ) -> list[T]:
        """``create_batch`` saving through an ``AsyncSession`` (the Forge's default one when not given)."""
        spec = self.plan(model).spec
        target = self._sessions.resolve(spec, session)
        if target is None:
            return self.create_batch(model, count, **kwargs)
        return await self._sessions.run_async(
            spec, target, lambda sync: self.create_batch(model, count, session=sync, **kwargs)
        )

    def _make_batch(self, model: type[T], count: int, bulk: bool, kwargs: dict[str, Any]) -> list[T]:
        __tracebackhide__ = True
        options = CallOptions.split(kwargs)
        plan = self.plan(model)
        spec = plan.spec
        options.overrides = field_names(spec.name, set(spec.by_name), spec.other_names, options.overrides)
        self._gate.check(model)
        rules = RuleApplication(self.memory.bind(plan.spec), frozenset(options.overrides))
        options, call = self._relations.prepare(plan, options)
        overrides = self._compile_overrides(plan, options)
        names = [fp.field.name for fp in plan.fields]
        with (
            fixing(plan.spec.model, names, options.overrides, overrides) as overrides,
            self._options.scoped(options.none_p, options.parents_per_child),
            self._relations.closing_cycles(plan) as cycles,  # before the parents made ahead
            self._relations.parents_ahead(plan, options.overrides, count),
        ):
            records = [builder.draw_record(plan, overrides) for _ in range(count)]
            rules.apply(records)
            for hook in self._batch_hooks:
                hook(plan, records, options)
            rules.restore(records)  # what the hooks wrote does not undo a rule
            call.before_validation(plan, records, overrides)
            held = rules.held  # call.mend: what a record refused as a whole gets (parents made to agree)
            instances = saving.finish_batch(plan, records, lambda i: held(i, overrides), bulk, call.mend)
            cycles.close(records, instances)  # keys left empty in a cycle point at their new parents
            instances = call.after_validation(plan, instances)
        self._after_batch(plan, instances, set(overrides), call.origins(overrides))
        self._note_ai_origins(plan, instances)
        return instances

    def build(self, model: type[T], **kwargs: Any) -> T:
        """Like :meth:`create`, but a model that lives in a database is not saved, nor are its parents."""
        return self.build_batch(model, count=1, **kwargs)[0]

    def build_batch(self, model: type[T], count: int = 10, **kwargs: Any) -> list[T]:
        """Like :meth:`create_batch`, saving nothing; built records are not offered as parents later."""
        __tracebackhide__ = True
        spec = self.plan(model).spec
        if spec.storage is None and spec.persistence is None:
            return self.create_batch(model, count, **kwargs)
        with saving.unsaved(), self.recording_into(Registry(parent=self.active_registry())):
            return self.create_batch(model, count, **kwargs)

    def active_registry(self) -> Registry:
        """The registry the running call records into: its own (``recording_into``), else the Forge's."""
        scoped = self._call_registry.get()
        return self.registry if scoped is None else scoped

    @contextlib.contextmanager
    def recording_into(self, registry: Registry) -> Iterator[None]:
        """Calls made inside this block, in this thread only, register their records in ``registry``."""
        token = self._call_registry.set(registry)
        try:
            yield
        finally:
            self._call_registry.reset(token)

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

    def create_large(self, model: type[T], count: int, seed_ratio: float = 0.01, **kwargs: Any) -> list[T]:
        """``count`` varied instances, paying AI text for about ``count * seed_ratio`` (docs/ai.md)."""
        __tracebackhide__ = True
        check_count("count", count)
        check_batch_size(count)
        with self._ai.large_mode(check_seed_ratio(seed_ratio)):
            return self.create_batch(model, count=count, **kwargs)

    def _compile_overrides(self, plan: ModelPlan, options: CallOptions) -> dict[str, Any]:
        flat, nested = split_nested(options.overrides)
        for field_name, sub in nested.items():
            flat[field_name] = self._nested_override(plan, field_name, sub)
        states = {n: self._override_states.setdefault((plan.name, n), {}) for n in flat}
        return compile_overrides(plan.name, list(plan.spec.by_name), flat, states)

    def _nested_override(self, plan: ModelPlan, field_name: str, values: dict[str, Any]) -> Callable[[], Any]:
        field = plan.spec.by_name.get(field_name)
        inner = field.type.inner() if field is not None else None
        if inner is None or inner.kind != "model":
            raise UsageError(
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
        self.active_registry().add(plan.name, instances)
        self._generated[plan.name] = self._generated.get(plan.name, 0) + len(instances)
        if self.verbose:
            VerboseLog(plan.name).emit(instances, origins)

    # -- extension and inspection ---------------------------------------------------------
    def register_provider(self, type_or_predicate: Any, fn: Callable[..., Any]) -> None:
        """Values of a type (or of fields a predicate accepts) come from ``fn(rng)`` or ``fn()``."""
        self._providers.register(type_or_predicate, fn)
        self._plans.clear()

    def inherit_from(self, parent: Forge) -> None:
        """Fall back on ``parent``'s providers, blueprints, AI breakers and memory root (a test's Forge
        on the session's)."""
        self._providers.parent = parent._providers
        self._ai.follow(parent._ai)
        self.memory.default_root = parent.memory.default_root
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

    def __repr__(self) -> str:
        return f"Forge(seed={self.seed}, locale={self.locale!r}, use_ai={self.use_ai})"


def _check_seed(seed: int | None) -> int:
    if seed is None:
        return random_seed()
    return check_count("Forge(seed=...)", seed, what="a non-negative int or None")
