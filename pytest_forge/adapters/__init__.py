"""Adapters: every supported kind of model becomes one neutral ModelSpec."""

from __future__ import annotations

import dataclasses
import weakref
from typing import TYPE_CHECKING, Any

from typing_extensions import is_typeddict

if TYPE_CHECKING:
    from pytest_forge.spec import ModelSpec

__all__ = ["is_model", "model_spec"]

ACCEPTED = "a pydantic BaseModel subclass, a dataclass or a TypedDict class"


def is_model(model: Any) -> bool:
    """True when some adapter can describe ``model``."""
    from pytest_forge.adapters.pydantic_models import is_pydantic_model

    if is_pydantic_model(model):
        return True
    return isinstance(model, type) and (dataclasses.is_dataclass(model) or is_typeddict(model))


class _SpecCache:
    """Descriptions already read, per class, while the class's fields stay the same object.

    A ModelSpec depends on the class alone, so sharing it keeps every Forge's output the same
    whatever ran before; ``model_rebuild()`` replaces the fields, which reads the class again.
    """

    def __init__(self) -> None:
        self._specs: weakref.WeakKeyDictionary[Any, tuple[Any, ModelSpec]] = weakref.WeakKeyDictionary()

    def get(self, model: Any) -> ModelSpec | None:
        found = self._specs.get(model) if isinstance(model, type) else None
        return found[1] if found is not None and found[0] is _stamp(model) else None

    def put(self, model: Any, spec: ModelSpec) -> ModelSpec:
        if isinstance(model, type):
            self._specs[model] = (_stamp(model), spec)
        return spec


def _stamp(model: Any) -> Any:
    """The object holding the class's fields (kept alive by the cache, so never a reused id)."""
    own = vars(model)
    fields = own.get("__pydantic_fields__") or own.get("__dataclass_fields__")
    return fields if fields is not None else getattr(model, "__annotations__", None)


#: a cache of a pure function of the class (never of a Forge's state)
_SPECS = _SpecCache()


def model_spec(model: Any) -> ModelSpec:
    """Describe ``model`` neutrally (read once per class); raises ArgumentError for a non-model."""
    cached = _SPECS.get(model)
    if cached is not None:
        return cached
    return _SPECS.put(model, _describe(model))


def _describe(model: Any) -> ModelSpec:
    from pytest_forge.adapters.pydantic_models import is_pydantic_model, pydantic_model_spec
    from pytest_forge.adapters.stdlib import dataclass_spec, typeddict_spec

    if is_pydantic_model(model):
        _refuse_base_classes(model)
        return pydantic_model_spec(model)
    if isinstance(model, type) and dataclasses.is_dataclass(model):
        return dataclass_spec(model)
    if isinstance(model, type) and is_typeddict(model):
        return typeddict_spec(model)
    from pytest_forge.errors import ArgumentError

    shown = model.__name__ if isinstance(model, type) else repr(model)
    raise ArgumentError(f"cannot generate {shown}: expected {ACCEPTED} (the class itself, not an instance)")


def _refuse_base_classes(model: Any) -> None:
    from pydantic import BaseModel, RootModel

    from pytest_forge.errors import ArgumentError

    if model in (BaseModel, RootModel):
        raise ArgumentError(
            f"cannot generate {model.__name__} itself: pass your own subclass of it "
            f"(class Order({model.__name__}): ...), whose fields say what to generate"
        )
