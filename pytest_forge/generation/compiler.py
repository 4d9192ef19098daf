"""Compile a TypeSpec into a generator: a closure that draws one valid value from a Random.

Compiling once per field (not per value) keeps the hot path to a few calls, and
checks contradictory constraints before the first record is drawn.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError, UnsupportedTypeError
from pytest_forge.generation.options import GenerationOptions

if TYPE_CHECKING:
    from datetime import date

    from pytest_forge.spec import TypeSpec

__all__ = ["CompileContext", "Compiled", "Gen", "compile_type"]

Gen = Callable[[random.Random], Any]


@dataclass(frozen=True, slots=True)
class Compiled:
    """A generator and the name of what feeds it (its provenance source)."""

    gen: Gen
    source: str
    tier: str = "standard"
    #: for nested models: the nested model's explain tree ({field: Origin or nested tree})
    nested: dict[str, Any] | None = None


@dataclass(slots=True)
class CompileContext:
    """What compiling needs from the Forge: locale, reference date, nested models, custom providers."""

    locale: str
    reference_date: date
    #: compiles a nested model: its generator and its explain tree
    nested: Callable[[Any, tuple[str, ...], CompileContext], tuple[Gen, dict[str, Any]]]
    custom: Callable[[str, TypeSpec], Compiled | None]
    #: what generators read while drawing (``none_p``: the Forge's, or the running call's)
    options: GenerationOptions = field(default_factory=GenerationOptions)
    #: the model classes being compiled around this one, outermost first (recursion stops on them)
    ancestors: tuple[Any, ...] = ()


def compile_type(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
    """The generator for ``spec`` at ``path`` (model name then field names)."""
    custom = ctx.custom(path[-1], spec)
    if custom is not None:
        return custom
    if spec.predicates:
        return _with_predicates(spec, compile_type(_without_predicates(spec), ctx, path))
    if spec.encoder is not None:
        return _encoded(spec, compile_type(dataclasses.replace(spec, encoder=None), ctx, path))
    factory = _FACTORIES.get(spec.kind)
    if factory is None:
        raise UnsupportedTypeError(f"cannot generate values of type {spec.label or spec.kind}")
    return factory(spec, ctx, path)


def _without_predicates(spec: TypeSpec) -> TypeSpec:
    return dataclasses.replace(spec, predicates=())


def _encoded(spec: TypeSpec, inner: Compiled) -> Compiled:
    """Values of an encoded type (``Base64Str``): a plain value drawn, then encoded as pydantic expects."""
    encode, draw = spec.encoder.encode, inner.gen
    if spec.kind == "bytes":
        return Compiled(lambda rng: encode(draw(rng)), inner.source + "+encoded", inner.tier)
    return Compiled(lambda rng: encode(draw(rng).encode()).decode(), inner.source + "+encoded", inner.tier)


def _with_predicates(spec: TypeSpec, inner: Compiled) -> Compiled:
    predicates = spec.predicates
    draw = inner.gen

    def gen(rng: random.Random) -> Any:
        for _ in range(200):
            value = draw(rng)
            if all(p(value) for p in predicates):
                return value
        raise ConstraintError(f"no value drawn for {spec.label} satisfied its Predicate in 200 tries")

    return Compiled(gen, inner.source + "+predicate", inner.tier)


def _scalar(kind: str, source: str) -> Callable[[TypeSpec, CompileContext, tuple[str, ...]], Compiled]:
    def factory(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
        from pytest_forge.generation import scalars

        return scalars.compile_scalar(kind, source, spec, ctx, path)

    return factory


def _structured(name: str) -> Callable[[TypeSpec, CompileContext, tuple[str, ...]], Compiled]:
    def factory(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
        from pytest_forge.generation import structures

        builder: Callable[[TypeSpec, CompileContext, tuple[str, ...]], Compiled] = getattr(structures, name)
        return builder(spec, ctx, path)

    return factory


def _unsupported(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
    raise UnsupportedTypeError(f"cannot generate values of type {spec.label or spec.python_type!r}")


_FACTORIES: dict[str, Callable[[TypeSpec, CompileContext, tuple[str, ...]], Compiled]] = {
    "unsupported": _unsupported,
    **{
        kind: _scalar(kind, source)
        for kind, source in {
            "int": "number.int",
            "float": "number.float",
            "decimal": "number.decimal",
            "bool": "bool.choice",
            "str": "text.string",
            "bytes": "bytes.random",
            "date": "date.relative",
            "datetime": "datetime.relative",
            "time": "time.random",
            "timedelta": "timedelta.random",
            "uuid": "uuid.seeded",
            "none": "none",
            "email": "internet.email",
            "name_email": "internet.name_email",
            "url": "internet.url",
            "ip_address": "internet.ip_address",
            "ip_network": "internet.ip_network",
            "ip_interface": "internet.ip_interface",
            "path": "file.path",
            "byte_size": "number.byte_size",
            "payment_card": "finance.test_card",
            "any": "any.json_value",
            "complex": "number.complex",
            "callable": "callable.noop",
        }.items()
    },
    **{
        kind: _structured(name)
        for kind, name in {
            "enum": "choice",
            "literal": "choice",
            "optional": "optional",
            "union": "union",
            "json": "json_text",
            "secret_str": "secret",
            "secret_bytes": "secret",
            "list": "sequence",
            "set": "sequence",
            "frozenset": "sequence",
            "deque": "sequence",
            "tuple": "tuple_",
            "dict": "mapping",
            "model": "model",
        }.items()
    },
}
