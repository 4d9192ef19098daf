"""Adapters: every supported kind of model becomes one neutral ModelSpec."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from typing_extensions import is_typeddict

if TYPE_CHECKING:
    from pytest_forge.spec import ModelSpec

__all__ = ["is_model", "model_spec"]

ACCEPTED = (
    "a pydantic BaseModel subclass, a dataclass, a TypedDict class, an attrs class, a msgspec Struct "
    "or a SQLAlchemy mapped class (SQLModel table models included)"
)


def is_model(model: Any) -> bool:
    """True when some adapter can describe ``model``."""
    from pytest_forge.adapters.attrs_models import is_attrs_class
    from pytest_forge.adapters.msgspec_models import is_msgspec_struct
    from pytest_forge.adapters.pydantic_models import is_pydantic_model
    from pytest_forge.adapters.sqlalchemy_models import is_sqlalchemy_model

    if is_pydantic_model(model) or is_sqlalchemy_model(model):
        return True
    if is_attrs_class(model) or is_msgspec_struct(model):
        return True
    return isinstance(model, type) and (dataclasses.is_dataclass(model) or is_typeddict(model))


def model_spec(model: Any) -> ModelSpec:
    """Describe ``model`` neutrally; raises TypeError for anything that is not a model."""
    from pytest_forge.adapters.pydantic_models import is_pydantic_model, pydantic_model_spec
    from pytest_forge.adapters.sqlalchemy_models import is_sqlalchemy_model, sqlalchemy_model_spec
    from pytest_forge.adapters.stdlib import dataclass_spec, typeddict_spec

    if is_sqlalchemy_model(model):  # before pydantic: a SQLModel table model is both
        return sqlalchemy_model_spec(model)
    other = _other_kinds(model)
    if other is not None:
        return other
    if is_pydantic_model(model):
        return pydantic_model_spec(model)
    if isinstance(model, type) and dataclasses.is_dataclass(model):
        return dataclass_spec(model)
    if isinstance(model, type) and is_typeddict(model):
        return typeddict_spec(model)
    shown = model.__name__ if isinstance(model, type) else repr(model)
    raise TypeError(f"cannot generate {shown}: expected {ACCEPTED} (the class itself, not an instance)")


def _other_kinds(model: Any) -> ModelSpec | None:
    """attrs classes and msgspec Structs (their libraries are imported only for them)."""
    from pytest_forge.adapters.attrs_models import attrs_model_spec, is_attrs_class
    from pytest_forge.adapters.msgspec_models import is_msgspec_struct, msgspec_model_spec

    if is_attrs_class(model):
        return attrs_model_spec(model)
    if is_msgspec_struct(model):
        return msgspec_model_spec(model)
    return None
