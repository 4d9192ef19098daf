"""A SQLAlchemy column type as a neutral TypeSpec: lengths, precision, enums, JSON, arrays, time zones.

The column's type says more than its Python type (``String(40)`` holds at most 40
characters, ``Numeric(10, 2)`` ten digits with two decimals, ``DateTime(timezone=True)``
aware values), so it is read first; a ``TypeDecorator`` is read through its ``impl``
unless it declares a Python type of its own. Types we do not know fall back on their
``python_type``; when there is none, the field is "unsupported" (an error names it if a
value is needed, a nullable column stays None).
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from pytest_forge.adapters.annotations import resolve_annotation
from pytest_forge.spec import TypeSpec

__all__ = ["column_type_spec"]

#: two's complement sizes of the integer column types (most databases agree on these)
_INT_BITS = {"SmallInteger": 15, "Integer": 31, "BigInteger": 63}
#: JSON values we make: a small object of text and numbers (every JSON column accepts it)
_JSON_VALUE = dict[str, str | int]


def column_type_spec(sql_type: Any) -> TypeSpec:
    """The TypeSpec of a column of type ``sql_type`` (not yet wrapped in optional for NULL)."""
    from sqlalchemy import types as sa

    if isinstance(sql_type, sa.TypeDecorator):
        return _decorated(sql_type)
    if _declares_python_type(sql_type, sa.TypeEngine):
        return _by_python_type(sql_type)  # a user subclass (``class UUIDChar(CHAR): python_type = UUID4``)
    if isinstance(sql_type, sa.Enum):
        return _enum(sql_type)
    if isinstance(sql_type, sa.ARRAY):
        item = column_type_spec(sql_type.item_type)
        return TypeSpec("list", python_type=list, args=(item,), max_length=4, label=_label(sql_type))
    if isinstance(sql_type, sa.JSON):
        return resolve_annotation(_JSON_VALUE)
    for sa_type, make in _makers():
        if isinstance(sql_type, sa_type):
            spec: TypeSpec = make(sql_type)
            spec.label = _label(sql_type)
            return spec
    return _by_python_type(sql_type)


def _makers() -> tuple[tuple[type, Any], ...]:
    from sqlalchemy import types as sa

    return (
        (sa.Boolean, lambda t: TypeSpec("bool", python_type=bool)),
        (sa.Integer, _integer),
        (sa.Numeric, _numeric),  # Float is a Numeric too: _numeric tells them apart
        (sa.Uuid, _uuid),
        (sa.DateTime, _datetime),
        (sa.Date, lambda t: TypeSpec("date", python_type=dt.date)),
        (sa.Time, lambda t: TypeSpec("time", python_type=dt.time, tz="aware" if t.timezone else "naive")),
        (sa.Interval, lambda t: TypeSpec("timedelta", python_type=dt.timedelta)),
        (sa.String, lambda t: TypeSpec("str", python_type=str, max_length=t.length)),
        (sa._Binary, lambda t: TypeSpec("bytes", python_type=bytes, max_length=t.length)),
    )


def _integer(sql_type: Any) -> TypeSpec:
    """Realistic ints (the engine's by-name draws are small) that always fit the column's size."""
    bits = next((b for name, b in _INT_BITS.items() if _inherits(sql_type, name)), 31)
    low, high = -(2**bits), 2**bits - 1
    return TypeSpec("int", python_type=int, predicates=(lambda value: low <= value <= high,))


def _inherits(sql_type: Any, name: str) -> bool:
    return any(cls.__name__ == name for cls in type(sql_type).__mro__)


def _numeric(sql_type: Any) -> TypeSpec:
    from sqlalchemy import types as sa

    if isinstance(sql_type, sa.Float) or not sql_type.asdecimal:
        return TypeSpec("float", python_type=float, ge=-1e9, le=1e9)
    precision, scale = sql_type.precision, sql_type.scale
    if precision is None:
        return TypeSpec("decimal", python_type=decimal.Decimal, max_digits=18, decimal_places=scale or 2)
    return TypeSpec("decimal", python_type=decimal.Decimal, max_digits=precision, decimal_places=scale or 0)


def _uuid(sql_type: Any) -> TypeSpec:
    if sql_type.as_uuid:
        return TypeSpec("uuid", python_type=uuid.UUID, version=4)
    pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
    return TypeSpec("str", python_type=str, pattern=pattern, min_length=36, max_length=36)


def _datetime(sql_type: Any) -> TypeSpec:
    return TypeSpec("datetime", python_type=dt.datetime, tz="aware" if sql_type.timezone else "naive")


def _enum(sql_type: Any) -> TypeSpec:
    if sql_type.enum_class is not None:
        return TypeSpec("enum", python_type=sql_type.enum_class, choices=tuple(sql_type.enum_class))
    return TypeSpec("literal", python_type=str, choices=tuple(sql_type.enums), label=_label(sql_type))


def _decorated(sql_type: Any) -> TypeSpec:
    """A TypeDecorator: its declared Python type when it has its own, else what its ``impl`` holds."""
    from sqlalchemy import types as sa

    if _declares_python_type(sql_type, sa.TypeDecorator):
        return _by_python_type(sql_type)
    spec = column_type_spec(sql_type.impl_instance)
    spec.label = type(sql_type).__name__
    if spec.kind == "str" and not _binds(sql_type, "forge"):
        # its process_bind_param refuses plain text: a UUID's text, or a type we cannot make
        if _binds(sql_type, str(uuid.UUID(int=7))):
            return _uuid_text(spec)
        return TypeSpec("unsupported", label=spec.label)  # a provider can make its objects
    return spec


def _binds(sql_type: Any, value: Any) -> bool:
    """True when the decorator's ``process_bind_param`` takes ``value`` (on a neutral dialect)."""
    from sqlalchemy.engine.default import DefaultDialect

    try:
        sql_type.process_bind_param(value, DefaultDialect())
    except Exception:  # whatever it raises, the value is refused
        return False
    return True


def _uuid_text(spec: TypeSpec) -> TypeSpec:
    pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
    return TypeSpec("str", python_type=str, pattern=pattern, min_length=36, max_length=36, label=spec.label)


def _declares_python_type(sql_type: Any, base: type) -> bool:
    """True when a class outside SQLAlchemy, below ``base``, sets ``python_type`` itself."""
    for cls in type(sql_type).__mro__:
        if cls is base or cls.__module__.startswith("sqlalchemy."):
            return False
        if "python_type" in vars(cls):
            return True
    return False


def _by_python_type(sql_type: Any) -> TypeSpec:
    try:
        python_type = sql_type.python_type
    except NotImplementedError:
        return TypeSpec("unsupported", label=_label(sql_type))
    spec = resolve_annotation(python_type)
    spec.label = spec.label or _label(sql_type)
    return spec


def _label(sql_type: Any) -> str:
    try:
        return str(sql_type.compile())
    except Exception:  # a type only a dialect can render
        return type(sql_type).__name__
