"""What data coverage a field can show, and what its values did show: coverage keys.

A key is a short readable string (``"value 'paid'"``, ``"None"``, ``"arm 1 (str)"``, ``"min"``,
``"length 0"``); ``expected_keys`` lists a field's, ``observed_keys`` those one value reaches.
The kinds of key (enum, union_arm, none, boundary, length) name the gaps ForgeDream reports.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from pytest_forge.coverage.edges import length_limits, numeric_edges

if TYPE_CHECKING:
    from pytest_forge.spec import TypeSpec

__all__ = ["expected_keys", "key_kind", "observed_keys"]

_COLLECTIONS = ("list", "set", "frozenset", "tuple")
_CHOICES = ("enum", "literal", "bool")


def _choices(spec: TypeSpec) -> tuple[Any, ...]:
    return (True, False) if spec.kind == "bool" else spec.choices


def _value_key(value: Any) -> str:
    return f"value {value.value if isinstance(value, enum.Enum) else value!r}"


def expected_keys(spec: TypeSpec) -> list[str]:
    """Every key a field of type ``spec`` can show."""
    if spec.kind == "optional":
        return ["None", "present", *expected_keys(spec.args[0])]
    if spec.kind in _CHOICES:
        return [_value_key(v) for v in _choices(spec)]
    if spec.kind == "union":
        return [f"arm {i} ({arm.label or arm.kind})" for i, arm in enumerate(spec.args)]
    keys = [label for label, _ in numeric_edges(spec)]
    if spec.kind == "str" or spec.kind in _COLLECTIONS:
        keys += [f"length {n}" for n in length_limits(spec)]
    if spec.kind in _COLLECTIONS and spec.args and spec.args[0].kind in _CHOICES:
        keys += [f"item {_value_key(v)}" for v in _choices(spec.args[0])]
    return keys


def observed_keys(spec: TypeSpec, value: Any) -> set[str]:
    """The keys ``value`` (a field's value) reaches."""
    if spec.kind == "optional":
        return {"None"} if value is None else {"present", *observed_keys(spec.args[0], value)}
    if spec.kind in _CHOICES:
        return {_value_key(value)}
    if spec.kind == "union":
        return {
            f"arm {i} ({arm.label or arm.kind})" for i, arm in enumerate(spec.args) if _is_arm(arm, value)
        }
    keys = {label for label, edge in numeric_edges(spec) if value == edge}
    if (spec.kind == "str" or spec.kind in _COLLECTIONS) and hasattr(value, "__len__"):
        keys |= {f"length {n}" for n in length_limits(spec) if len(value) == n}
    if spec.kind in _COLLECTIONS and spec.args and spec.args[0].kind in _CHOICES:
        keys |= {f"item {_value_key(item)}" for item in value}
    return keys


def _is_arm(arm: TypeSpec, value: Any) -> bool:
    if arm.kind in ("enum", "literal"):
        return value in arm.choices
    if arm.kind == "none":
        return value is None
    cls = arm.model if arm.kind == "model" else arm.python_type
    if isinstance(cls, type):
        return isinstance(value, cls) and not (cls is int and isinstance(value, bool))
    return False


def key_kind(spec: TypeSpec, key: str) -> str:
    """The kind of gap a missing key is: enum, union_arm, none, boundary, length."""
    if key in ("None", "present"):
        return "none"
    if key.startswith("arm "):
        return "union_arm"
    if key.startswith(("value ", "item ")):
        return "enum"
    if key.startswith("length "):
        return "length"
    return "boundary"
