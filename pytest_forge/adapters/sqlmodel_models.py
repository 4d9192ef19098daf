"""SQLModel table models: read as SQLAlchemy models (columns, relationships, saving) and as pydantic
models (``Field(min_length=3, ge=0)``, ``EmailStr``...), and checked by both.

A table model (``table=True``) does not validate when it is constructed, so pydantic's
validation runs on the column values first (its refusals name the fields to re-draw)
and the instance is then built the SQLAlchemy way. A non-table SQLModel class is a
plain pydantic model and never comes here.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.pydantic_validation import rejection_reader

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.spec import FieldSpec, ModelSpec, TypeSpec

__all__ = ["is_sqlmodel_table", "with_pydantic_rules"]


def is_sqlmodel_table(model: Any) -> bool:
    """True for a SQLModel class declared with ``table=True``."""
    return hasattr(model, "__sqlmodel_relationships__") and hasattr(model, "__table__")


def with_pydantic_rules(spec: ModelSpec) -> ModelSpec:
    """``spec`` (read from the mapper) with each column's pydantic constraints and validation added."""
    from pytest_forge.adapters.pydantic_models import _field_spec

    model = spec.model
    config = model.model_config
    declared = {name: _field_spec(name, info, config) for name, info in model.model_fields.items()}
    fields = tuple(_merged(f, declared.get(f.name)) for f in spec.fields)
    scalars = [f.name for f in fields if f.name in declared and not f.computed and not _holds_records(f)]
    return dataclasses.replace(
        spec,
        fields=fields,
        validate=_validated_first(model, scalars, spec.validate),
        failing_fields=_either(rejection_reader(fields), spec.failing_fields),
    )


def _holds_records(field: FieldSpec) -> bool:
    return field.type.inner().kind == "any" or (
        field.type.kind in ("list", "set") and field.type.args[0].kind == "any"
    )


def _merged(column: FieldSpec, declared: FieldSpec | None) -> FieldSpec:
    """The pydantic field's type, narrowed by what the column adds (its length, its NOT NULL)."""
    if declared is None or column.computed or _holds_records(column):
        return column
    typed = declared.type
    if column.type.kind != "optional" and typed.kind == "optional":
        typed = typed.args[0]
    _tighten(typed.inner(), column.type.inner())
    return dataclasses.replace(column, type=typed, description=declared.description or column.description)


def _tighten(spec: TypeSpec, column: TypeSpec) -> None:
    if column.max_length is not None and (spec.max_length is None or column.max_length < spec.max_length):
        spec.max_length = column.max_length
    if spec.kind == "decimal" and column.kind == "decimal":
        spec.max_digits = spec.max_digits or column.max_digits
        spec.decimal_places = (
            spec.decimal_places if spec.decimal_places is not None else column.decimal_places
        )
    if not spec.choices and column.choices and spec.kind == column.kind:
        spec.choices = column.choices


def _validated_first(
    model: Any, scalars: list[str], build: Callable[[dict[str, Any]], Any]
) -> Callable[[dict[str, Any]], Any]:
    def validate(data: dict[str, Any]) -> Any:
        model.model_validate({name: data[name] for name in scalars if name in data})
        return build(data)

    return validate


def _either(*readers: Callable[[BaseException], Any]) -> Callable[[BaseException], Any]:
    """The pydantic reader for ValidationErrors, the SQLAlchemy one for its refusals."""
    pydantic_reader, sqlalchemy_reader = readers

    def read(exc: BaseException) -> Any:
        from pydantic import ValidationError

        return pydantic_reader(exc) if isinstance(exc, ValidationError) else sqlalchemy_reader(exc)

    return read
