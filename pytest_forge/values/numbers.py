"""Numbers that meet gt/ge/lt/le/multiple_of (and max_digits/decimal_places for Decimal), never NaN or inf.

Bounds are resolved once into a closed range; the returned closures only draw from it.
"""

from __future__ import annotations

import math
import sys
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError
from pytest_forge.values.bounds import (
    describe,
    empty_range_error,
    lower_constraint,
    pick_range,
    upper_constraint,
)

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from pytest_forge.spec import TypeSpec
    from pytest_forge.values import Gen

__all__ = ["bool_values", "decimal_values", "float_values", "int_values", "is_float_multiple"]

_INT_WINDOW = (0, 10_000)
_FLOAT_WINDOW = (-1000.0, 1000.0)
_DECIMAL_WINDOW = (0, 1000)
_MAX_FLOAT = sys.float_info.max


def bool_values(spec: TypeSpec) -> Gen:
    """Fair coin flips."""
    del spec
    return lambda rng: rng.random() < 0.5


def int_values(spec: TypeSpec, hint: tuple[int, int] | None = None) -> Gen:
    """Integers within the bounds; ``hint`` is the realistic range used while a side is left open."""
    lo = _ceil_or_none(spec.ge, spec.gt)
    hi = _floor_or_none(spec.le, spec.lt)
    if lo is not None and hi is not None and lo > hi:
        raise empty_range_error(spec, "integer")
    windows = (hint, _INT_WINDOW) if lo is None or hi is None else ()
    step = _int_step(spec.multiple_of)
    if lo is not None and hi is not None and _count_multiples(lo, hi, step) < 1:
        raise _no_multiple_error(spec)
    a, b = pick_range(lo, hi, windows, max(_INT_WINDOW[1], 2 * step), _has_choice(step))
    if step == 1:
        return lambda rng: rng.randint(a, b)
    first, last = -(-a // step), b // step
    return lambda rng: rng.randint(first, last) * step


def _count_multiples(a: int, b: int, step: int) -> int:
    return b // step + a // -step + 1  # floor(b / step) - ceil(a / step) + 1, exactly


def _has_choice(step: int) -> Callable[[int, int], bool]:
    """A window is only worth using when it holds at least two multiples (else it would pin one value)."""
    return lambda a, b: _count_multiples(a, b, step) >= 2


def _ceil_or_none(ge: Any, gt: Any) -> int | None:
    candidates = [math.ceil(ge)] if ge is not None else []
    if gt is not None:
        candidates.append(math.floor(gt) + 1)
    return max(candidates) if candidates else None


def _floor_or_none(le: Any, lt: Any) -> int | None:
    candidates = [math.floor(le)] if le is not None else []
    if lt is not None:
        candidates.append(math.ceil(lt) - 1)
    return min(candidates) if candidates else None


def _int_step(multiple_of: Any) -> int:
    if multiple_of is None:
        return 1
    _check_positive(multiple_of)
    if multiple_of != int(multiple_of):
        raise ConstraintError(f"multiple_of={multiple_of} is not a whole number, so no integer is a multiple")
    return int(multiple_of)


def _check_positive(multiple_of: Any) -> None:
    if not multiple_of > 0:  # pydantic refuses the schema too
        raise ConstraintError(f"multiple_of={multiple_of} is not allowed: it must be greater than 0")


def _no_multiple_error(spec: TypeSpec) -> ConstraintError:
    lower, upper = describe(lower_constraint(spec)), describe(upper_constraint(spec))
    if lower and upper and spec.max_digits is None:
        return ConstraintError(f"multiple_of={spec.multiple_of} has no multiple between {lower} and {upper}")
    limits = [lower, upper, "" if spec.max_digits is None else f"max_digits={spec.max_digits}"]
    within = ", ".join(part for part in limits if part)
    return ConstraintError(f"multiple_of={spec.multiple_of} has no multiple within {within}")


def float_values(spec: TypeSpec, hint: tuple[float, float] | None = None) -> Gen:
    """Finite floats within the bounds, rounded to a readable precision when the range allows."""
    lo, hi = _float_bounds(spec)
    if lo is not None and hi is not None and lo > hi:
        raise empty_range_error(spec, "float")
    windows = (hint, _FLOAT_WINDOW) if lo is None or hi is None else ()
    if spec.multiple_of is not None:
        return _float_multiples(spec, lo, hi, windows)
    a, b = pick_range(lo, hi, windows, 2000.0)
    return _uniform_floats(a, b)


def _float_bounds(spec: TypeSpec) -> tuple[float | None, float | None]:
    lows = [float(spec.ge)] if spec.ge is not None else []
    if spec.gt is not None:
        lows.append(math.nextafter(float(spec.gt), math.inf))
    highs = [float(spec.le)] if spec.le is not None else []
    if spec.lt is not None:
        highs.append(math.nextafter(float(spec.lt), -math.inf))
    lo = max(max(lows), -_MAX_FLOAT) if lows else None
    hi = min(min(highs), _MAX_FLOAT) if highs else None
    if (lo is not None and lo > _MAX_FLOAT) or (hi is not None and hi < -_MAX_FLOAT):
        bound = lower_constraint(spec) if lo is not None and lo > _MAX_FLOAT else upper_constraint(spec)
        raise ConstraintError(f"{describe(bound)} leaves no finite float to draw")
    return lo, hi


def _uniform_floats(a: float, b: float) -> Gen:
    if a == b:
        return lambda rng: a
    width = b - a
    digits = 2 if math.isinf(width) or width >= 1 else 2 - math.floor(math.log10(width))

    def draw(rng: random.Random) -> float:
        r = rng.random()
        raw = a * (1.0 - r) + b * r  # never overflows, unlike a + (b - a) * r
        pretty = round(raw, digits) + 0.0  # + 0.0 turns -0.0 into 0.0
        if a <= pretty <= b:
            return pretty
        return a if raw < a else b if raw > b else raw

    return draw


def _float_multiples(spec: TypeSpec, lo: float | None, hi: float | None, windows: tuple[Any, ...]) -> Gen:
    _check_positive(spec.multiple_of)
    step = float(spec.multiple_of)
    if not math.isfinite(step):
        raise ConstraintError(f"multiple_of={spec.multiple_of} is not allowed: it must be finite")

    def multiples(a: float, b: float) -> int:
        return math.floor(b / step) - math.ceil(a / step) + 1

    if lo is not None and hi is not None and multiples(lo, hi) < 1:
        raise _no_multiple_error(spec)
    a, b = pick_range(lo, hi, windows, max(2000.0, 2 * step), lambda a, b: multiples(a, b) >= 2)
    first, last = _multiple_indexes(a, b, step)
    if first > last:  # only k * step misses a bound that pydantic's tolerance still accepts
        exact = a if is_float_multiple(a, step) else b
        if not is_float_multiple(exact, step):
            raise _no_multiple_error(spec)
        return lambda rng: exact
    exponent = Decimal(repr(step)).as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0

    def draw(rng: random.Random) -> float:
        raw = rng.randint(first, last) * step + 0.0
        pretty = round(raw, places) + 0.0
        if a <= pretty <= b and is_float_multiple(pretty, step):
            return pretty
        return raw

    return draw


def _multiple_indexes(a: float, b: float, step: float) -> tuple[int, int]:
    first, last = math.ceil(a / step), math.floor(b / step)
    for _ in range(3):  # float division can land one step outside the range
        if first * step < a:
            first += 1
        if last * step > b:
            last -= 1
    return first, last


def is_float_multiple(value: float, step: float) -> bool:
    """pydantic-core's tolerant test that ``value`` is a multiple of ``step``."""
    rem = abs(math.fmod(value, step))
    threshold = abs(value) / 1e9
    return rem <= threshold or abs(rem - abs(step)) <= threshold


def decimal_values(spec: TypeSpec, hint: tuple[Any, Any] | None = None) -> Gen:
    """Decimals quantized to the allowed places, within the bounds and max_digits, on multiple_of."""
    places = _decimal_places(spec)
    scale = 10**places
    lo = _scaled(spec.ge, spec.gt, scale, lower=True)
    hi = _scaled(spec.le, spec.lt, scale, lower=False)
    if lo is not None and hi is not None and lo > hi:
        raise empty_range_error(spec, "decimal")
    step = _decimal_step(spec.multiple_of, places)
    windows = (_scaled_window(hint, scale), (_DECIMAL_WINDOW[0], _DECIMAL_WINDOW[1] * scale))
    low, high = _digit_limited(spec, lo, hi, places)

    if low is not None and high is not None and _count_multiples(low, high, step) < 1:
        raise _no_multiple_error(spec)
    open_windows = windows if lo is None or hi is None else ()
    a, b = pick_range(lo, hi, open_windows, max(1000 * scale, 2 * step), _has_choice(step))
    a, b = a if low is None else max(a, low), b if high is None else min(b, high)
    if _count_multiples(a, b, step) < 1 and low is not None and high is not None:
        a, b = low, high  # the realistic range fell outside max_digits
    first, last = -(-a // step), b // step
    suffix = f"e-{places}"
    return lambda rng: Decimal(f"{rng.randint(first, last) * step}{suffix}")


def _decimal_places(spec: TypeSpec) -> int:
    digits, places = spec.max_digits, spec.decimal_places
    if digits is not None and digits < 1:
        raise ConstraintError(f"max_digits={digits} leaves no room for a single digit")
    if places is not None and places < 0:
        raise ConstraintError(f"decimal_places={places} must not be negative")
    if places is None:
        return 2 if digits is None else min(2, max(0, digits - 2))
    # pydantic counts 0.05 as two digits, so more places than max_digits can never be used
    return places if digits is None else min(places, digits)


def _scaled(inclusive: Any, exclusive: Any, scale: int, *, lower: bool) -> int | None:
    found: list[int] = []
    if inclusive is not None:
        units = Fraction(inclusive) * scale
        found.append(math.ceil(units) if lower else math.floor(units))
    if exclusive is not None:
        units = Fraction(exclusive) * scale
        found.append(math.floor(units) + 1 if lower else math.ceil(units) - 1)
    if not found:
        return None
    return max(found) if lower else min(found)


def _scaled_window(hint: tuple[Any, Any] | None, scale: int) -> tuple[int, int] | None:
    if hint is None:
        return None
    return math.ceil(Fraction(hint[0]) * scale), math.floor(Fraction(hint[1]) * scale)


def _decimal_step(multiple_of: Any, places: int) -> int:
    if multiple_of is None:
        return 1
    _check_positive(multiple_of)
    # values are u * 10**-places; u * 10**-places / m is whole exactly when the reduced
    # denominator of 10**-places / m divides u
    return (Fraction(1, 10**places) / Fraction(multiple_of)).denominator


def _digit_limited(
    spec: TypeSpec, lo: int | None, hi: int | None, places: int
) -> tuple[int | None, int | None]:
    if spec.max_digits is None:
        return lo, hi
    limit = 10**spec.max_digits - 1
    new_lo, new_hi = (
        max(-limit, lo) if lo is not None else -limit,
        min(limit, hi) if hi is not None else limit,
    )
    if new_lo > new_hi:
        bound = (
            describe(lower_constraint(spec))
            if lo is not None and lo > limit
            else describe(upper_constraint(spec))
        )
        raise ConstraintError(
            f"{bound} cannot be met with max_digits={spec.max_digits} and {places} decimal places"
        )
    return new_lo, new_hi
