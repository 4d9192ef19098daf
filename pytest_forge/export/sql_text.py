"""SQL scripts per dialect: CREATE TABLE from SQLAlchemy, multi-row INSERTs with our own literals.

SQLAlchemy compiles the DDL and quotes identifiers. String literals are escaped
here, because SQLAlchemy's literal rendering doubles ``%`` for pyformat drivers
(wrong in a file) and leaves MySQL backslashes alone: PostgreSQL gets ``E''``
strings for backslashes and carriage returns, MySQL backslash escapes (``\\0`` for
NUL), SQLite a hex literal for NUL and CR; PostgreSQL cannot hold NUL, so it is
refused. No raw CR is ever written, so newline translation cannot change the data.
Bytes are hex: ``X'…'`` in SQLite and MySQL, ``decode('…', 'hex')`` in PostgreSQL.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from pytest_forge.errors import ExportError
from pytest_forge.export.sqltypes import check_dialect

if TYPE_CHECKING:
    from collections.abc import Callable

    import sqlalchemy as sa

    from pytest_forge.export.tables import TableLayout

__all__ = ["SqlScript", "SqlWriter", "sql_literal"]

_MYSQL_ESCAPES = str.maketrans(
    {"\\": "\\\\", "'": "\\'", '"': '\\"', "\x00": "\\0", "\n": "\\n", "\r": "\\r", "\x1a": "\\Z"}
)
_HEADERS = {
    "sqlite": ("BEGIN;",),
    "postgresql": ("SET client_encoding = 'UTF8';", "BEGIN;"),
    "mysql": ("SET NAMES utf8mb4;", "START TRANSACTION;"),
}
MAX_STATEMENT_CHARS = 1_000_000  # below MySQL's default max_allowed_packet


def _sqlite_string(text: str) -> str:
    if "\x00" in text or "\r" in text:
        # SQLite literals have no escapes: hex keeps NUL, and CR safe from newline translation
        return f"CAST(X'{text.encode().hex()}' AS TEXT)"
    return "'" + text.replace("'", "''") + "'"


def _postgresql_string(text: str) -> str:
    if "\x00" in text:
        raise ExportError(
            "PostgreSQL text cannot hold NUL (\\x00) characters; remove them, or use SQLite or MySQL"
        )
    if "\\" in text or "\r" in text:
        return "E'" + text.replace("\\", "\\\\").replace("'", "''").replace("\r", "\\r") + "'"
    return "'" + text.replace("'", "''") + "'"


def _mysql_string(text: str) -> str:
    return "'" + text.translate(_MYSQL_ESCAPES) + "'"


_STRINGS: dict[str, Callable[[str], str]] = {
    "sqlite": _sqlite_string,
    "postgresql": _postgresql_string,
    "mysql": _mysql_string,
}


def sql_literal(value: Any, dialect: str) -> str:
    """``value`` (a stored value: str, bytes, int, float, bool, Decimal or None) as an SQL literal."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        if dialect == "sqlite":
            return "1" if value else "0"
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "NULL"
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() else "NULL"
    if isinstance(value, str):
        return _STRINGS[dialect](value)
    if isinstance(value, bytes):
        return f"decode('{value.hex()}', 'hex')" if dialect == "postgresql" else f"X'{value.hex()}'"
    raise ExportError(f"cannot write a {type(value).__name__} as an SQL literal: {value!r}")


class SqlScript:
    """One SQL file: a header, tables (DDL then batched INSERTs) and a COMMIT."""

    def __init__(
        self, out: TextIO, dialect: str = "sqlite", *, create_table: bool = True, batch_size: int = 500
    ) -> None:
        import sqlalchemy as sa

        if batch_size < 1:
            raise ExportError(f"batch_size must be at least 1, got {batch_size}")
        self.dialect = check_dialect(dialect)
        self.out = out
        self.create_table = create_table
        self.batch_size = batch_size
        self.metadata = sa.MetaData()
        self.tables: dict[str, sa.Table] = {}
        self._sa_dialect = _sa_dialect(self.dialect)
        self._pending: list[str] = []
        self._pending_chars = 0
        self._insert_head = ""
        self._layout: TableLayout | None = None

    def begin(self) -> None:
        """The header: client encoding and the transaction that makes loading all-or-nothing."""
        self.out.write(f"-- written by pytest-forge ({self.dialect})\n")
        for line in _HEADERS[self.dialect]:
            self.out.write(line + "\n")

    def table(self, layout: TableLayout) -> None:
        """Start a table: its CREATE TABLE (when asked) and the head of its INSERTs."""
        from sqlalchemy.schema import CreateTable

        self.flush()
        table = layout.sa_table(self.metadata, self.dialect, self.tables)
        if layout.model_name:
            self.tables[layout.model_name] = table
        if self.create_table:
            ddl = str(CreateTable(table, if_not_exists=True).compile(dialect=self._sa_dialect)).strip()
            self.out.write(f"\n{ddl};\n")
        quote = self._sa_dialect.identifier_preparer.quote_identifier
        names = ", ".join(quote(c.name) for c in layout.columns)
        self._insert_head = f"INSERT INTO {quote(layout.name)} ({names}) VALUES\n"
        self._layout = layout

    def row(self, row: dict[str, Any]) -> None:
        """Add one encoded row to the current table's INSERT batch."""
        assert self._layout is not None, "call table() before row()"
        literal = sql_literal
        dialect = self.dialect
        text = "(" + ", ".join(literal(v, dialect) for v in self._layout.values(row)) + ")"
        self._pending.append(text)
        self._pending_chars += len(text)
        if len(self._pending) >= self.batch_size or self._pending_chars >= MAX_STATEMENT_CHARS:
            self.flush()

    def flush(self) -> None:
        """Write the pending rows as one multi-row INSERT."""
        if self._pending:
            self.out.write("\n" + self._insert_head + ",\n".join(self._pending) + ";\n")
            self._pending = []
            self._pending_chars = 0

    def end(self) -> None:
        """Flush the last batch and commit."""
        self.flush()
        self.out.write("\nCOMMIT;\n")


def _sa_dialect(name: str) -> sa.Dialect:
    from sqlalchemy.dialects import mysql, postgresql, sqlite

    dialects: dict[str, Callable[[], sa.Dialect]] = {
        "sqlite": sqlite.dialect,
        "postgresql": postgresql.dialect,
        "mysql": mysql.dialect,
    }
    return dialects[name]()


class SqlWriter:
    """A single-table SQL script written record by record (the table is laid out from the first one)."""

    def __init__(
        self,
        out: TextIO,
        table_name: str,
        model: Any = None,
        *,
        dialect: str = "sqlite",
        create_table: bool = True,
        batch_size: int = 500,
    ) -> None:
        from pytest_forge.export.encode import RecordEncoder

        self.script = SqlScript(out, dialect, create_table=create_table, batch_size=batch_size)
        self.table_name = table_name
        self.model = model
        self.encoder = RecordEncoder(raw_bytes=True)
        self._started = False

    def _start(self, model: Any, first_row: dict[str, Any] | None) -> None:
        from pytest_forge.export.tables import TableLayout

        self.script.begin()
        self.script.table(TableLayout.of(self.table_name, model, first_row))
        self._started = True

    def write(self, record: Any) -> None:
        row = self.encoder.row(record)
        if not self._started:
            self._start(self.model or type(record), row)
        self.script.row(row)

    def finish(self) -> None:
        if not self._started:
            if self.model is None:
                self.script.begin()
            else:
                self._start(self.model, None)
        self.script.end()
        self.script.out.flush()
