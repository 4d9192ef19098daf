"""Set items: which item types stay hashable after validation, and distinct draws of any value.

A set's items are drawn as validation *input* (a nested model is a dict), which may be unhashable
although the validated item is hashable (a frozen model); or the input hashes while the validated
item never does (``NameEmail``, a model that is not frozen), so the set can only be empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pytest_forge.spec import TypeSpec

__all__ = ["fingerprint", "hashable_after_validation"]

_UNHASHABLE_KINDS = frozenset({"list", "set", "dict", "deque", "any"})
_WRAPPERS = frozenset({"optional", "union", "tuple", "frozenset"})
#: how deep nested models are followed; past it the item is assumed hashable (validation decides)
_DEPTH = 4


def hashable_after_validation(spec: TypeSpec, depth: int = 0) -> bool:
    """False when every validated value of ``spec`` is certain to be unhashable."""
    if depth > _DEPTH:
        return True
    if spec.kind in _UNHASHABLE_KINDS:
        return spec.kind == "any"
    if spec.kind == "union":
        return any(hashable_after_validation(arm, depth + 1) for arm in spec.args)
    if spec.kind in _WRAPPERS:
        return all(hashable_after_validation(arg, depth + 1) for arg in spec.args)
    if spec.kind == "model":
        return _model_hashable(spec.model, depth)
    python_type = spec.python_type
    return not (isinstance(python_type, type) and python_type.__hash__ is None)


def _model_hashable(model: Any, depth: int) -> bool:
    from pytest_forge.adapters import model_spec

    if not isinstance(model, type) or model.__hash__ is None:
        return not isinstance(model, type)
    try:
        fields = model_spec(model).fields
    except Exception:  # the model's own compilation reports its problems
        return True
    return all(hashable_after_validation(f.type, depth + 1) for f in fields if not f.computed)


def fingerprint(value: Any) -> Any:
    """``value`` itself when hashable, else a hashable stand-in equal for equal values."""
    try:
        hash(value)
    except TypeError:
        return ("unhashable", type(value).__name__, repr(value))
    return value
