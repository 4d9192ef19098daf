"""Compile a TypeSpec into a generator: a closure that draws one valid value from a Random.

Compiling once per field (not per value) keeps the hot path to a few calls, and
checks contradictory constraints before the first record is drawn.
"""

from __future__ import annotations

import dataclasses
import functools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError, UnsupportedTypeError
from pytest_forge.generation.options import GenerationOptions

if TYPE_CHECKING:
    from datetime import date

    from pytest_forge.generation.budget import SizeBudget
    from pytest_forge.generation.scalars import PlainMaker
    from pytest_forge.provenance import Tier
    from pytest_forge.spec import Kind, TypeSpec

__all__ = ["CompileContext", "Compiled", "Factory", "Gen", "compile_type", "dispatch_table"]

Gen = Callable[[random.Random], Any]


@dataclass(frozen=True, slots=True)
class Compiled:
    """A generator and the name of what feeds it (its provenance source)."""

    gen: Gen
    source: str
    tier: Tier = "standard"
    #: for nested models: the nested model's explain tree ({field: Origin or nested tree})
    nested: dict[str, Any] | None = None
    #: for a field a size budget cut: its full generator, compiled on first use (a validator wants it)
    uncut: Callable[[], Gen] | None = None


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
    #: nested models compiled so far for the top-level model (optional parts stop when it runs out)
    budget: SizeBudget | None = None
    #: nested models drawn as validated instances, not input dicts: arms of a union of models
    #: (pydantic's smart union tries every arm on a dict, and again inside it: exponential in depth)
    instances: bool = False


def compile_type(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
    """The generator for ``spec`` at ``path`` (model name then field names)."""
    custom = ctx.custom(path[-1], spec)
    if custom is not None:
        return custom
    if spec.predicates:
        return _with_predicates(spec, compile_type(_without_predicates(spec), ctx, path), path)
    if spec.encoder is not None:
        return _encoded(spec, compile_type(dataclasses.replace(spec, encoder=None), ctx, path))
    return dispatch_table()[spec.kind](spec, ctx, path)


def _without_predicates(spec: TypeSpec) -> TypeSpec:
    return dataclasses.replace(spec, predicates=())


def _encoded(spec: TypeSpec, inner: Compiled) -> Compiled:
    """Values of an encoded type (``Base64Str``): a plain value drawn, then encoded as pydantic expects."""
    encode, draw = spec.encoder.encode, inner.gen
    if spec.kind == "bytes":
        return Compiled(lambda rng: encode(draw(rng)), inner.source + "+encoded", inner.tier)
    return Compiled(lambda rng: encode(draw(rng).encode()).decode(), inner.source + "+encoded", inner.tier)


def _with_predicates(spec: TypeSpec, inner: Compiled, path: tuple[str, ...]) -> Compiled:
    predicates = spec.predicates
    draw = inner.gen
    where = ".".join(path)

    def gen(rng: random.Random) -> Any:
        for _ in range(200):
            value = draw(rng)
            if all(p(value) for p in predicates):
                return value
        raise ConstraintError(
            f"{where}: no value drawn for {spec.label} satisfied its Predicate in 200 tries; pass "
            f"{path[-1]}=... as an override or register a provider for it"
        )

    return Compiled(gen, inner.source + "+predicate", inner.tier)


Factory = Callable[["TypeSpec", "CompileContext", tuple[str, ...]], Compiled]


def _unsupported(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
    raise UnsupportedTypeError(
        f"cannot generate values of type {spec.label or spec.python_type or spec.kind}"
    )


def hex_color(rng: random.Random) -> str:
    """A colour as pydantic's ``Color`` parses it: ``#rrggbb``."""
    return f"#{int(rng.random() * 0x1000000):06x}"


def _constant(gen: Gen) -> PlainMaker:
    return lambda spec, ctx: gen


@functools.cache
def dispatch_table() -> dict[Kind, Factory]:
    """Every kind's factory: the one place a TypeSpec's kind is dispatched (a test checks it is complete).

    Built on first use: the value modules load with the first plan, not with the package.
    """
    from pytest_forge.generation import structures as st
    from pytest_forge.generation.scalars import (
        any_json_value,
        compile_scalar,
        complex_value,
        none_value,
        noop_callable,
    )
    from pytest_forge.values import formats, identifiers, network, numbers, temporal, text

    def _scalar(source: str, plain: PlainMaker) -> Factory:
        def factory(spec: TypeSpec, ctx: CompileContext, path: tuple[str, ...]) -> Compiled:
            return compile_scalar(spec.kind, source, plain, spec, ctx, path)

        return factory

    return {
        "int": _scalar("number.int", lambda spec, ctx: numbers.int_values(spec, None)),
        "float": _scalar("number.float", lambda spec, ctx: numbers.float_values(spec, None)),
        "decimal": _scalar("number.decimal", lambda spec, ctx: numbers.decimal_values(spec, None)),
        "bool": _scalar("bool.choice", lambda spec, ctx: numbers.bool_values(spec)),
        "str": _scalar("text.string", lambda spec, ctx: text.str_values(spec)),
        "bytes": _scalar("bytes.random", lambda spec, ctx: text.bytes_values(spec)),
        "date": _scalar("date.relative", lambda spec, ctx: temporal.date_values(spec, ctx.reference_date)),
        "datetime": _scalar(
            "datetime.relative", lambda spec, ctx: temporal.datetime_values(spec, ctx.reference_date)
        ),
        "time": _scalar("time.random", lambda spec, ctx: temporal.time_values(spec)),
        "timedelta": _scalar("timedelta.random", lambda spec, ctx: temporal.timedelta_values(spec)),
        "uuid": _scalar("uuid.seeded", lambda spec, ctx: identifiers.uuid_values(spec)),
        "none": _scalar("none", _constant(none_value)),
        "any": _scalar("any.json_value", _constant(any_json_value)),
        "complex": _scalar("number.complex", _constant(complex_value)),
        "callable": _scalar("callable.noop", _constant(noop_callable)),
        "email": _scalar("internet.email", lambda spec, ctx: network.email_values(spec)),
        "name_email": _scalar("internet.name_email", lambda spec, ctx: network.name_email_values(spec)),
        "url": _scalar("internet.url", lambda spec, ctx: network.url_values(spec)),
        "ip_address": _scalar("internet.ip_address", lambda spec, ctx: network.ip_address_values(spec)),
        "ip_network": _scalar("internet.ip_network", lambda spec, ctx: network.ip_network_values(spec)),
        "ip_interface": _scalar("internet.ip_interface", lambda spec, ctx: network.ip_interface_values(spec)),
        "path": _scalar("file.path", lambda spec, ctx: formats.path_values(spec)),
        "byte_size": _scalar("number.byte_size", lambda spec, ctx: formats.byte_size_values(spec)),
        "payment_card": _scalar("finance.test_card", lambda spec, ctx: formats.payment_card_values(spec)),
        "enum": st.choice,
        "literal": st.choice,
        "optional": st.optional,
        "union": st.union,
        "json": st.json_text,
        "secret_str": st.secret,
        "secret_bytes": st.secret,
        "list": st.sequence,
        "set": st.sequence,
        "frozenset": st.sequence,
        "deque": st.sequence,
        "tuple": st.tuple_,
        "dict": st.mapping,
        "model": st.model,
        "color": _scalar("color.hex", _constant(hex_color)),
        "unsupported": _unsupported,
    }
