"""Adapters: every supported kind of model becomes one neutral ModelSpec."""

from __future__ import annotations

import dataclasses
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


def model_spec(model: Any) -> ModelSpec:
    """Describe ``model`` neutrally; raises TypeError for anything that is not a model."""
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
