"""Other families of valid values, tried when a model's validators keep refusing a field.

A plain ``datetime`` field gets naive datetimes by default; a validator that wants aware ones
(FHIR's ``DateTime``) refuses every draw. An ``Any`` field gets scalars; atproto's record fields
want a mapping. Tuples of numbers are often coordinates and boxes: GeoJSON's linear rings must
end where they start, a bounding box ``(min_x, min_y, max_x, max_y)`` must be ordered and lie
within (-180, -90, 180, 90). Their variant draws numbers in -90..90, orders each tuple's halves
and closes each list of such tuples. A path that need not exist has an absolute variant. A plain
``str`` has an identifier variant (lower case, ``_`` for anything else, a letter first): ids, names
and keys that validators want usable as Python identifiers or slugs.
Re-draws switch between a field's values and its variant.
"""

from __future__ import annotations

import dataclasses
import keyword
import pathlib
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pytest_forge.spec import TypeSpec

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["shape_absolute", "shape_geometric", "shape_identifier", "variant_shaper", "variant_spec"]

_NUMBERS = ("int", "float", "decimal")
#: numbers of coordinate-like tuples stay within what both longitude and latitude allow
_COORDINATE = 90


def variant_spec(spec: TypeSpec) -> TypeSpec | None:
    """The spec of another family of values ``spec`` allows, or None when it has none."""
    if spec.kind == "optional":
        inner = variant_spec(spec.args[0])
        return None if inner is None else dataclasses.replace(spec, args=(inner,))
    if spec.kind in ("datetime", "time") and spec.tz is None and not spec.predicates:
        return dataclasses.replace(spec, tz="aware")
    if spec.kind == "any" and not spec.predicates:  # validators of ``Any`` fields often want a mapping
        return TypeSpec("dict", python_type=dict, args=(TypeSpec("str"), TypeSpec("any")), max_length=3)
    if _absolute_path(spec) or _plain_str(spec):
        return spec
    if spec.kind in ("list", "deque") and spec.args and spec.args[0].kind == "any":  # items of ``list[Any]``
        item = variant_spec(spec.args[0])
        return None if item is None else dataclasses.replace(spec, args=(item,))
    return _geometric(spec)


def variant_shaper(spec: TypeSpec) -> Callable[[Any], Any] | None:
    """What the variant's values go through after they are drawn (None: nothing)."""
    if _absolute_path(spec.inner()):
        return shape_absolute
    if _plain_str(spec.inner()):
        return shape_identifier
    return shape_geometric if _geometric(spec) is not None else None


def _absolute_path(spec: TypeSpec) -> bool:
    """A path that need not exist: validators often want it absolute (``Path must be absolute``)."""
    return spec.kind == "path" and spec.path_type in (None, "new") and not spec.predicates


def _plain_str(spec: TypeSpec) -> bool:
    """A string with no pattern, choices or checks of ours, that may be lower case."""
    return spec.kind == "str" and spec.pattern is None and not spec.predicates and not spec.to_upper


def shape_identifier(value: Any) -> Any:
    """A string made an identifier of the same length: lower case, ``_`` for anything not an ASCII
    letter or digit, a letter first, never a keyword."""
    if not isinstance(value, str) or not value:
        return value
    text = "".join(c if c.isascii() and c.isalnum() else "_" for c in value.lower())
    if not text[0].isalpha() or keyword.iskeyword(text):
        text = "x" + text[1:]
    return text


def shape_absolute(value: Any) -> Any:
    """A relative path made absolute (from the root), keeping its type."""
    if isinstance(value, str):
        return value if value.startswith("/") else "/" + value
    if isinstance(value, pathlib.PurePath) and not value.is_absolute():
        return type(value)("/") / value
    return value


def _geometric(spec: TypeSpec, depth: int = 0) -> TypeSpec | None:
    """``spec`` with its tuples' numbers bounded to coordinates, or None when it holds no such tuple."""
    if depth > 6 or spec.predicates:
        return None
    if spec.kind == "tuple" and spec.args and not spec.variadic and all(map(_number_like, spec.args)):
        return dataclasses.replace(spec, args=tuple(_coordinate(a) for a in spec.args))
    if spec.kind in ("optional", "union", "list") and spec.args:
        arms = [_geometric(arg, depth + 1) for arg in spec.args]
        if all(arm is None for arm in arms):
            return None
        args = tuple(arm or arg for arm, arg in zip(arms, spec.args, strict=True))
        return dataclasses.replace(spec, args=args)
    return None


def _number_like(spec: TypeSpec) -> bool:
    """A number, or a union of numbers (``float | int``)."""
    if spec.kind == "union":
        return bool(spec.args) and all(arg.kind in _NUMBERS for arg in spec.args)
    return spec.kind in _NUMBERS


def _coordinate(spec: TypeSpec) -> TypeSpec:
    if spec.kind == "union":
        return dataclasses.replace(spec, args=tuple(_coordinate(arg) for arg in spec.args))
    if any(bound is not None for bound in (spec.gt, spec.ge, spec.lt, spec.le)):
        return spec
    low, high = (-_COORDINATE, _COORDINATE) if spec.kind != "decimal" else (Decimal(-90), Decimal(90))
    return dataclasses.replace(spec, ge=low, le=high)


def shape_geometric(value: Any) -> Any:
    """Each tuple of numbers with its halves ordered (a box), each list of them closed (a ring)."""
    if isinstance(value, tuple) and _numbers(value):
        if len(value) % 2:
            return value
        half = len(value) // 2
        items = list(value)
        for i in range(half):
            if items[i] > items[i + half]:
                items[i], items[i + half] = items[i + half], items[i]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        items = [shape_geometric(item) for item in value]
        if len(items) >= 2 and all(isinstance(item, tuple) and _numbers(item) for item in items):
            items[-1] = items[0]
        return items
    return value


def _numbers(items: tuple[Any, ...]) -> bool:
    numeric = (int, float, Decimal)
    return bool(items) and all(isinstance(x, numeric) and not isinstance(x, bool) for x in items)
