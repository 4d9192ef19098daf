"""Per dialect: the SQLAlchemy column type of a logical column, and the value it stores.

Values arrive as JSON values (see :mod:`pytest_forge.export.encode`) and leave as
what the database keeps: JSON text for nested values, UTC for aware datetimes where
the column has no zone, Decimals as exact text where SQLite would round them, bytes
as bytes in BLOB (SQLite), bytea (PostgreSQL) and LONGBLOB (MySQL/MariaDB) columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ExportError
from pytest_forge.export.encode import json_text

if TYPE_CHECKING:
    from sqlalchemy.types import TypeEngine

    from pytest_forge.export.columns import ColumnPlan

__all__ = ["DIALECTS", "Converter", "check_dialect", "column_type", "converter"]

DIALECTS = ("sqlite", "postgresql", "mysql")
Converter = Callable[[Any], Any]
_NON_FINITE = frozenset({"NaN", "-NaN", "sNaN", "Infinity", "-Infinity", "inf", "-inf"})


def check_dialect(name: str) -> str:
    """The dialect's canonical name (``mariadb`` is ``mysql``), or an ExportError listing the choices."""
    canonical = {"mariadb": "mysql", "postgres": "postgresql"}.get(name, name)
    if canonical not in DIALECTS:
        raise ExportError(f"unknown SQL dialect {name!r}; choose one of {', '.join(DIALECTS)}")
    return canonical


def column_type(column: ColumnPlan, dialect: str) -> TypeEngine[Any]:
    """The column's type in ``dialect``'s CREATE TABLE."""
    import sqlalchemy as sa

    if dialect == "postgresql":
        return _postgresql_type(column)
    if dialect == "mysql":
        return _mysql_type(column)
    simple: dict[str, Callable[[], TypeEngine[Any]]] = {
        "int": sa.Integer, "float": sa.Double, "decimal": sa.Text, "bool": sa.Boolean, "date": sa.Date,
        "datetime": sa.DateTime, "time": sa.Time, "uuid": lambda: sa.CHAR(36), "json": sa.Text,
        "binary": sa.LargeBinary,
    }  # fmt: skip
    if column.kind == "text":
        return sa.String(column.length) if column.length else sa.Text()
    return simple[column.kind]()


def _postgresql_type(column: ColumnPlan) -> TypeEngine[Any]:
    import sqlalchemy as sa
    from sqlalchemy.dialects import postgresql as pg

    kind = column.kind
    if kind == "text":
        return sa.String(column.length) if column.length else sa.Text()
    if kind == "decimal":
        return sa.Numeric(*column.digits) if column.digits else sa.Numeric()
    if kind == "datetime":
        return pg.TIMESTAMP(timezone=column.zoned)
    if kind == "time":
        return pg.TIME(timezone=column.zoned)
    simple: dict[str, Callable[[], TypeEngine[Any]]] = {
        "int": sa.BigInteger, "float": pg.DOUBLE_PRECISION, "bool": sa.Boolean, "date": sa.Date,
        "uuid": pg.UUID, "json": pg.JSONB, "binary": pg.BYTEA,
    }  # fmt: skip
    return simple[kind]()


def _mysql_type(column: ColumnPlan) -> TypeEngine[Any]:
    import sqlalchemy as sa
    from sqlalchemy.dialects import mysql

    kind = column.kind
    if kind == "text":
        short = column.length is not None and column.length <= 255
        if column.primary_key or short:
            return sa.String(column.length if short else 255)
        return mysql.LONGTEXT()
    if kind == "decimal":
        digits = (
            column.digits if column.digits and column.digits[0] <= 65 and column.digits[1] <= 30 else (65, 30)
        )
        return mysql.DECIMAL(*digits)
    if kind == "time":
        return sa.String(32) if column.zoned else mysql.TIME(fsp=6)
    simple: dict[str, Callable[[], TypeEngine[Any]]] = {
        "int": sa.BigInteger, "float": mysql.DOUBLE, "bool": sa.Boolean, "date": sa.Date,
        "datetime": lambda: mysql.DATETIME(fsp=6), "uuid": lambda: sa.CHAR(36), "json": mysql.JSON,
        "binary": mysql.LONGBLOB,
    }  # fmt: skip
    return simple[kind]()


def converter(column: ColumnPlan, dialect: str) -> Converter | None:
    """What turns a column's JSON value into the value stored (None: stored as it is)."""
    kind = column.kind
    if kind == "json":
        return _json_for(dialect)
    if kind == "binary":
        return _as_bytes
    if kind == "datetime" and not (dialect == "postgresql" and column.zoned):
        return _utc_datetime(sep=" " if dialect == "mysql" else "T", keep_zone=dialect == "sqlite")
    if kind == "decimal":
        return _decimal_for(dialect)
    if kind == "bool" and dialect == "sqlite":
        return lambda value: None if value is None else int(value)
    if kind == "text" and dialect == "postgresql":
        return _refuse_nul(column.name)
    return None


def _as_bytes(value: Any) -> Any:
    """Bytes as they are; text (a field serializer's) as its UTF-8, which is what JSON would have held."""
    if value is None or isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode()
    return bytes(value)


def _json_for(dialect: str) -> Converter:
    def to_json(value: Any) -> Any:
        if value is None:
            return None
        text = json_text(value)
        if dialect == "postgresql" and "\\u0000" in text:
            raise ExportError(
                "PostgreSQL JSON cannot hold NUL (\\u0000) characters; remove them or use SQLite/MySQL"
            )
        return text

    return to_json


def _utc_datetime(sep: str, keep_zone: bool) -> Converter:
    """Aware values as UTC: ``...Z`` where text keeps the zone (SQLite), naive UTC where it cannot (MySQL)."""

    def to_utc(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        parsed = dt.datetime.fromisoformat(value)
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
            return parsed.isoformat(sep) + "Z" if keep_zone else parsed.isoformat(sep)
        return value if sep == "T" else parsed.isoformat(sep)

    return to_utc


def _decimal_for(dialect: str) -> Converter:
    def to_decimal(value: Any) -> Any:
        if value is None:
            return None
        text = str(value)
        if dialect == "mysql" and text in _NON_FINITE:
            return None  # MySQL DECIMAL has no NaN or infinity
        return text

    return to_decimal


def _refuse_nul(name: str) -> Converter:
    def checked(value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ExportError(
                f"column {name!r}: PostgreSQL text cannot hold NUL (\\x00) characters; "
                "remove them from the value or export to SQLite or MySQL, which keep them",
                field=name,
            )
        return value

    return checked
