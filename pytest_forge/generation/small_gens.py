"""Generators as small objects: one tracked object per field, not a closure's function, cell tuple
and cells.

A Forge keeps its compiled plans for as long as it lives; every object in them is walked by each full
collection of the garbage collector while it lives, and counts towards the next one. The generators
most fields get (left to their default, None or a value, None past a budget) are therefore shared or
kept to one object each. They draw exactly what the closures they replace drew.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError, ForgeError, ValidationRejectedError
from pytest_forge.generation.budget import record_models_spent

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from pytest_forge.generation.compiler import Gen
    from pytest_forge.generation.options import GenerationOptions

__all__ = [
    "CompileOnUse",
    "Constant",
    "CutWhenFull",
    "DefaultWhenUnmet",
    "Factory",
    "OneExample",
    "OneOf",
    "OrNone",
    "none_gen",
]

#: values whose deep copy is the value itself (a default of these needs no copy per record)
_ATOMS = (type(None), bool, int, float, complex, str, bytes)


def none_gen(rng: random.Random) -> None:
    """Always None (one function for every field that needs it)."""
    return None


class DefaultWhenUnmet:
    """Draws a value; when its predicates were never met (a ConstraintError), the field's default."""

    __slots__ = ("default", "draw")

    def __init__(self, draw: Gen, default: Gen) -> None:
        self.draw = draw
        self.default = default

    def __call__(self, rng: random.Random) -> Any:
        try:
            return self.draw(rng)
        except ConstraintError:
            return self.default(rng)


class OneExample:
    """One of the values the model gives as examples, a fresh deep copy each time."""

    __slots__ = ("values",)

    def __init__(self, values: tuple[Any, ...]) -> None:
        self.values = values

    def __call__(self, rng: random.Random) -> Any:
        return copy.deepcopy(self.values[int(rng.random() * len(self.values))])


class Constant:
    """A default value, a fresh deep copy per record (mutable defaults are never shared)."""

    __slots__ = ("copied", "value")

    def __init__(self, value: Any) -> None:
        self.value = value
        self.copied = type(value) not in _ATOMS

    def __call__(self, rng: random.Random) -> Any:
        return copy.deepcopy(self.value) if self.copied else self.value


class Factory:
    """A default factory, called per record; what it raises is a ConstraintError naming ``where``
    (``Model.field``): the model's own code failed (a factory needing a package not installed)."""

    __slots__ = ("factory", "where")

    def __init__(self, factory: Callable[[], Any], where: str = "") -> None:
        self.factory = factory
        self.where = where

    def __call__(self, rng: random.Random) -> Any:
        try:
            return self.factory()
        except ForgeError:
            raise
        except Exception as exc:
            field = self.where.rpartition(".")[2] or "the field"
            raise ConstraintError(
                f"{self.where or 'a field'}: its default_factory raised {type(exc).__name__}: {exc}; "
                f"pass {field}=... as an override"
            ) from exc


class OrNone:
    """The inner value, or None with the running call's ``none_p`` chance."""

    __slots__ = ("draw", "options")

    def __init__(self, draw: Callable[[random.Random], Any], options: GenerationOptions) -> None:
        self.draw, self.options = draw, options

    def __call__(self, rng: random.Random) -> Any:
        if rng.random() < self.options.none_p:
            return None
        return self.draw(rng)


class CutWhenFull:
    """An optional field holding models: its default once the record drew its share of models, or
    when a nested model's validators refused every draw (a maintainer whose user must exist online:
    the field's default passes, the nested model cannot be made here)."""

    __slots__ = ("default", "draw")

    def __init__(self, draw: Callable[[random.Random], Any], default: Callable[[random.Random], Any]) -> None:
        self.draw, self.default = draw, default

    def __call__(self, rng: random.Random) -> Any:
        if record_models_spent():
            return self.default(rng)
        try:
            return self.draw(rng)
        except ValidationRejectedError:
            return self.default(rng)

    def full(self) -> Callable[[random.Random], Any]:
        """The generator without the cut (``Compiled.uncut``)."""
        return self.draw


class OneOf:
    """A union's arms, one drawn uniformly; once the record drew its share of models, ``low`` (the
    arm with the shortest way out) when there is one. An arm that ends in a ForgeError (a class
    whose validators refuse every draw) gives way to the next arm that makes a value."""

    __slots__ = ("draws", "low")

    def __init__(
        self, draws: list[Callable[[random.Random], Any]], low: Callable[[random.Random], Any] | None = None
    ) -> None:
        self.draws, self.low = draws, low

    def __call__(self, rng: random.Random) -> Any:
        if self.low is not None and record_models_spent():
            return self.low(rng)
        draws = self.draws
        chosen = int(rng.random() * len(draws))
        try:
            return draws[chosen](rng)
        except ForgeError as error:  # an arm no value of which can be made: the others, in turn
            for other in draws[chosen + 1 :] + draws[:chosen]:
                try:
                    return other(rng)
                except ForgeError:
                    continue
            raise error from None


class CompileOnUse:
    """A generator compiled on first use by ``compile(*args)`` (then kept): ``Compiled.uncut``."""

    __slots__ = ("args", "compile", "gen")

    def __init__(self, compile: Callable[..., Callable[[random.Random], Any]], *args: Any) -> None:
        self.compile, self.args = compile, args
        self.gen: Callable[[random.Random], Any] | None = None

    def __call__(self) -> Callable[[random.Random], Any]:
        if self.gen is None:
            self.gen = self.compile(*self.args)
        return self.gen
