"""Named generators a user can give as a field's value: ``Sequence``, ``Choice``, ``Weighted`` ...

Each implements ``forge_draw(rng, record, state)``: ``rng`` is the field's own seeded
stream, ``record`` the fields drawn before this one, ``state`` a dict kept per Forge,
model and field (so a ``Sequence`` counts per Forge, never across Forges).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import random

__all__ = ["Choice", "Lazy", "Range", "Sequence", "Static", "Weighted"]


class Sequence:
    """``Sequence("user{n}@example.com")``: n counts from ``start`` (1) per Forge and field.

    The template may also be a callable ``fn(n) -> value``.
    """

    def __init__(self, template: str | Callable[[int], Any], start: int = 1) -> None:
        if not (isinstance(template, str) or callable(template)):
            raise TypeError(
                f"Sequence needs a template string with {{n}} or a callable fn(n), got {template!r}"
            )
        if isinstance(template, str) and "{n" not in template:
            raise ValueError(
                f"Sequence template {template!r} has no {{n}} placeholder, so every value would repeat"
            )
        self.template = template
        self.start = start

    def forge_draw(self, rng: random.Random, record: dict[str, Any], state: dict[str, Any]) -> Any:
        n = state.get("n", self.start)
        state["n"] = n + 1
        if isinstance(self.template, str):
            return self.template.format(n=n)
        return self.template(n)

    def __repr__(self) -> str:
        return f"Sequence({self.template!r}, start={self.start})"


class Choice:
    """One of ``values``, uniformly, from the field's stream."""

    def __init__(self, values: Iterable[Any]) -> None:
        self.values = tuple(values)
        if not self.values:
            raise ValueError("Choice needs at least one value to choose from")

    def forge_draw(self, rng: random.Random, record: dict[str, Any], state: dict[str, Any]) -> Any:
        return self.values[int(rng.random() * len(self.values))]

    def __repr__(self) -> str:
        return f"Choice({list(self.values)!r})"


class Weighted:
    """``Weighted({"gold": 1, "free": 9})``: values by relative weight (also ``[(value, weight), ...]``)."""

    def __init__(self, weights: Mapping[Any, float] | Iterable[tuple[Any, float]]) -> None:
        pairs = list(weights.items()) if isinstance(weights, Mapping) else list(weights)
        if not pairs:
            raise ValueError("Weighted needs at least one value with a weight")
        self.values = tuple(value for value, _ in pairs)
        self.weights = tuple(float(weight) for _, weight in pairs)
        if any(w < 0 for w in self.weights) or sum(self.weights) <= 0:
            raise ValueError(
                f"Weighted weights must be non-negative with a positive total, got {self.weights}"
            )

    def forge_draw(self, rng: random.Random, record: dict[str, Any], state: dict[str, Any]) -> Any:
        return rng.choices(self.values, weights=self.weights)[0]

    def __repr__(self) -> str:
        return f"Weighted({dict(zip(self.values, self.weights, strict=True))!r})"


class Static:
    """The same value every time (a fresh copy, so records never share a mutable value)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def forge_draw(self, rng: random.Random, record: dict[str, Any], state: dict[str, Any]) -> Any:
        return copy.deepcopy(self.value)

    def __repr__(self) -> str:
        return f"Static({self.value!r})"


class Range:
    """A value between ``low`` and ``high``, both included: ints, floats, dates or datetimes."""

    def __init__(self, low: Any, high: Any) -> None:
        if not isinstance(low, (int, float, dt.date)) or type(low) is not type(high):
            raise TypeError(
                f"Range needs two ints, floats, dates or datetimes of one type, got {low!r}, {high!r}"
            )
        _check_order(low, high)
        self.low: Any = low
        self.high: Any = high

    def forge_draw(self, rng: random.Random, record: dict[str, Any], state: dict[str, Any]) -> Any:
        low, high = self.low, self.high
        if isinstance(low, int):
            return rng.randint(low, high)
        if isinstance(low, float):
            return rng.uniform(low, high)
        if isinstance(low, dt.datetime):
            span = int((high - low).total_seconds())
            return low + dt.timedelta(seconds=rng.randint(0, span))
        return low + dt.timedelta(days=rng.randint(0, (high - low).days))

    def __repr__(self) -> str:
        return f"Range({self.low!r}, {self.high!r})"


def _check_order(low: Any, high: Any) -> None:
    if low > high:
        raise ValueError(f"Range({low!r}, {high!r}): low is greater than high")


class Lazy:
    """``Lazy(lambda record: record["first"] + "@example.com")``: computed from the record so far."""

    def __init__(self, fn: Callable[[dict[str, Any]], Any]) -> None:
        if not callable(fn):
            raise TypeError(f"Lazy needs a callable fn(record), got {fn!r}")
        self.fn = fn

    def forge_draw(self, rng: random.Random, record: dict[str, Any], state: dict[str, Any]) -> Any:
        return self.fn(record)

    def __repr__(self) -> str:
        return f"Lazy({self.fn!r})"
