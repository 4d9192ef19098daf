"""Real databases for the session tests: SQLite always, PostgreSQL/MariaDB when their URL is set.

Each test gets its own fresh schema (tables under a unique prefix), created before and
dropped after it, so parallel workers and other suites on a shared server never meet.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from tests.sqlalchemy.keys_schema import keys_schema
from tests.sqlalchemy.schema import shop_schema

SERVERS = {"postgresql": "FORGE_TEST_POSTGRES_URL", "mysql": "FORGE_TEST_MYSQL_URL"}
ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+psycopg", "mysql": "mysql+asyncmy"}


def _url(dialect: str, tmp_path: object) -> str:
    if dialect == "sqlite":
        return f"sqlite:///{tmp_path}/forge.db"
    variable = SERVERS[dialect]
    url = os.environ.get(variable)
    if not url:
        pytest.skip(f"no {dialect} server: set {variable} (e.g. in tox or CI) to run this test against one")
    return url


def _tables(request: pytest.FixtureRequest, tmp_path: object, make: Any, metadata: Any) -> Iterator[Any]:
    """(URL, schema): ``make``'s tables created in the parametrized database, dropped afterwards."""
    url = _url(request.param, tmp_path)
    schema = make(prefix=f"f16_{uuid.uuid4().hex[:8]}_")
    engine = create_engine(url)
    metadata(schema).create_all(engine)
    try:
        yield url, schema
    finally:
        metadata(schema).drop_all(engine)
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql", "mysql"])
def database(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[tuple[str, SimpleNamespace]]:
    """(URL, schema): the shop tables created in a real database, dropped afterwards."""
    yield from _tables(request, tmp_path, shop_schema, lambda schema: schema.Base.metadata)


@pytest.fixture(params=["sqlite", "postgresql", "mysql"])
def keys_database(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[tuple[str, SimpleNamespace]]:
    """(URL, schema): the tables of ``keys_schema`` in a real database, dropped afterwards."""
    yield from _tables(request, tmp_path, keys_schema, lambda schema: schema.Employee.metadata)


@pytest.fixture
def keys_session(keys_database: tuple[str, SimpleNamespace]) -> Iterator[Session]:
    """A never-committed session on ``keys_database``; SQLite enforces foreign keys too."""
    engine = create_engine(keys_database[0])
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA foreign_keys=ON"))
    with Session(engine) as opened:
        yield opened
        opened.rollback()
    engine.dispose()


@pytest.fixture
def session(database: tuple[str, SimpleNamespace]) -> Iterator[Session]:
    """A session inside a transaction the test never commits (rolled back after it)."""
    engine = create_engine(database[0])
    with Session(engine) as opened:
        yield opened
        opened.rollback()
    engine.dispose()


def async_url(url: str) -> str:
    """The same database through the async driver of its dialect."""
    parsed = make_url(url)
    return str(parsed.set(drivername=ASYNC_DRIVERS[parsed.get_backend_name()]).render_as_string(False))
