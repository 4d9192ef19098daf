"""Reading exports back into models: the other half of every round trip."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

from pydantic import BaseModel

JSON_FIELDS = {"tags", "address", "history", "flags", "customer_ids"}
NULLABLE_FIELDS = {"select", "ratio"}
AWARE_FIELDS = {"seen"}


def rows_from_csv(path: Path) -> list[dict[str, Any]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for key, value in row.items():
            if value == "" and key in NULLABLE_FIELDS:
                row[key] = None  # CSV readers in 3.11 cannot tell "" from an empty cell
    return [_decode_json(row) for row in rows]


def rows_from_sqlite(path: Path, table: str) -> list[dict[str, Any]]:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        rows = connection.execute(f'SELECT * FROM "{table}" ORDER BY "id"').fetchall()
    finally:
        connection.close()
    return [_decode_json(dict(row)) for row in rows]


def rows_from_database(url: str, table: str) -> list[dict[str, Any]]:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            quoted = engine.dialect.identifier_preparer.quote_identifier(table)
            result = connection.execute(sa.text(f"SELECT * FROM {quoted} ORDER BY 1"))
            rows = [dict(row._mapping) for row in result]
    finally:
        engine.dispose()
    return [_with_utc(_decode_json(row)) for row in rows]


def _decode_json(row: dict[str, Any]) -> dict[str, Any]:
    """SQLite, MariaDB and CSV give JSON columns back as text."""
    for key in JSON_FIELDS & set(row):
        if isinstance(row[key], str):
            row[key] = json.loads(row[key])
    return row


def _with_utc(row: dict[str, Any]) -> dict[str, Any]:
    """MySQL DATETIME has no zone: aware values were stored as UTC."""
    for key in AWARE_FIELDS & set(row):
        value = row[key]
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            row[key] = value.replace(tzinfo=dt.UTC)
    return row


def validated(model: type[BaseModel], rows: list[dict[str, Any]]) -> list[BaseModel]:
    return [model.model_validate(row) for row in rows]


def run_script(url: str, script: str) -> None:
    """Execute an SQL script the way its database's own client would (all statements, as written)."""
    import sqlalchemy as sa

    if url.startswith("sqlite"):
        connection = sqlite3.connect(sa.engine.make_url(url).database or ":memory:")
        try:
            connection.executescript(script)
        finally:
            connection.close()
        return
    options: dict[str, Any] = {}
    if url.startswith("mysql"):
        from pymysql.constants import CLIENT

        options["connect_args"] = {"client_flag": CLIENT.MULTI_STATEMENTS}
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT", **options)
    try:
        with engine.connect() as connection:
            cursor = connection.connection.cursor()
            cursor.execute(script)
            while cursor.nextset():
                pass
    finally:
        engine.dispose()
