"""Where inside a field's value a refusal points: the nested model whose own field it names.

A nested model without validators of its own is drawn as an input dict, validated once with its
parent (one validation for the whole tree). A refusal inside it (an axis id that must be an
identifier, ``('inputs', 0, 'axes', 1, 'id')``) names only the parent's top field, so re-draws of the
parent draw the whole list again, and never try the nested field's own variant. Following the
location through the field's type (lists, tuples, dicts, optionals, unions, nested models) finds the
model that holds the refused leaf; from then on it is drawn as a validated instance
(generation/builder.py), whose own re-draws go to that leaf, keeping the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.adapters import model_spec

if TYPE_CHECKING:
    from pytest_forge.spec import TypeSpec

__all__ = ["holder_of"]

_SEQUENCES = ("list", "set", "frozenset", "deque")
#: the deepest location followed (a refusal deeper than this names its parent field only)
_MAX_STEPS = 60


def holder_of(spec: TypeSpec, location: tuple[Any, ...]) -> Any | None:
    """The class of the deepest nested model built from an input dict that holds the refused leaf at
    ``location`` (the steps under a field of type ``spec``), or None when there is none."""
    if not location or len(location) > _MAX_STEPS:
        return None
    return _walk(spec, location)


def _walk(spec: TypeSpec, location: tuple[Any, ...]) -> Any | None:
    if not location:
        return None
    kind, step = spec.kind, location[0]
    if kind == "optional":
        return _walk(spec.args[0], location)
    if kind in _SEQUENCES and spec.args and isinstance(step, int):
        return _walk(spec.args[0], location[1:])
    if kind == "tuple" and spec.args and isinstance(step, int):
        item = spec.args[0] if spec.variadic else spec.args[step] if step < len(spec.args) else None
        return None if item is None else _walk(item, location[1:])
    if kind == "dict" and len(spec.args) == 2:
        return None if location[1:2] == ("[key]",) else _walk(spec.args[1], location[1:])
    if kind == "union":
        return _in_union(spec, location)
    if kind == "model":
        return _in_model(spec.model, location)
    return None


def _in_union(spec: TypeSpec, location: tuple[Any, ...]) -> Any | None:
    """The arm a step names (its class name, or its discriminator's value), else the first arm that
    holds the location as it is (a union whose error names no arm)."""
    step = location[0]
    for arm in spec.args:
        if _names_arm(arm, step, spec.discriminator):
            return _walk(arm, location[1:])
    for arm in spec.args:
        found = _walk(arm, location)
        if found is not None:
            return found
    return None


def _names_arm(arm: TypeSpec, step: Any, discriminator: Any) -> bool:
    if arm.kind != "model" or not isinstance(step, str):
        return False
    if step == getattr(arm.model, "__name__", None):
        return True
    if not isinstance(discriminator, str):
        return False
    fields = model_spec(arm.model).fields
    tag = next((f for f in fields if discriminator in (f.name, *f.input_path[:1])), None)
    return tag is not None and step in tag.type.choices


def _in_model(model: Any, location: tuple[Any, ...]) -> Any | None:
    """``model`` itself when the location names one of its fields (or lies deeper in one holding no
    such model), and it is drawn as an input dict; a deeper holder when there is one."""
    spec = model_spec(model)
    step = location[0]
    field = next((f for f in spec.fields if f.input_path[:1] == (step,)), None)
    if field is None and isinstance(step, str):
        field = spec.by_name.get(step)
    if field is None:
        return None
    deeper = _walk(field.type, location[1:])
    if deeper is not None:
        return deeper
    return model if spec.nests_as_input and not getattr(model, "__pydantic_root_model__", False) else None
