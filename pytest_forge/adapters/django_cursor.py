"""The statements of one forge call, executed on one cursor per connection as Django executes them.

``save()`` opens a cursor per row, and Django's cursor wrapper does per statement: run the
connection's execute wrappers (``connection.execute_wrapper``), log the query where queries are
logged (``DEBUG``, ``CaptureQueriesContext``, ``django_assert_num_queries``), refuse to run in a
broken transaction, turn the driver's errors into Django's, and on SQLite rewrite the ``%s``
placeholders to ``?`` (the same rewrite for the same statement text every time).

Where the connection logs no queries and has no execute wrappers, :class:`CallCursors` runs the
statement on the driver's cursor itself, doing what is left: the broken-transaction check and the
error conversion per statement, the placeholder rewrite once per statement text (by the SQLite
cursor's own ``convert_query``). Anywhere else (a query log, a wrapper, a backend other than
SQLite, PostgreSQL and MySQL/MariaDB) every statement goes through Django's cursor.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["CallCursors"]

#: backends whose wrapper's execute is ``cursor.execute(sql, params)`` on the driver's cursor
_DIRECT_VENDORS = frozenset({"sqlite", "postgresql", "mysql"})


class _Open:
    """A connection's cursor for the call, and how statements run on it."""

    __slots__ = ("connection", "converted", "driver", "sqlite_execute", "wrapper")

    def __init__(self, connection: Any) -> None:
        from django.apps import apps
        from django.db.backends.utils import CursorWrapper

        self.connection = connection
        self.wrapper = connection.cursor()
        # Django's plain wrapper (a logging one is another class), past the app-loading warning
        direct = type(self.wrapper) is CursorWrapper and connection.vendor in _DIRECT_VENDORS and apps.ready
        self.driver: Any = self.wrapper.cursor if direct else None
        self.sqlite_execute: Callable[..., Any] | None = _sqlite_execute(self.driver)
        self.converted: dict[str, str] = {}


def _sqlite_execute(driver: Any) -> Callable[..., Any] | None:
    """sqlite3's own ``Cursor.execute`` where ``driver`` is Django's SQLite cursor, whose ``execute``
    rewrites the placeholders and calls it."""
    if driver is None:
        return None
    from django.db.backends.sqlite3.base import Database, SQLiteCursorWrapper

    if type(driver).execute is not SQLiteCursorWrapper.execute:
        return None
    execute: Callable[..., Any] = Database.Cursor.execute
    return execute


class CallCursors:
    """One cursor per connection for a call (closed at its end), and each connection looked up once
    per alias (``connections[alias]`` is a thread-local lookup)."""

    def __init__(self) -> None:
        from django import db

        self._connections = db.connections
        self._by_alias: dict[str, Any] = {}
        self._open: dict[int, _Open] = {}

    def connection(self, using: str) -> Any:
        """``connections[using]``, looked up once per call."""
        found = self._by_alias.get(using)
        if found is None:
            found = self._by_alias[using] = self._connections[using]
        return found

    def execute(
        self, connection: Any, sql: str, params: Any, read: Callable[[Any], Any] | None = None
    ) -> Any:
        """Run the statement; ``read`` (given the cursor) reads its results, as part of it."""
        open_ = self._open.get(id(connection))
        if open_ is None or open_.connection is not connection:
            open_ = self._open[id(connection)] = _Open(connection)
        driver = open_.driver
        if driver is None or params is None or connection.execute_wrappers:
            open_.wrapper.execute(sql, params)
            return read(open_.wrapper) if read is not None else None
        connection.validate_no_broken_transaction()
        with connection.wrap_database_errors:
            if open_.sqlite_execute is not None:
                rewritten = open_.converted.get(sql)
                if rewritten is None:
                    rewritten = open_.converted[sql] = driver.convert_query(sql)
                open_.sqlite_execute(driver, rewritten, params)
            else:
                driver.execute(sql, params)
            return read(driver) if read is not None else None

    def close(self) -> None:
        """Close the call's cursors (at the end of the outermost call)."""
        opened, self._open = self._open, {}
        self._by_alias = {}
        for open_ in opened.values():
            with contextlib.suppress(Exception):  # best effort: a connection closed meanwhile
                open_.wrapper.close()
