"""Loading into real databases through SQLAlchemy: SQLite by path, PostgreSQL and MySQL/MariaDB by URL.

Everything goes through one connection and one transaction, so a failure leaves no
rows behind. Tables are created when missing (all of them before the first row:
MySQL commits on DDL) and appended to when present.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ExportError

if TYPE_CHECKING:
    from types import TracebackType

    import sqlalchemy as sa

    from pytest_forge.export.tables import TableLayout

__all__ = ["DatabaseLoader", "database_url", "dialect_of", "shown_url"]

_DRIVER_HINTS = {
    "postgresql": "pytest-forge[postgres]",
    "mysql": "pytest-forge[mysql]",
    "mariadb": "pytest-forge[mysql]",
}


def database_url(target: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL: URLs pass through, a plain path means a SQLite file."""
    text = os.fspath(target)
    if "://" in text:
        return text
    return f"sqlite:///{text}"


def shown_url(url: str) -> str:
    """The URL with its password hidden, for messages."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<invalid URL>"


def dialect_of(url: str) -> str:
    """``sqlite``, ``postgresql`` or ``mysql`` for a URL (an ExportError for anything else)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from pytest_forge.export.sqltypes import check_dialect

    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        raise ExportError(f"not a database URL: {url!r} (expected e.g. sqlite:///dev.db)") from None
    try:
        return check_dialect(backend)
    except ExportError:
        raise ExportError(
            f"{shown_url(url)}: {backend!r} is not SQLite, PostgreSQL or MySQL/MariaDB"
        ) from None


def _engine(url: str) -> sa.Engine:
    import sqlalchemy as sa

    dialect = dialect_of(url)
    options: dict[str, Any] = {}
    if dialect == "mysql" and "charset=" not in url:
        options["connect_args"] = {"charset": "utf8mb4"}
    try:
        return sa.create_engine(url, **options)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
        raise ExportError(f"cannot use {shown_url(url)}: {exc}") from None
    except ImportError as exc:
        raise ExportError(_missing_driver(url, dialect, exc.name)) from None


#: drivers SQLAlchemy can use per backend, as (URL driver name, module to look for)
_KNOWN_DRIVERS = {
    "mysql": (("pymysql", "pymysql"), ("mysqlconnector", "mysql.connector"), ("mysqldb", "MySQLdb")),
    "mariadb": (("pymysql", "pymysql"), ("mysqlconnector", "mysql.connector"), ("mysqldb", "MySQLdb")),
    "postgresql": (("psycopg", "psycopg"), ("psycopg2", "psycopg2"), ("pg8000", "pg8000")),
}


def _missing_driver(url: str, dialect: str, missing: str | None) -> str:
    """Name an installed driver in the URL (``mysql+pymysql://``) when there is one, else the extra."""
    import importlib.util

    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    backend = parsed.get_backend_name()
    for driver, module in _KNOWN_DRIVERS.get(backend, ()):
        if driver != parsed.get_driver_name() and importlib.util.find_spec(module) is not None:
            suggested = parsed.set(drivername=f"{backend}+{driver}").render_as_string(hide_password=True)
            return (
                f"{shown_url(url)} asks for the {parsed.get_driver_name()} driver ({missing}), which is not "
                f"installed; {driver} is, so name it in the URL: {suggested}"
            )
    hint = _DRIVER_HINTS.get(dialect, "the database driver")
    return f"the driver for {shown_url(url)} is not installed ({missing}); pip install {hint}"


class DatabaseLoader:
    """One transaction for a whole load: ``with DatabaseLoader(url) as db:``, then prepare and write."""

    def __init__(self, url: str, *, batch_size: int = 1000) -> None:
        self.url = database_url(url)
        self.dialect = dialect_of(self.url)
        self.batch_size = batch_size
        self.rows_written = 0
        self._tables: dict[str, sa.Table] = {}
        self._metadata: sa.MetaData | None = None
        self._inserts: dict[str, Any] = {}
        self._pending: dict[str, list[dict[str, Any]]] = {}
        self._connection: sa.Connection | None = None

    def __enter__(self) -> DatabaseLoader:
        import sqlalchemy as sa

        self._check_sqlite_directory()
        self._engine = _engine(self.url)
        try:
            self._connection = self._engine.connect()
        except sa.exc.SQLAlchemyError as exc:
            self._engine.dispose()
            raise ExportError(f"cannot connect to {shown_url(self.url)}: {_first_line(exc)}") from None
        self._transaction = self._connection.begin()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if kind is None:
                self._flush_all()
                self._transaction.commit()
            else:
                self._transaction.rollback()
        except Exception as error:
            self._transaction.rollback()
            raise self._failed(error) from None
        finally:
            self.connection.close()
            self._engine.dispose()

    @property
    def connection(self) -> sa.Connection:
        if self._connection is None:
            raise ExportError("the DatabaseLoader is not open; use it in a with block")
        return self._connection

    def _check_sqlite_directory(self) -> None:
        from sqlalchemy.engine import make_url

        database = make_url(self.url).database if self.dialect == "sqlite" else None
        if (
            database
            and database != ":memory:"
            and not os.path.isdir(os.path.dirname(os.path.abspath(database)))
        ):
            raise ExportError(f"cannot create {database}: its directory does not exist")

    def prepare(self, layout: TableLayout) -> None:
        """Create the table when it is missing; check an existing one has every column."""
        import sqlalchemy as sa

        self._metadata = self._metadata if self._metadata is not None else sa.MetaData()
        table = layout.sa_table(self._metadata, self.dialect, self._tables)
        inspector = sa.inspect(self.connection)
        try:
            if inspector.has_table(layout.name):
                self._check_columns(layout, {c["name"] for c in inspector.get_columns(layout.name)})
            else:
                table.create(self.connection)
        except sa.exc.SQLAlchemyError as exc:
            raise self._failed(exc) from None
        if layout.model_name:
            self._tables[layout.model_name] = table
        self._inserts[layout.name] = sa.table(
            layout.name, *(sa.column(c.name) for c in layout.columns)
        ).insert()
        self._pending[layout.name] = []

    def _check_columns(self, layout: TableLayout, existing: set[str]) -> None:
        missing = [c.name for c in layout.columns if c.name not in existing]
        if missing:
            raise ExportError(
                f"table {layout.name!r} already exists in {shown_url(self.url)} without the column(s) "
                f"{', '.join(missing)}; drop it or load into another table",
                model=layout.model,
            )

    def write(self, layout: TableLayout, row: dict[str, Any]) -> None:
        """Queue one encoded row (flushed in batches)."""
        names = layout.converters
        pending = self._pending[layout.name]
        pending.append({name: value for (name, _), value in zip(names, layout.values(row), strict=True)})
        if len(pending) >= self.batch_size:
            self.flush(layout.name)

    def flush(self, table_name: str) -> None:
        """Send a table's queued rows in one executemany."""
        import sqlalchemy as sa

        pending = self._pending[table_name]
        if not pending:
            return
        try:
            self.connection.execute(self._inserts[table_name], pending)
        except sa.exc.SQLAlchemyError as exc:
            raise self._failed(exc) from None
        self.rows_written += len(pending)
        self._pending[table_name] = []

    def _flush_all(self) -> None:
        for name in self._pending:
            self.flush(name)

    def max_value(self, table_name: str, column: str) -> Any:
        """``MAX(column)`` of an existing table (None when the table is missing or empty)."""
        import sqlalchemy as sa

        if not sa.inspect(self.connection).has_table(table_name):
            return None
        query: sa.Select[Any] = sa.select(sa.func.max(sa.column(column))).select_from(sa.table(table_name))
        return self.connection.execute(query).scalar()

    def _failed(self, exc: BaseException) -> ExportError:
        if isinstance(exc, ExportError):
            return exc
        return ExportError(
            f"loading into {shown_url(self.url)} failed, nothing was loaded: {_first_line(exc)}"
        )


def _first_line(exc: BaseException) -> str:
    import sqlalchemy as sa

    inner = exc.orig if isinstance(exc, sa.exc.DBAPIError) and exc.orig is not None else exc
    return (str(inner).strip().splitlines() or [type(inner).__name__])[0]
