"""Scalars: realistic providers by field name first, then the constraint-driven generators."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from pytest_forge.generation.compiler import Compiled, Gen

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from pytest_forge.generation.compiler import CompileContext
    from pytest_forge.spec import Kind, TypeSpec

__all__ = [
    "PlainMaker",
    "any_json_value",
    "compile_scalar",
    "complex_value",
    "none_value",
    "noop_callable",
]

_NUMERIC = ("int", "float", "decimal")


#: the constraint-driven generator of one scalar kind (an entry of the compiler's dispatch table)
PlainMaker: TypeAlias = "Callable[[TypeSpec, CompileContext], Gen]"


def compile_scalar(
    kind: Kind, source: str, plain: PlainMaker, spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]
) -> Compiled:
    """The generator of a scalar kind, realistic when the field's name says what it holds."""
    if kind in ("str", "email"):
        realistic = _realistic_text(spec, ctx, path)
        if realistic is not None:
            return realistic
    if kind in _NUMERIC:
        return Compiled(_numeric(kind, spec, path), source)
    return Compiled(plain(spec, ctx), source)


def _realistic_text(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled | None:
    from pytest_forge.providers.catalog import ProviderContext, find_provider

    provider = find_provider(path[-1], spec, model_name=path[0])
    if provider is None:
        return None
    provider_ctx = ProviderContext(locale=ctx.locale, reference_date=ctx.reference_date)
    if provider.tier == "semantic":
        return _pooled_text(provider, spec, provider_ctx)
    gen = provider.make(spec, provider_ctx)
    if gen is None:
        return None
    return Compiled(gen, provider.source, provider.tier)


def _pooled_text(provider: Any, spec: TypeSpec, provider_ctx: Any) -> Compiled | None:
    """Free text through the process-wide pool (composing paragraphs is the slowest thing we do).

    The pool is shared by every field with the same key, so the key holds everything the
    provider reads from the spec (the inner spec's kind, pattern, lengths and transforms):
    otherwise the first field compiled would decide what later, differently shaped fields get.
    """
    from pytest_forge.providers.shaping import Shape
    from pytest_forge.providers.text_pool import text_pool

    inner = spec.inner()
    key = (provider.source, provider_ctx.locale, provider_ctx.reference_date.isoformat(), inner.kind,
           inner.pattern, Shape.of(spec))  # fmt: skip
    pool = text_pool(key, lambda: provider.make(spec, provider_ctx))
    return None if pool is None else Compiled(pool.draw, provider.source, provider.tier)


def _numeric(kind: Kind, spec: TypeSpec, path: tuple[str, ...]) -> Gen:
    from pytest_forge.providers.catalog import numeric_hint
    from pytest_forge.values import numbers

    hint = numeric_hint(path[-1])
    if kind == "int":
        int_hint = (int(hint[0]), int(hint[1])) if hint else None
        return numbers.int_values(spec, int_hint)
    if kind == "float":
        return numbers.float_values(spec, hint)
    return numbers.decimal_values(spec, hint)


def none_value(rng: random.Random) -> None:
    return None


def forge_noop(*args: Any, **kwargs: Any) -> None:
    """The value of a ``Callable`` field: a function that accepts anything and returns None."""
    return None


def noop_callable(rng: random.Random) -> Any:
    return forge_noop


def complex_value(rng: random.Random) -> complex:
    return complex(round(rng.uniform(-100, 100), 2), round(rng.uniform(-100, 100), 2))


_ANY_WORDS = ("alpha", "bravo", "delta", "echo", "nova", "orbit")


def any_json_value(rng: random.Random) -> Any:
    pick = rng.randrange(4)
    if pick == 0:
        return rng.randrange(1000)
    if pick == 1:
        return rng.choice(_ANY_WORDS)
    if pick == 2:
        return rng.random() < 0.5
    return round(rng.uniform(0, 100), 2)
