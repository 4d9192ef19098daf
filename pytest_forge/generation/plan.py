"""A model's generation plan: every field compiled to a generator with its own random stream."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError, ForgeError, UnsupportedTypeError
from pytest_forge.generation.budget import budget_spent, holds_model
from pytest_forge.generation.compiler import CompileContext, Compiled, Gen, compile_type
from pytest_forge.generation.lessons import Lessons, kin_of, lessons_for
from pytest_forge.generation.options import GenerationOptions
from pytest_forge.generation.small_gens import (
    CompileOnUse,
    Constant,
    CutWhenFull,
    DefaultWhenUnmet,
    Factory,
    OneExample,
    none_gen,
)
from pytest_forge.generation.structures import TooDeep
from pytest_forge.provenance import Origin
from pytest_forge.rng import field_stream
from pytest_forge.spec import FieldSpec, ModelSpec

if TYPE_CHECKING:
    import random

__all__ = ["FieldPlan", "ModelPlan", "compile_model"]

#: a hook that may replace a field's compiled generator (keys, relations, gates ...)
FieldCompiler = Callable[[ModelSpec, FieldSpec, Compiled, tuple[str, ...]], Compiled | None]


@dataclass(slots=True)
class FieldPlan:
    """One field ready to draw: its generator, its stream and where its value goes."""

    field: FieldSpec
    gen: Gen
    rng: random.Random
    origin: Origin
    nested: dict[str, Any] | None = None
    #: another family of valid values tried on re-draws: the field's own examples, else one the type
    #: allows (aware datetimes for a plain datetime)
    variant: Gen | None = None
    #: for a field a size budget cut: its full generator (re-draws of a field validators want use it)
    uncut: Callable[[], Gen] | None = None

    @property
    def name(self) -> str:
        return self.field.name


@dataclass(slots=True)
class ModelPlan:
    """All of a model's field plans, in declaration order."""

    spec: ModelSpec
    fields: tuple[FieldPlan, ...]
    origins: dict[str, Origin]
    simple_keys: bool
    #: ``origins`` with nested models' fields as their own dicts (what ``explain`` shows)
    explain_tree: dict[str, Any]
    #: what refusals taught about this model's class (shared by its plans under one top-level plan)
    lessons: Lessons = dataclasses.field(default_factory=Lessons)
    #: the lessons of every class under the same top-level plan (a refusal inside a nested one)
    kin: dict[Any, Lessons] = dataclasses.field(default_factory=dict)
    #: every field's input key is its own name (no aliases): a record is its own input dict
    named_keys: bool = False
    #: the model's validation for a record: ``spec.validate``, or its proven equivalent (``spec.proven``)
    validate: Callable[[Any], Any] | None = None
    #: what the generators read while drawing (re-draws scope ``none_p`` through it)
    options: GenerationOptions = dataclasses.field(default_factory=GenerationOptions)

    @property
    def name(self) -> str:
        return self.spec.name


def compile_model(
    spec: ModelSpec,
    ctx: CompileContext,
    seed: int,
    prefix: tuple[str, ...],
    field_hooks: tuple[FieldCompiler, ...] = (),
) -> ModelPlan:
    """Compile every field of ``spec``; errors name the model and the field."""
    _refuse_abstract(spec)
    plans = []
    for field in spec.fields:
        path = (*prefix, field.name)
        compiled = _compile_field(spec, field, ctx, path, field_hooks)
        rng = field_stream(seed, *path)
        origin = Origin.shared(compiled.tier, compiled.source)
        variant = (
            OneExample(field.examples)
            if field.examples
            else _variant(field, ctx, path)
            if compiled.tier == "standard"
            else None
        )
        plans.append(FieldPlan(field, compiled.gen, rng, origin, compiled.nested, variant, compiled.uncut))
    fields = tuple(plans)
    return ModelPlan(
        spec=spec,
        fields=fields,
        origins={p.name: p.origin for p in fields},
        simple_keys=all(len(p.field.input_path) == 1 for p in fields),
        explain_tree={p.name: p.nested if p.nested is not None else p.origin for p in fields},
        lessons=lessons_for(ctx, spec.model),
        kin=kin_of(ctx),
        named_keys=all(p.field.input_path == (p.field.name,) for p in fields),
        validate=_validation(spec, ctx),
        options=ctx.options,
    )


def _validation(spec: ModelSpec, ctx: CompileContext) -> Callable[[Any], Any]:
    """The proven-equivalent validation when the adapter has one for the validation in use and the
    Forge does not ask for the full one (``Forge(full_validation=True)``)."""
    if spec.proven is not None and spec.proven_for is spec.validate and not ctx.options.full_validation:
        return spec.proven
    return spec.validate


def _refuse_abstract(spec: ModelSpec) -> None:
    """An abstract class has no instances at all: say so before drawing (its validation always fails)."""
    import inspect

    if inspect.isabstract(spec.model):
        missing = ", ".join(sorted(getattr(spec.model, "__abstractmethods__", ())))
        raise UnsupportedTypeError(
            f"{spec.name} is abstract (abstract methods: {missing}), so it has no instances; generate "
            "a concrete subclass of it instead",
            model=spec.model,
        )


def _compile_field(
    spec: ModelSpec,
    field: FieldSpec,
    ctx: CompileContext,
    path: tuple[str, ...],
    hooks: tuple[FieldCompiler, ...],
) -> Compiled:
    if field.has_default and not field.required and budget_spent(ctx) and holds_model(field.type):
        # the model's size budget is spent: leave out what may be left out, compile it (once) if wanted
        full = CompileOnUse(_compile_wanted, spec, field, ctx, path, hooks)
        return dataclasses.replace(_default_of(field, spec.name), uncut=full)
    return _compile_full(spec, field, ctx, path, hooks)


def _compile_wanted(
    spec: ModelSpec,
    field: FieldSpec,
    ctx: CompileContext,
    path: tuple[str, ...],
    hooks: tuple[FieldCompiler, ...],
) -> Gen:
    """The full generator of a field a size budget cut (a validator wants a value, not None)."""
    wanted = dataclasses.replace(field, type=field.type.inner())
    return _uncut(_compile_full(spec, wanted, ctx, path, hooks))


def _uncut(compiled: Compiled) -> Gen:
    return compiled.uncut() if compiled.uncut is not None else compiled.gen


def _compile_full(
    spec: ModelSpec,
    field: FieldSpec,
    ctx: CompileContext,
    path: tuple[str, ...],
    hooks: tuple[FieldCompiler, ...],
) -> Compiled:
    try:
        compiled = compile_type(field.type, ctx, path)
        for hook in hooks:
            compiled = hook(spec, field, compiled, path) or compiled
    except TooDeep as exc:
        if field.has_default:
            return _default_of(field, spec.name)
        if len(path) > 2:  # a nested model's required field: the nearest optional above cuts the recursion
            raise
        return _deferred(
            ConstraintError(
                f"{spec.name}.{field.name}: the recursive model {exc} always needs another {exc} here; "
                f"make the field optional, give it a default, or pass {field.name}=... as an override",
                model=spec.model,
                field=field.name,
            )
        )
    except UnsupportedTypeError as exc:  # a field with a default keeps it (attrs' ``step: "Step" = None``)
        return _default_of(field, spec.name) if field.has_default else _deferred(_located(exc, spec, field))
    except ForgeError as exc:
        return _deferred(_located(exc, spec, field))
    if field.has_default and not field.required and holds_model(field.type) and _default_passes(field):
        return _cut_when_record_full(field, compiled)
    if field.type.predicates and _default_meets_predicates(field):
        unmet = DefaultWhenUnmet(compiled.gen, _default_of(field, spec.name).gen)
        return Compiled(unmet, compiled.source, compiled.tier)
    return compiled


def _default_meets_predicates(field: FieldSpec) -> bool:
    """True when the field's (plain) default meets its ``Predicate``s: drawing may give up on a
    predicate only its default meets (``Predicate(_is_batch)`` with default ``"batch"``)."""
    if not field.has_default or field.default_factory is not None:
        return False
    try:
        return all(predicate(field.default) for predicate in field.type.predicates)
    except Exception:  # a predicate that cannot read the default says no
        return False


def _default_passes(field: FieldSpec) -> bool:
    """True when the field's default given as input passes its own type (None where None is allowed,
    an empty collection without a minimum length): a cut field's value is validated like any other."""
    factory = field.default_factory
    if factory is None:
        return field.default is None and field.type.nullable()
    inner = field.type.inner()
    return factory in (list, dict, set, tuple) and inner.kind in _EMPTY_OK and not inner.min_length


_EMPTY_OK = ("list", "dict", "set", "frozenset", "tuple", "deque")


def _cut_when_record_full(field: FieldSpec, compiled: Compiled) -> Compiled:
    """An optional field holding models keeps its default once the record drew its share of models."""
    cut = CutWhenFull(compiled.gen, _default_of(field).gen)
    return Compiled(cut, compiled.source, compiled.tier, compiled.nested, uncut=cut.full)


def _variant(field: FieldSpec, ctx: CompileContext, path: tuple[str, ...]) -> Gen | None:
    from pytest_forge.generation.variants import variant_shaper, variant_spec

    other = variant_spec(field.type)
    if other is None:
        return None
    try:
        draw = compile_type(other, ctx, path).gen
    except (ForgeError, TooDeep):
        return None
    shape = variant_shaper(field.type)
    if shape is None:
        return draw
    return lambda rng: shape(draw(rng))


def _deferred(error: ForgeError) -> Compiled:
    """A field we cannot generate raises only when a value is actually needed (overrides skip it)."""

    def gen(rng: random.Random) -> Any:
        __tracebackhide__ = True
        raise error

    return Compiled(gen, "unavailable", "standard")


def _default_of(field: FieldSpec, owner: str = "") -> Compiled:
    """The field's default (``owner``: the model's name, for a failing default factory's error)."""
    factory = field.default_factory
    if factory is not None:
        where = f"{owner}.{field.name}" if owner else field.name
        return Compiled(Factory(factory, where), "model.default_factory", "default")
    default = field.default
    return Compiled(none_gen if default is None else Constant(default), "model.default", "default")


def _located(exc: ForgeError, spec: ModelSpec, field: FieldSpec) -> ForgeError:
    """The same error type, its message prefixed with ``Model.field`` and the type."""
    if exc.model is not None:
        return exc
    message = f"{spec.name}.{field.name} ({field.type.label}): {exc}"
    if isinstance(exc, UnsupportedTypeError):
        message += (
            f"; pass {field.name}=... to create(), or register a provider with "
            f"forge.register_provider({field.type.label}, fn) or the forge_field_provider hook"
        )
    located = type(exc)(message, model=spec.model, field=field.name)
    return located
