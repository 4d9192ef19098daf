"""Dates, datetimes, times and timedeltas drawn around a fixed reference date, never around today.

Past values end the day before the reference (so they stay past and reproducible); future
values start ten years after it, because pydantic compares them with the real clock.
"""

from __future__ import annotations

import datetime as dt
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

__all__ = ["date_values", "datetime_values", "time_values", "timedelta_values"]

_US = 1_000_000
_DAY_US = 86_400 * _US
_YEAR_DAYS = 365.2425
_EPOCH = dt.datetime(1970, 1, 1)
_UTC = dt.UTC
_ZONES = (_UTC, *(dt.timezone(dt.timedelta(minutes=m)) for m in (60, 120, -300, -480, 330, 540, -180)))
_MIN_US = (dt.datetime.min - _EPOCH) // dt.timedelta(microseconds=1)
_MAX_US = (dt.datetime.max - _EPOCH) // dt.timedelta(microseconds=1)


def _years(n: float, unit: int) -> int:
    return round(n * _YEAR_DAYS) * unit


def _when_window(spec: TypeSpec, ref: int, unit: int) -> tuple[tuple[int, int], int | None, int | None]:
    """The realistic window for ``when``, and the hard lower/upper limits it imposes (``unit`` = a day)."""
    if spec.when == "past":
        return (ref - _years(30, unit), ref - unit), None, ref - unit
    if spec.when == "future":
        return (ref + _years(10, unit), ref + _years(60, unit)), ref + _years(10, unit), None
    return (ref - _years(10, unit), ref), None, None


def _near_today(spec: TypeSpec, today: int, unit: int) -> tuple[tuple[int, int], int | None, int | None]:
    """The ``when`` window around the real clock, a day away from it (for bounds set near today)."""
    if spec.when == "past":
        return (today - _years(30, unit), today - unit), None, today - unit
    return (today + unit, today + _years(60, unit)), today + unit, None


def _clip(lo: int | None, hi: int | None, lo_when: int | None, hi_when: int | None) -> tuple[Any, Any]:
    if hi_when is not None:
        hi = hi_when if hi is None else min(hi, hi_when)
    if lo_when is not None:
        lo = lo_when if lo is None else max(lo, lo_when)
    return lo, hi


def _closed_range(
    spec: TypeSpec, lo: int | None, hi: int | None, ref: int, unit: int, limits: tuple[int, int], today: int
) -> tuple[int, int]:
    """Intersect the bounds with ``when`` and pick a realistic range inside ``limits``.

    Past/future values keep away from the reference date; only bounds that leave no such value
    (``FutureDate`` below today + 3 days) move the window next to the real clock instead.
    """
    if lo is not None and hi is not None and lo > hi:
        raise empty_range_error(spec, "value")
    window, lo_when, hi_when = _when_window(spec, ref, unit)
    clo, chi = _clip(lo, hi, lo_when, hi_when)
    if spec.when is not None and clo is not None and chi is not None and clo > chi:
        window, lo_when, hi_when = _near_today(spec, today, unit)
        clo, chi = _clip(lo, hi, lo_when, hi_when)
    lo, hi = clo, chi
    if lo is not None and hi is not None and lo > hi:
        raise _when_error(spec)
    a, b = pick_range(lo, hi, (window,), _years(10, unit))
    a, b = max(a, limits[0]), min(b, limits[1])
    if a > b:
        raise ConstraintError("the bounds and the reference date leave no representable value")
    return a, b


def _when_error(spec: TypeSpec) -> ConstraintError:
    if spec.when == "past":
        bound = describe(lower_constraint(spec))
        return ConstraintError(
            f"{bound} leaves no past value before the reference date or today (past values end a day before)"
        )
    bound = describe(upper_constraint(spec))
    return ConstraintError(
        f"{bound} leaves no future value at least 10 years after the reference date, nor after tomorrow"
        " (future values start there so they stay in the future)"
    )


def _inclusive(spec: TypeSpec, convert: Callable[[Any], int], step: int) -> tuple[int | None, int | None]:
    """The bounds as inclusive integers, ``step`` being the smallest distinguishable difference."""
    lows = [convert(spec.ge)] if spec.ge is not None else []
    if spec.gt is not None:
        lows.append(convert(spec.gt) + step)
    highs = [convert(spec.le)] if spec.le is not None else []
    if spec.lt is not None:
        highs.append(convert(spec.lt) - step)
    return (max(lows) if lows else None), (min(highs) if highs else None)


def date_values(spec: TypeSpec, reference: dt.date) -> Gen:
    """Dates around ``reference`` (ten years up to it by default) within the bounds and ``when``."""
    lo, hi = _inclusive(spec, _date_ordinal, 1)
    limits = (1, dt.date.max.toordinal())
    a, b = _closed_range(spec, lo, hi, _date_ordinal(reference), 1, limits, dt.date.today().toordinal())
    return lambda rng: dt.date.fromordinal(rng.randint(a, b))


def _date_ordinal(value: Any) -> int:
    return int((value.date() if isinstance(value, dt.datetime) else value).toordinal())


def datetime_values(spec: TypeSpec, reference: dt.date) -> Gen:
    """Datetimes around ``reference``; aware (UTC or a fixed offset) only when ``tz == "aware"``."""
    aware = spec.tz == "aware"
    bounds = [b for b in (spec.gt, spec.ge, spec.lt, spec.le) if b is not None]
    has_aware = any(isinstance(b, dt.datetime) and b.utcoffset() is not None for b in bounds)
    # pydantic compares instants only when both sides are aware, wall clocks otherwise
    convert = _wall_us if not (aware and has_aware) else _utc_us
    lo, hi = _inclusive(spec, convert, 1)
    ref = _wall_us(
        reference if isinstance(reference, dt.datetime) else dt.datetime.combine(reference, dt.time())
    )
    now = _wall_us(dt.datetime.now())
    a, b = _closed_range(spec, lo, hi, ref, _DAY_US, (_MIN_US, _MAX_US), now)
    draw_us = _granular(a, b, _US)
    if not aware:
        return lambda rng: _EPOCH + dt.timedelta(microseconds=draw_us(rng))
    if has_aware and all(isinstance(b, dt.datetime) and b.utcoffset() is not None for b in bounds):
        return lambda rng: (
            (_EPOCH + dt.timedelta(microseconds=draw_us(rng)))
            .replace(tzinfo=_UTC)
            .astimezone(rng.choice(_ZONES))
        )
    zones = (_UTC,) if has_aware else _ZONES  # mixed bounds: only UTC reads the same both ways
    return lambda rng: (_EPOCH + dt.timedelta(microseconds=draw_us(rng))).replace(tzinfo=rng.choice(zones))


def _as_datetime(value: Any) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())


def _wall_us(value: Any) -> int:
    return (_as_datetime(value).replace(tzinfo=None) - _EPOCH) // dt.timedelta(microseconds=1)


def _utc_us(value: Any) -> int:
    moment = _as_datetime(value)
    if moment.utcoffset() is not None:
        moment = moment.astimezone(_UTC).replace(tzinfo=None)
    return (moment - _EPOCH) // dt.timedelta(microseconds=1)


def _granular(a: int, b: int, unit: int) -> Callable[[random.Random], int]:
    """Whole ``unit`` steps when the range holds one, else any integer in ``a..b``."""
    first, last = -(-a // unit), b // unit
    if first <= last:
        return lambda rng: rng.randint(first, last) * unit
    return lambda rng: rng.randint(a, b)


def time_values(spec: TypeSpec) -> Gen:
    """Times of day (whole seconds when possible); aware times carry UTC when bounds are set."""
    aware = spec.tz == "aware"
    lo, hi = _inclusive(spec, _time_us if aware else _naive_time_us, 1)
    if lo is not None and hi is not None and lo > hi:
        raise empty_range_error(spec, "time")
    a, b = max(lo or 0, 0), min(_DAY_US - 1 if hi is None else hi, _DAY_US - 1)
    if a > b:
        raise empty_range_error(spec, "time of day")
    draw_us = _granular(a, b, _US)
    if not aware:
        return lambda rng: _clock(draw_us(rng))
    has_bounds = any(b is not None for b in (spec.gt, spec.ge, spec.lt, spec.le))
    zones = (_UTC,) if has_bounds else _ZONES
    return lambda rng: _clock(draw_us(rng)).replace(tzinfo=rng.choice(zones))


def _naive_time_us(value: dt.time) -> int:
    return ((value.hour * 60 + value.minute) * 60 + value.second) * _US + value.microsecond


def _time_us(value: dt.time) -> int:
    offset = value.utcoffset()
    shift = 0 if offset is None else offset // dt.timedelta(microseconds=1)
    return _naive_time_us(value) - shift


def _clock(us: int) -> dt.time:
    seconds, micro = divmod(us, _US)
    minutes, second = divmod(seconds, 60)
    return dt.time(minutes // 60, minutes % 60, second, micro)


def timedelta_values(spec: TypeSpec) -> Gen:
    """Durations in whole seconds (zero to thirty days unless the bounds say otherwise)."""
    lo, hi = _inclusive(spec, _delta_us, 1)
    if lo is not None and hi is not None and lo > hi:
        raise empty_range_error(spec, "duration")
    limits = (
        dt.timedelta.min // dt.timedelta(microseconds=1),
        dt.timedelta.max // dt.timedelta(microseconds=1),
    )
    a, b = pick_range(lo, hi, ((0, 30 * _DAY_US),), 30 * _DAY_US)
    draw_us = _granular(max(a, limits[0]), min(b, limits[1]), _US)
    return lambda rng: dt.timedelta(microseconds=draw_us(rng))


def _delta_us(value: dt.timedelta) -> int:
    return value // dt.timedelta(microseconds=1)
