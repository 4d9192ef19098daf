from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

SERVERS = {"postgresql": "FORGE_TEST_POSTGRES_URL", "mysql": "FORGE_TEST_MYSQL_URL"}


def server_url(dialect: str) -> str:
    """The URL of a real server from the environment, or a skip that says which variable to set."""
    variable = SERVERS[dialect]
    url = os.environ.get(variable)
    if not url:
        pytest.skip(f"no {dialect} server: set {variable} (e.g. in tox or CI) to run this test against one")
    return url


@pytest.fixture
def table_name() -> str:
    """A table name no parallel test shares."""
    return f"forge_{uuid.uuid4().hex[:10]}"


@pytest.fixture(params=["sqlite", "postgresql", "mysql"])
def database(request: pytest.FixtureRequest, tmp_path, table_name: str) -> Iterator[tuple[str, str]]:
    """(URL, dialect) of SQLite in a temporary file, then each real server in the environment."""
    dialect = request.param
    url = f"sqlite:///{tmp_path / 'test.db'}" if dialect == "sqlite" else server_url(dialect)
    yield url, dialect
    drop_tables(url, f"{table_name}_child", table_name)


def drop_tables(url: str, *names: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            for name in names:
                quoted = engine.dialect.identifier_preparer.quote_identifier(name)
                connection.execute(sa.text(f"DROP TABLE IF EXISTS {quoted}"))
    finally:
        engine.dispose()
