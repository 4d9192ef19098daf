"""Interval helpers shared by the value generators: binding bounds, clear conflicts, realistic ranges.

Every ordered kind (ints, Decimals in units, dates as ordinals, datetimes as microseconds)
is reduced to a closed range before drawing, so the conflict messages read the same everywhere.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from pytest_forge.errors import ConstraintError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from pytest_forge.spec import TypeSpec

__all__ = ["describe", "empty_range_error", "lower_constraint", "pick_range", "upper_constraint"]

N = TypeVar("N", int, float, Decimal)


def lower_constraint(spec: TypeSpec) -> tuple[str, Any] | None:
    """The tighter of ``gt``/``ge`` as ``(name, value)``, for messages; None when neither is set."""
    if spec.gt is not None and (spec.ge is None or _not_below(spec.gt, spec.ge)):
        return "gt", spec.gt
    return None if spec.ge is None else ("ge", spec.ge)


def upper_constraint(spec: TypeSpec) -> tuple[str, Any] | None:
    """The tighter of ``lt``/``le`` as ``(name, value)``, for messages; None when neither is set."""
    if spec.lt is not None and (spec.le is None or _not_below(spec.le, spec.lt)):
        return "lt", spec.lt
    return None if spec.le is None else ("le", spec.le)


def _not_below(a: Any, b: Any) -> bool:
    try:
        return bool(a >= b)
    except TypeError:  # aware and naive datetimes do not compare
        return True


def describe(constraint: tuple[str, Any] | None) -> str:
    """Render ``("ge", 10)`` as ``ge=10``."""
    return "" if constraint is None else f"{constraint[0]}={constraint[1]}"


def empty_range_error(spec: TypeSpec, what: str) -> ConstraintError:
    """The error for bounds that leave nothing to draw, naming the two constraints at fault."""
    lower, upper = lower_constraint(spec), upper_constraint(spec)
    if lower is None or upper is None:
        return ConstraintError(f"the bounds leave no {what} to draw")
    if not _not_below(upper[1], lower[1]):
        return ConstraintError(f"{describe(lower)} is greater than {describe(upper)}")
    return ConstraintError(f"{describe(lower)} and {describe(upper)} leave no {what} in between")


def pick_range(
    lo: N | None,
    hi: N | None,
    windows: Iterable[tuple[N, N] | None],
    span: N,
    fits: Callable[[N, N], bool] | None = None,
) -> tuple[N, N]:
    """A closed range to draw from: the first realistic window that meets the bounds, else the bounds.

    A bound open on one side is extended by ``span`` from the other; ``fits`` can veto a
    candidate range (for instance when it holds no multiple of ``multiple_of``).
    """
    for window in windows:
        if window is None:
            continue
        a = window[0] if lo is None else max(window[0], lo)
        b = window[1] if hi is None else min(window[1], hi)
        if a <= b and (fits is None or fits(a, b)):
            return a, b
    if lo is not None and hi is not None:
        return lo, hi
    if lo is not None:
        return lo, lo + span
    if hi is not None:
        return hi - span, hi
    return span - span, span
