"""Values at a constraint's edges: numeric bounds (the bound, and just inside it) and length limits.

"Just inside" a bound is the nearest value the constraint allows: the next multiple of
``multiple_of``, the next representable float, the next decimal step, the next day.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pytest_forge.spec import TypeSpec

__all__ = ["length_limits", "numeric_edges", "step_of"]

ORDERED = ("int", "float", "decimal", "date", "datetime")
#: longest collection or string a coverage value is built at its max_length
MAX_BUILT_LENGTH = 10_000


def step_of(spec: TypeSpec) -> Any:
    """The smallest move between two allowed values of ``spec`` (None for floats: use nextafter)."""
    if spec.multiple_of is not None:
        return spec.multiple_of
    if spec.kind == "int":
        return 1
    if spec.kind == "decimal":
        places = spec.decimal_places if spec.decimal_places is not None else 2
        return decimal.Decimal(1).scaleb(-places)
    if spec.kind == "date":
        return dt.timedelta(days=1)
    if spec.kind == "datetime":
        return dt.timedelta(microseconds=1)
    return None


def _move(spec: TypeSpec, value: Any, up: bool) -> Any:
    step = step_of(spec)
    if step is None:
        return math.nextafter(value, math.inf if up else -math.inf)
    if spec.multiple_of is not None and spec.kind in ("int", "float", "decimal"):
        quotient = value / step
        steps = math.floor(quotient) + 1 if up else math.ceil(quotient) - 1
        return type(value)(steps) * step if spec.kind != "float" else steps * step
    return value + step if up else value - step


def _on_grid(spec: TypeSpec, value: Any) -> bool:
    step = spec.multiple_of
    return step is None or spec.kind not in ("int", "float", "decimal") or value % step == 0


def numeric_edges(spec: TypeSpec) -> list[tuple[str, Any]]:
    """(label, value) at each bound of an ordered type: the bound when allowed, and just inside it."""
    if spec.kind not in ORDERED:
        return []
    edges: list[tuple[str, Any]] = []
    low = spec.ge if spec.ge is not None else spec.gt
    high = spec.le if spec.le is not None else spec.lt
    if low is not None:
        first = low if spec.ge is not None and _on_grid(spec, low) else _move(spec, low, up=True)
        edges += [("min", first), ("just above min", _move(spec, first, up=True))]
    if high is not None:
        last = high if spec.le is not None and _on_grid(spec, high) else _move(spec, high, up=False)
        edges += [("max", last), ("just below max", _move(spec, last, up=False))]
    allowed = [(label, v) for label, v in edges if _within(spec, v)]
    unique: dict[Any, tuple[str, Any]] = {}
    for label, value in allowed:
        unique.setdefault(value, (label, value))
    return list(unique.values())


def _within(spec: TypeSpec, value: Any) -> bool:
    checks = (
        spec.ge is None or value >= spec.ge,
        spec.gt is None or value > spec.gt,
        spec.le is None or value <= spec.le,
        spec.lt is None or value < spec.lt,
    )
    return all(checks)


def length_limits(spec: TypeSpec) -> list[int]:
    """The lengths at a string's or collection's limits: min (0 when unset) and max, when constrained."""
    if spec.min_length is None and spec.max_length is None:
        return []
    lengths = [spec.min_length or 0]
    if spec.max_length is not None and spec.max_length <= MAX_BUILT_LENGTH:
        lengths.append(spec.max_length)
    return sorted(set(lengths))
