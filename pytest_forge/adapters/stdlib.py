"""Dataclasses and TypedDicts as ModelSpecs, validated through pydantic's TypeAdapter."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

import typing_extensions

from pytest_forge.adapters.annotations import resolve_annotation
from pytest_forge.adapters.pydantic_validation import rejection_reader, validator_names
from pytest_forge.errors import UnsupportedTypeError
from pytest_forge.spec import MISSING, FieldSpec, ModelKind, ModelSpec

__all__ = ["dataclass_spec", "typeddict_spec"]


def _validator(model: Any) -> Any:
    """``model``'s validation; a stdlib class whose pattern needs Python's ``re`` gets that engine
    (nested in a model with ``regex_engine='python-re'`` it inherits its parent's config), one that
    holds an arbitrary class gets ``arbitrary_types_allowed`` (only a model allowing it can hold it)."""
    from pydantic import ConfigDict, PydanticSchemaGenerationError, PydanticUserError, TypeAdapter
    from pydantic_core import SchemaError

    try:
        return TypeAdapter(model).validate_python
    except PydanticSchemaGenerationError as exc:  # an arbitrary type inside: allowed by the model holding it
        if getattr(model, "__pydantic_config__", None) is not None:
            raise UnsupportedTypeError(f"{model.__name__}: {exc.message}", model=model) from None
        try:
            return _held(model, ConfigDict(arbitrary_types_allowed=True))
        except PydanticUserError:
            raise UnsupportedTypeError(f"{model.__name__}: {exc.message}", model=model) from None
    except PydanticUserError as exc:  # e.g. typing.TypedDict on Python < 3.12: pydantic says what to use
        raise UnsupportedTypeError(f"{model.__name__}: {exc.message}", model=model) from None
    except SchemaError as exc:
        if getattr(model, "__pydantic_config__", None) is not None or "regex" not in str(exc):
            raise _unsupported(model, exc) from None
    try:
        return _held(model, ConfigDict(regex_engine="python-re"))
    except Exception as exc:  # pydantic cannot build it with either engine
        raise _unsupported(model, exc) from None


def _held(model: Any, config: Any) -> Any:
    """Validation of a stdlib class as a model with ``config`` holding it validates it (such a class
    takes the config of the model holding it; TypeAdapter refuses a config for it directly)."""
    from pydantic import TypeAdapter

    holder = TypeAdapter(dict[str, model], config=config)
    return lambda data: holder.validate_python({"value": data})["value"]


def _unsupported(model: Any, exc: Exception) -> UnsupportedTypeError:
    return UnsupportedTypeError(
        f"pydantic cannot build the schema of {model.__name__} ({type(exc).__name__}: {exc})", model=model
    )


def dataclass_spec(model: Any) -> ModelSpec:
    """Describe a standard or pydantic dataclass."""
    pydantic_fields = getattr(model, "__pydantic_fields__", None)
    if pydantic_fields:
        from pytest_forge.adapters.pydantic_models import _field_spec

        config = getattr(model, "__pydantic_config__", {}) or {}
        fields = tuple(
            _field_spec(n, info, config) for n, info in pydantic_fields.items() if info.init is not False
        )
    else:
        hints = typing.get_type_hints(model, include_extras=True)
        fields = tuple(_plain_field(f, hints[f.name]) for f in dataclasses.fields(model) if f.init)
    return _spec(model, fields, "dataclass")


def _plain_field(field: dataclasses.Field[Any], annotation: Any) -> FieldSpec:
    has_factory = field.default_factory is not dataclasses.MISSING
    default = MISSING if field.default is dataclasses.MISSING else field.default
    return FieldSpec(
        name=field.name,
        type=resolve_annotation(annotation),
        input_path=(field.name,),
        required=default is MISSING and not has_factory,
        default=default,
        default_factory=field.default_factory if has_factory else None,  # type: ignore[arg-type]
    )


_QUALIFIERS = {
    typing.Required, typing.NotRequired, typing_extensions.Required, typing_extensions.NotRequired,
    typing_extensions.ReadOnly,
}  # fmt: skip


def typeddict_spec(model: Any) -> ModelSpec:
    """Describe a TypedDict (``NotRequired`` keys are optional)."""
    hints = typing.get_type_hints(model, include_extras=True)
    required = getattr(model, "__required_keys__", frozenset(hints))
    fields = []
    for name, annotation in hints.items():
        while typing.get_origin(annotation) in _QUALIFIERS:
            annotation = typing.get_args(annotation)[0]
        spec = resolve_annotation(annotation)
        fields.append(FieldSpec(name=name, type=spec, input_path=(name,), required=name in required))
    return _spec(model, tuple(fields), "typeddict")


def _spec(model: Any, fields: tuple[FieldSpec, ...], kind: ModelKind) -> ModelSpec:
    """Validated by pydantic's TypeAdapter, so refusals are read the way the pydantic adapter reads them."""
    return ModelSpec(
        model=model,
        name=model.__name__,
        fields=fields,
        validate=_validator(model),
        kind=kind,
        failing_fields=rejection_reader(fields, model),
        validators=validator_names(model),  # a pydantic dataclass has field validators
    )
