"""Whether a value a group chose still satisfies a field's own constraints (else the field draws)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pytest_forge.spec import TypeSpec

__all__ = ["as_number", "within_bounds"]


def within_bounds(spec: TypeSpec, value: Any) -> bool:
    """True when ``value`` respects ``gt``/``ge``/``lt``/``le`` (any ordered kind)."""
    try:
        return not (
            (spec.gt is not None and not value > spec.gt)
            or (spec.ge is not None and not value >= spec.ge)
            or (spec.lt is not None and not value < spec.lt)
            or (spec.le is not None and not value <= spec.le)
        )
    except TypeError:
        return False


def as_number(spec: TypeSpec, amount: float) -> Any:
    """``amount`` as the field's kind (int, float, Decimal at its places), or None when it cannot fit."""
    spec = spec.inner()
    if spec.kind == "int":
        value: Any = round(amount)
    elif spec.kind == "float":
        value = round(amount, 2)
    elif spec.kind == "decimal":
        places = 2 if spec.decimal_places is None else spec.decimal_places
        value = Decimal(f"{amount:.{places}f}")
        digits = len(value.as_tuple().digits)
        if spec.max_digits is not None and digits > spec.max_digits:
            return None
    else:
        return None
    if spec.multiple_of is not None and value % spec.multiple_of:
        return None
    return value if within_bounds(spec, value) else None
