"""Generators for structured kinds: choices, optionals, unions, collections, nested models."""

from __future__ import annotations

import collections
import dataclasses
import functools
from typing import TYPE_CHECKING, Any

from pytest_forge.adapters import is_model
from pytest_forge.errors import ConstraintError, ForgeError, UnsupportedTypeError
from pytest_forge.generation import heights
from pytest_forge.generation.budget import budget_spent, holds_model, record_models_spent
from pytest_forge.generation.compiler import Compiled, Gen, compile_type
from pytest_forge.generation.hashable import fingerprint, hashable_after_validation
from pytest_forge.generation.small_gens import OneOf, OrNone, none_gen

if TYPE_CHECKING:
    import random

    from pytest_forge.generation.compiler import CompileContext
    from pytest_forge.spec import TypeSpec

__all__ = ["TooDeep", "choice", "mapping", "model", "optional", "secret", "sequence", "tuple_", "union"]

#: how many times a model may appear inside itself before recursion is cut
MAX_RECURSION = 2
#: the deepest nesting of models we follow at all (beyond, it's a schema we cannot finish)
MAX_NESTING = 40


class TooDeep(Exception):
    """A recursive model went deeper than allowed; the nearest optional/collection cuts it."""

    def __init__(self, model: Any) -> None:
        super().__init__(getattr(model, "__name__", str(model)))
        self.model = model


def choice(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
    """Enum members or Literal values, uniformly."""
    options = spec.choices
    if not options:
        raise ConstraintError(f"{spec.label} has no members to choose from")
    if len(options) == 1:
        only = options[0]
        return Compiled(lambda rng: only, f"{spec.kind}.choice")
    return Compiled(lambda rng: options[int(rng.random() * len(options))], f"{spec.kind}.choice")


def optional(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
    """The inner value, or None with the Forge's ``none_p`` chance (always None past recursion)."""
    if budget_spent(ctx) and holds_model(spec.args[0]):
        return Compiled(none_gen, "none.size_budget", "structural")
    if _plain_class(spec.args[0]):  # arbitrary types are built only where a value is required
        return Compiled(none_gen, "none.arbitrary_type", "structural")
    try:
        inner = compile_type(spec.args[0], ctx, path)
    except TooDeep:
        return Compiled(none_gen, "none.recursion_cut", "structural")
    except UnsupportedTypeError:  # None is a valid value we can always give
        return Compiled(none_gen, "none.unsupported_type", "structural")
    return Compiled(OrNone(inner.gen, ctx.options), inner.source, inner.tier, inner.nested)


def _plain_class(spec: TypeSpec) -> bool:
    from pytest_forge.adapters import model_spec

    return spec.kind == "model" and not is_model(spec.model) and model_spec(spec.model).kind == "class"


def union(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
    """One arm, chosen uniformly (arms that would recurse too deep are dropped).

    Past the size budget one arm will do, the lowest first (generation/heights.py): trying every arm
    of a recursive union of required models compiles the others again and again (exponential).
    Once the record drew its share of models, the lowest arm compiled is drawn.
    """
    arms: list[tuple[float, Gen]] = []
    problem: ForgeError | None = None
    candidates = spec.args
    spent = budget_spent(ctx)
    if spent and not all(holds_model(arm) for arm in candidates):
        candidates = tuple(arm for arm in candidates if not holds_model(arm))
    models = sum(holds_model(arm) for arm in candidates)
    if (models > 1 and spec.discriminator is None) or spec.as_instances:  # a tagged union reads its tag
        ctx = dataclasses.replace(ctx, instances=True)
    order = heights.lowest_arms(candidates) if spent and models else range(len(candidates))
    for index in order:
        arm = candidates[index]
        level = heights.height(arm) if models else 0.0
        if spent and level == heights.INFINITE:
            continue  # never finite: the nearest optional above cuts it
        try:
            arms.append((level, compile_type(arm, ctx, path).gen))
        except TooDeep:
            continue
        except (UnsupportedTypeError, ConstraintError) as exc:
            # other arms can still make valid values (``bytes | IO[bytes]``); no traceback kept: it
            # would hold this frame, which holds the error (a cycle left to the garbage collector)
            problem = problem or exc.with_traceback(None)
            continue
        if spent:
            break
    if not arms:
        if problem is not None:
            raise type(problem)(f"no arm of {spec.label or 'the union'} can be generated: {problem}")
        raise TooDeep(spec.label)
    draws = [gen for _, gen in arms]
    lowest = min(arms, key=lambda arm: arm[0])
    if len(draws) == 1 or lowest[0] == max(level for level, _ in arms):
        return Compiled(OneOf(draws), "union.choice")
    return Compiled(OneOf(draws, lowest[1]), "union.choice")


def json_text(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
    """A JSON document of the inner type (pydantic's ``Json[T]``)."""
    import pydantic_core

    inner = compile_type(spec.args[0], ctx, path).gen
    # fallback: values pydantic cannot serialize (NameEmail) as the text it parses them from
    return Compiled(lambda rng: pydantic_core.to_json(inner(rng), fallback=str).decode(), "json.document")


def secret(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
    """SecretStr / SecretBytes wrapping a generated value."""
    from pydantic import SecretBytes, SecretStr

    inner_spec = dataclasses.replace(spec.args[0], min_length=spec.min_length, max_length=spec.max_length)
    inner = compile_type(inner_spec, ctx, path).gen
    wrapper: Any = SecretStr if spec.kind == "secret_str" else SecretBytes
    return Compiled(lambda rng: wrapper(inner(rng)), "secret.random")


def _length_range(spec: TypeSpec, default_hi: int = 3) -> tuple[int, int]:
    lo = spec.min_length if spec.min_length is not None else (0 if spec.max_length == 0 else 1)
    hi = spec.max_length if spec.max_length is not None else max(lo, default_hi)
    if lo > hi:
        raise ConstraintError(f"min_length={lo} is greater than max_length={hi} for {spec.label}")
    return lo, min(hi, max(lo, default_hi) if spec.max_length is None else hi)


def sequence(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
    """list / set / frozenset / deque with the spec's length bounds (sets hold distinct items)."""
    lo, hi = _length_range(spec)
    hi = min(hi, max(lo, 5))
    if budget_spent(ctx) and (spec.min_length or 0) == 0 and holds_model(spec.args[0]):
        return Compiled(_empty(spec.kind), "collection.size_budget", "structural")
    try:
        item = compile_type(spec.args[0], ctx, path)
    except TooDeep:
        if spec.min_length:  # only a required item recurses for ever; an empty collection ends it
            raise
        return Compiled(_empty(spec.kind), "collection.empty")
    unique = spec.kind in ("set", "frozenset")
    if unique:
        _check_domain(spec.args[0], lo, spec.label)
        if not hashable_after_validation(spec.args[0]):
            return _only_empty(spec, spec.min_length or 0)
    may_stop = not spec.min_length and holds_model(spec.args[0])  # the record's budget can empty it
    gen = _Items(item.gen, spec.kind, lo, hi, unique, may_stop, spec.label)
    return Compiled(gen, f"collection.{spec.kind}", item.tier, item.nested)


class _Items:
    """A collection's generator (one small object per field: plans live as long as their Forge)."""

    __slots__ = ("draw", "hi", "kind", "label", "lo", "may_stop", "unique")

    def __init__(
        self, draw: Gen, kind: str, lo: int, hi: int, unique: bool, may_stop: bool, label: str
    ) -> None:
        self.draw, self.kind, self.lo, self.hi = draw, kind, lo, hi
        self.unique, self.may_stop, self.label = unique, may_stop, label

    def __call__(self, rng: random.Random) -> Any:
        if self.may_stop and record_models_spent():
            return _collect(self.kind, [])
        lo, hi, draw = self.lo, self.hi, self.draw
        size = lo if lo == hi else rng.randint(lo, hi)
        items = (
            _distinct(draw, rng, size, lo, self.label) if self.unique else [draw(rng) for _ in range(size)]
        )
        return _collect(self.kind, items)


@functools.cache
def _empty(kind: str) -> Gen:
    """An empty collection of ``kind`` (one generator per kind for the process)."""
    return lambda rng: _collect(kind, [])


def _only_empty(spec: TypeSpec, lo: int) -> Compiled:
    if lo > 0:
        raise ConstraintError(
            f"{spec.label} needs {lo} items but its items are never hashable once validated, so the set"
            " can only be empty: lower min_length to 0 or use a list"
        )
    return Compiled(_empty(spec.kind), "collection.empty")


def _collect(kind: str, items: list[Any]) -> Any:
    if kind in ("set", "frozenset") and not all(fingerprint(item) is item for item in items):
        return items  # unhashable inputs (nested models as dicts): validation makes the set
    if kind == "set":
        return set(items)
    if kind == "frozenset":
        return frozenset(items)
    if kind == "deque":
        return collections.deque(items)
    return items


def _domain_size(spec: TypeSpec) -> int | None:
    if spec.kind in ("enum", "literal"):
        return len(spec.choices)
    if spec.kind == "bool":
        return 2
    if spec.kind == "int" and spec.ge is not None and spec.le is not None:
        return max(0, int(spec.le) - int(spec.ge) + 1)
    return None


def _check_domain(item: TypeSpec, needed: int, label: str) -> None:
    size = _domain_size(item)
    if size is not None and size < needed:
        raise ConstraintError(
            f"{label} needs {needed} distinct items but its item type has only {size} values"
        )


def _distinct(
    draw: Gen, rng: random.Random, size: int, minimum: int, label: str, hashable: bool = False
) -> list[Any]:
    """``size`` distinct draws (at least ``minimum``); ``hashable``: unhashable ones are skipped
    (dict keys drawn from a union arm whose class defines ``__eq__`` only)."""
    seen: dict[Any, Any] = {}
    for _ in range(size * 20 + 20):
        if len(seen) >= size:
            break
        value = draw(rng)
        key = fingerprint(value)
        if not hashable or key is value:
            seen.setdefault(key, value)
    if len(seen) < minimum:
        raise ConstraintError(f"could not draw {minimum} distinct items for {label}")
    return list(seen.values())


def tuple_(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
    """Fixed tuples item by item; variadic ones like lists."""
    if spec.variadic:
        as_list = dataclasses.replace(spec, kind="list")
        inner = sequence(as_list, ctx, path).gen
        return Compiled(lambda rng: tuple(inner(rng)), "collection.tuple")
    items = [compile_type(arg, ctx, path).gen for arg in spec.args]
    return Compiled(lambda rng: tuple(g(rng) for g in items), "collection.tuple")


def mapping(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
    """dict / Mapping with distinct keys and the spec's length bounds."""
    lo, hi = _length_range(spec)
    hi = min(hi, max(lo, 4))
    if budget_spent(ctx) and (spec.min_length or 0) == 0 and holds_model(spec.args[1]):
        return Compiled(lambda rng: {}, "collection.size_budget", "structural")
    _check_domain(spec.args[0], lo, spec.label)
    key = compile_type(spec.args[0], ctx, (*path, "key")).gen
    try:
        value = compile_type(spec.args[1], ctx, path).gen
    except TooDeep:
        if spec.min_length:
            raise
        return Compiled(lambda rng: {}, "collection.empty")

    def gen(rng: random.Random) -> Any:
        size = lo if lo == hi else rng.randint(lo, hi)
        keys = _distinct(key, rng, size, lo, spec.label, hashable=True)
        return {k: value(rng) for k in keys}

    return Compiled(gen, "collection.dict")


def _finite(spec: TypeSpec) -> bool:
    return heights.height(spec) < heights.INFINITE


def model(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
    """A nested model instance, built (and validated) by the engine."""
    ancestors: tuple[Any, ...] = ctx.ancestors
    if ancestors.count(spec.model) >= MAX_RECURSION and not (budget_spent(ctx) and _finite(spec)):
        raise TooDeep(spec.model)  # past the budget unions take their lowest arms: heights fall, it ends
    if len(ancestors) >= MAX_NESTING:
        raise ConstraintError(f"models nest more than {MAX_NESTING} levels deep at {'.'.join(path)}")
    budget = ctx.budget
    if budget is not None:
        budget.spend()
    gen, tree = ctx.nested(spec.model, path, ctx)
    return Compiled(gen, "model.nested", nested=tree)
