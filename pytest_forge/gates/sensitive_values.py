"""Values for sensitive fields that pass the field's own checks and can never be a real person's.

``sensitive_values(category, spec, ...)`` returns ``(gen, source)`` for the field's (unwrapped)
type, or None when no fake-by-construction shape fits its constraints: then the engine's
generic generator stays, still tiered "sensitive". With a ``pattern``, identity numbers keep
their fake shapes when the pattern accepts them and raise a ``ConstraintError`` when it
does not (``patterned``); other categories defer to the generic (pattern-driven) generator.
Text shapes live in ``sensitive_text``; numbers and dates here:

* money (salary, income ...): 20,000-250,000 intersected with the field's bounds;
* credit_score: 300-850; pin: 1000-9999; card_security: 100-999 (for numeric fields);
* birth_date: ages 18-90 at the Forge's reference date, intersected with the date bounds;
* email, url, ip_address: the reserved domains and documentation ranges of ``values.network``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError
from pytest_forge.gates.patterned import patterned_values
from pytest_forge.gates.sensitive_text import TEXT_MAKERS
from pytest_forge.values.bounds import lower_constraint, upper_constraint

if TYPE_CHECKING:
    import random

    from pytest_forge.spec import TypeSpec
    from pytest_forge.values import Gen

__all__ = ["NUMBER_WINDOWS", "birth_date_window", "sensitive_values"]

NUMBER_WINDOWS: dict[str, tuple[int, int]] = {
    "money": (20_000, 250_000),
    "credit_score": (300, 850),
    "pin": (1000, 9999),
    "card_security": (100, 999),
}
_TEXT_KINDS = ("str", "secret_str", "secret_bytes", "payment_card")
_NUMBER_KINDS = ("int", "float", "decimal")
_ADULT_AGES = (18, 90)


def sensitive_values(
    category: str | None, spec: TypeSpec, locale: str, reference_date: dt.date
) -> tuple[Gen, str] | None:
    """The fake-by-construction generator and its provenance source, or None to keep the generic one."""
    if spec.kind == "payment_card":
        category = "card_number"
    if category is None:
        return None
    text_spec = _text_spec(spec) if spec.kind in _TEXT_KINDS else spec
    if text_spec.pattern is not None:
        patterned = patterned_values(category, text_spec, locale)
        return None if patterned is None else (_wrapped(spec.kind, patterned), f"gate.{category}")
    try:
        if spec.kind in _TEXT_KINDS:
            return _text_values(category, spec, locale, reference_date)
        if spec.kind in _NUMBER_KINDS and category in NUMBER_WINDOWS:
            return _number_values(spec, NUMBER_WINDOWS[category]), f"gate.{category}.range"
        if spec.kind == "date" and category == "birth_date":
            return _birth_dates(spec, reference_date), "gate.birth_date.adult"
    except ConstraintError:
        return None
    return None


def _text_values(
    category: str, spec: TypeSpec, locale: str, reference_date: dt.date
) -> tuple[Gen, str] | None:
    text_spec = _text_spec(spec)
    if text_spec.pattern is not None:
        return None
    lo, hi = text_spec.min_length or 0, text_spec.max_length
    draw = _text_gen(category, text_spec, lo, hi, locale, reference_date)
    if draw is None:
        return None
    return _wrapped(spec.kind, draw), f"gate.{category}"


def _text_gen(
    category: str, spec: TypeSpec, lo: int, hi: int | None, locale: str, reference_date: dt.date
) -> Gen | None:
    maker = TEXT_MAKERS.get(category)
    if maker is not None:
        return maker(lo, hi, locale)
    if category in ("email", "url"):
        from pytest_forge.values import network

        return network.email_values(spec) if category == "email" else network.url_values(spec)
    if category == "ip_address":
        return _ip_text(spec, lo, hi)
    if category == "birth_date" and lo <= 10 and (hi is None or hi >= 10):
        dates = _birth_dates(dataclasses.replace(spec, kind="date"), reference_date)
        return lambda rng: dates(rng).isoformat()
    if category in NUMBER_WINDOWS:
        low, high = NUMBER_WINDOWS[category]
        if lo <= len(str(low)) and (hi is None or len(str(high)) <= hi):
            return lambda rng: str(rng.randint(low, high))
    return None


def _ip_text(spec: TypeSpec, lo: int, hi: int | None) -> Gen | None:
    """Documentation-range addresses as text (IPv4 when IPv6 may not fit, IPv6 when IPv4 is too short)."""
    from pytest_forge.values import network

    longest_v4, longest_v6 = len("198.51.100.254"), len("2001:db8:ffff:ffff::ffff")
    if lo > longest_v6 or (hi is not None and hi < longest_v4):
        return None
    version = 4 if hi is not None and hi < longest_v6 else 6 if lo > longest_v4 else None
    draw = network.ip_address_values(dataclasses.replace(spec, kind="ip_address", ip_version=version))

    def gen(rng: random.Random) -> str:
        for _ in range(100):
            text = str(draw(rng))
            if len(text) >= lo:
                return text
        raise ConstraintError(f"no documentation-range address has at least {lo} characters")

    return gen


def _text_spec(spec: TypeSpec) -> TypeSpec:
    """The str spec whose lengths bind: SecretStr/SecretBytes keep theirs on the wrapper."""
    if spec.kind in ("secret_str", "secret_bytes") and spec.args:
        inner = spec.args[0]
        return dataclasses.replace(
            inner,
            min_length=spec.min_length if spec.min_length is not None else inner.min_length,
            max_length=spec.max_length if spec.max_length is not None else inner.max_length,
        )
    return spec


def _wrapped(kind: str, draw: Gen) -> Gen:
    if kind == "secret_str":
        from pydantic import SecretStr

        return lambda rng: SecretStr(draw(rng))
    if kind == "secret_bytes":
        from pydantic import SecretBytes

        return lambda rng: SecretBytes(str(draw(rng)).encode())
    return draw


def narrowed(spec: TypeSpec, low: Any, high: Any) -> TypeSpec | None:
    """``spec`` with its bounds tightened to [low, high], or None when the two do not meet."""
    lower, upper = lower_constraint(spec), upper_constraint(spec)
    new = dataclasses.replace(spec)
    try:
        if lower is None or lower[1] < low:
            new.ge, new.gt = low, None
        if upper is None or upper[1] > high:
            new.le, new.lt = high, None
        bottom = new.ge if new.ge is not None else new.gt
        top = new.le if new.le is not None else new.lt
        strict = new.gt is not None or new.lt is not None
        if bottom > top or (strict and bottom == top):
            return None
    except TypeError:  # a datetime bound on a date window: leave the bounds alone
        return None
    return new


def _number_values(spec: TypeSpec, window: tuple[int, int]) -> Gen:
    from pytest_forge.values import numbers

    draw = {"int": numbers.int_values, "float": numbers.float_values, "decimal": numbers.decimal_values}
    factory: Any = draw[spec.kind]
    tight = narrowed(spec, *window)
    if tight is not None:
        try:
            result: Gen = factory(tight)
            return result
        except ConstraintError:
            pass
    fallback: Gen = factory(spec, window)
    return fallback


def birth_date_window(reference: dt.date) -> tuple[dt.date, dt.date]:
    """Birth dates of people aged 18 to 90 on ``reference`` (inclusive)."""
    youngest, oldest = _ADULT_AGES
    return _years_before(reference, oldest + 1) + dt.timedelta(days=1), _years_before(reference, youngest)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def _birth_dates(spec: TypeSpec, reference: dt.date) -> Gen:
    from pytest_forge.values import temporal

    tight = narrowed(spec, *birth_date_window(reference))
    return temporal.date_values(tight if tight is not None else spec, reference)
