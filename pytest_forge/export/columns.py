"""Which column each encoded key becomes: a logical kind read from the field's TypeSpec.

The kinds (int, float, decimal, bool, text, binary, date, datetime, time, uuid, json) are
turned into each dialect's column types by :mod:`pytest_forge.export.sqltypes`.
Keys the model does not describe (computed fields, plain dicts) are typed from
their first value.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pytest_forge.spec import FieldSpec, ModelSpec, TypeSpec

__all__ = ["ColumnPlan", "plan_columns"]

_INT64 = 2**63
_TEXT_KINDS = frozenset(
    {
        "str", "timedelta", "email", "name_email", "url", "ip_address", "ip_network",
        "ip_interface", "path", "payment_card", "color", "secret_str", "secret_bytes",
    }
)  # fmt: skip
_SAME_KIND = {"float": "float", "decimal": "decimal", "bool": "bool", "date": "date", "uuid": "uuid"}


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    """One column: the key it holds in encoded rows and what kind of values live there."""

    name: str
    kind: str
    nullable: bool = True
    primary_key: bool = False
    #: VARCHAR length for bounded strings
    length: int | None = None
    #: (max_digits, decimal_places) of a constrained Decimal
    digits: tuple[int, int] | None = None
    #: datetimes/times that carry a UTC offset
    zoned: bool = False
    #: (model name, field) of a ForeignKey tag
    references: tuple[str, str] | None = None
    #: the model's field name (None for keys the model does not describe)
    field_name: str | None = None


def plan_columns(
    spec: ModelSpec | None, keys: list[str], first_row: dict[str, Any] | None
) -> list[ColumnPlan]:
    """A column per key, typed from the spec's fields, else from the key's first value."""
    fields = _fields_by_key(spec) if spec is not None else {}
    row = first_row or {}
    columns = []
    for key in keys:
        field = fields.get(key)
        if field is not None:
            columns.append(_from_field(key, field, row.get(key)))
        else:
            columns.append(_from_value(key, row.get(key)))
    return columns


def _fields_by_key(spec: ModelSpec) -> dict[str, FieldSpec]:
    by_key: dict[str, FieldSpec] = {}
    for field in spec.fields:
        by_key[field.name] = field
        first = field.input_path[0] if field.input_path else None
        if isinstance(first, str):
            by_key.setdefault(first, field)
    return by_key


def _from_field(key: str, field: FieldSpec, sample: Any) -> ColumnPlan:
    from pytest_forge.field_tags import ForeignKey
    from pytest_forge.generation.keys import is_primary_key

    typ = field.type
    inner = typ.inner()
    column = _from_type(key, inner, sample)
    nullable = typ.nullable() or (inner.kind == "float" and inner.allow_inf_nan) or column.nullable
    tag = field.tag(ForeignKey)
    references = (tag.model_name, tag.field) if tag is not None else None
    primary = is_primary_key(field) and column.kind in ("int", "text", "uuid") and not typ.nullable()
    return ColumnPlan(
        key,
        column.kind,
        nullable and not primary,
        primary,
        column.length,
        column.digits,
        column.zoned,
        references,
        field.name,
    )


def _from_type(key: str, typ: TypeSpec, sample: Any) -> ColumnPlan:
    kind = typ.kind
    if kind in _SAME_KIND:
        return ColumnPlan(key, _SAME_KIND[kind], nullable=kind == "float", digits=_digits(typ))
    if kind in ("int", "byte_size"):
        return _integer(key, typ)
    if kind == "bytes":  # encoded bytes (Base64Bytes) keep the text the model reads back
        return ColumnPlan(key, "text" if typ.encoder is not None else "binary", nullable=False)
    if kind in _TEXT_KINDS:
        length = typ.max_length if kind == "str" else None
        return ColumnPlan(key, "text", nullable=False, length=length)
    if kind in ("datetime", "time"):
        zoned = typ.tz == "aware" or (typ.tz is None and _has_offset(sample))
        return ColumnPlan(key, kind, nullable=False, zoned=zoned)
    if kind in ("enum", "literal"):
        return _choices(key, typ.choices)
    return ColumnPlan(key, "json")


def _digits(typ: TypeSpec) -> tuple[int, int] | None:
    if typ.kind == "decimal" and typ.max_digits is not None and typ.decimal_places is not None:
        return (typ.max_digits, typ.decimal_places)
    return None


def _integer(key: str, typ: TypeSpec) -> ColumnPlan:
    bounds = [b for b in (typ.ge, typ.gt, typ.le, typ.lt) if b is not None]
    if any(abs(int(b)) >= _INT64 for b in bounds):
        widest = max(len(str(abs(int(b)))) for b in bounds)
        return ColumnPlan(key, "decimal", nullable=False, digits=(widest + 1, 0))
    return ColumnPlan(key, "int", nullable=False)


def _choices(key: str, choices: tuple[Any, ...]) -> ColumnPlan:
    values = [c.value if isinstance(c, enum.Enum) else c for c in choices]
    if values and all(isinstance(v, bool) for v in values):
        return ColumnPlan(key, "bool", nullable=False)
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return ColumnPlan(key, "int", nullable=False)
    if values and all(isinstance(v, str) for v in values):
        return ColumnPlan(key, "text", nullable=False, length=max(1, *(len(v) for v in values)))
    return ColumnPlan(key, "json")


def _from_value(key: str, value: Any) -> ColumnPlan:
    if isinstance(value, bool):
        return ColumnPlan(key, "bool")
    if isinstance(value, int):
        return ColumnPlan(key, "int") if abs(value) < _INT64 else ColumnPlan(key, "decimal")
    if isinstance(value, float):
        return ColumnPlan(key, "float")
    if isinstance(value, (list, dict)):
        return ColumnPlan(key, "json")
    if isinstance(value, bytes):
        return ColumnPlan(key, "binary")
    return ColumnPlan(key, "text")


def _has_offset(sample: Any) -> bool:
    """True for ISO text with ``Z`` or ``±HH:MM`` at the end (pydantic's spelling of aware values)."""
    if not isinstance(sample, str) or len(sample) < 6:
        return False
    return sample.endswith("Z") or (sample[-6] in "+-" and sample[-3] == ":")
