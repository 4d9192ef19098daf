"""Adapters: every supported kind of model becomes one neutral ModelSpec.

Each kind is one entry of :func:`adapters`: a test that recognises the class and the function
that describes it (fields plus the validation contract of :mod:`pytest_forge.spec`). A new
kind (Django, SQLAlchemy, attrs, msgspec) is a new module here and one new entry; the
first entry that accepts a class wins, so more specific kinds (a SQLModel table) go first.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import weakref
from typing import TYPE_CHECKING, Any, NoReturn

from typing_extensions import is_typeddict

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.spec import ModelSpec

__all__ = ["ACCEPTED", "adapters", "is_model", "model_spec", "refuse_non_model"]

ACCEPTED = (
    "a pydantic BaseModel subclass, a dataclass, a TypedDict class, an attrs class, a msgspec Struct, "
    "a SQLAlchemy mapped class (SQLModel table models included) or a Django model"
)


def _is_dataclass(model: Any) -> bool:
    return isinstance(model, type) and dataclasses.is_dataclass(model)


def _is_typeddict(model: Any) -> bool:
    return isinstance(model, type) and is_typeddict(model)


@functools.cache
def adapters() -> tuple[tuple[Callable[[Any], bool], Callable[[Any], ModelSpec]], ...]:
    """``(accepts, describe)`` per model kind, in the order they are tried; each kind's adapter
    module is imported when a class of that kind is first described (the tests import nothing)."""
    from pytest_forge.adapters import kinds

    return (
        (kinds.is_sqlalchemy_model, _loaded("sqlalchemy_models", "sqlalchemy_model_spec")),  # SQLModel tables
        (kinds.is_pydantic_model, _loaded("pydantic_models", "pydantic_model_spec")),  # are both: first
        (kinds.is_django_model, _loaded("django_models", "django_model_spec")),
        (_is_dataclass, _loaded("stdlib", "dataclass_spec")),
        (_is_typeddict, _loaded("stdlib", "typeddict_spec")),
        (kinds.is_attrs_class, _loaded("attrs_models", "attrs_model_spec")),
        (kinds.is_msgspec_struct, _loaded("msgspec_models", "msgspec_model_spec")),
    )


def _loaded(module: str, name: str) -> Callable[[Any], ModelSpec]:
    """``pytest_forge.adapters.<module>.<name>``, imported on its first call."""

    def describe(model: Any) -> ModelSpec:
        found: Callable[[Any], ModelSpec] = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        return found(model)

    describe.__qualname__ = describe.__name__ = name
    return describe


def is_model(model: Any) -> bool:
    """True when some adapter can describe ``model``."""
    return any(accepts(model) for accepts, _ in adapters())


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
        from pytest_forge.adapters.shared_specs import share_descriptions

        share_descriptions(spec)
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
    from pytest_forge.adapters.kinds import is_pydantic_model

    for accepts, describe in adapters():
        if accepts(model):
            if accepts is is_pydantic_model:
                _refuse_base_classes(model)
            return describe(model)
    from pytest_forge.adapters.plain_classes import constructible_class, plain_class_spec

    if constructible_class(model):  # a nested arbitrary type (never accepted at the top: is_model)
        return plain_class_spec(model)
    refuse_non_model(model)


def refuse_non_model(model: Any) -> NoReturn:
    """Raise the ArgumentError saying what ``create`` accepts (``model`` is none of it)."""
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
