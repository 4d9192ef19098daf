"""One object per distinct type description, shared by every model field that has it.

Third-party packages repeat the same field types in hundreds of models (FHIR's ``id``, ``extension``,
``meta``): a cached description of each model held its own copies, thousands of objects that every
full garbage collection walks while they live. The :class:`TypeSpec` trees of a finished description
are replaced by the first equal ones still alive, compared exactly: ``1`` and ``True``, ``0.0`` and
``-0.0`` are different values, and any other object (a class, an enum member, a validator) is the same
only when it is the same object. Specs are never changed once described, so sharing them changes no
value. (FieldSpecs are not shared: they differ by their descriptions too often to pay for an entry.)
"""

from __future__ import annotations

import dataclasses
import operator
import weakref
from typing import TYPE_CHECKING, Any

from pytest_forge.spec import TypeSpec

if TYPE_CHECKING:
    from collections.abc import Hashable

    from pytest_forge.spec import ModelSpec

__all__ = ["share_descriptions"]

_ATTRS = tuple(f.name for f in dataclasses.fields(TypeSpec))
_VALUES = operator.attrgetter(*_ATTRS)
#: value types compared by value (a tag each: a key holding only tags, strings and numbers is a tuple the
#: collector stops tracking)
_EXACT = {str: 0, int: 1, bool: 2, bytes: 3, type(None): 4}
_BY_IDENTITY, _FLOAT, _TUPLE, _RECORD = 5, 6, 7, 8

#: exact key -> the spec alive with it; an entry goes with the last model description holding its spec
_TYPES: weakref.WeakValueDictionary[Hashable, TypeSpec] = weakref.WeakValueDictionary()


def share_descriptions(spec: ModelSpec) -> None:
    """Replace the type trees of a just-described ``spec``'s fields by shared equal ones."""
    for field in spec.fields:
        try:
            shared = _shared_type(field.type, set())
        except _Cyclic:  # a type tree that refers to itself through its arguments stays as it is
            continue
        if shared is not field.type:
            field.type = shared


def _shared_type(spec: TypeSpec, open_specs: set[int]) -> TypeSpec:
    """The shared equal of ``spec``, its arguments shared first."""
    if id(spec) in open_specs:
        raise _Cyclic
    open_specs.add(id(spec))
    args = tuple(_shared_type(arg, open_specs) for arg in spec.args)
    open_specs.discard(id(spec))
    if any(new is not old for new, old in zip(args, spec.args, strict=True)):
        spec.args = args
    key = tuple(map(_exact, _VALUES(spec)))
    found = _TYPES.get(key)
    if found is None:
        _TYPES[key] = found = spec
    return found


class _Cyclic(Exception):
    """A type tree that contains itself."""


def _exact(value: Any) -> Hashable:
    """A key equal for two values only when they are interchangeable in a description."""
    kind = type(value)
    tag = _EXACT.get(kind)
    if tag is not None:
        return (tag, value)
    if kind is float:
        return (_FLOAT, value.hex())
    if kind is tuple:
        return (_TUPLE, *(id(item) if type(item) is TypeSpec else _exact(item) for item in value))
    params = getattr(kind, "__dataclass_params__", None)
    if params is not None and params.frozen:  # a constraint's record, e.g. annotated_types.Ge(1)
        return (_RECORD, id(kind), *(_exact(getattr(value, f.name)) for f in dataclasses.fields(value)))
    return (_BY_IDENTITY, id(value))
