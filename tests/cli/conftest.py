from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from click.testing import CliRunner


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path):
    """Invoke ``forge ...`` in-process from the project root (so tests.cli.models imports), stderr apart."""
    from pytest_forge.cli import main

    monkeypatch.chdir(ROOT)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(params=["postgresql", "mysql"])
def server_database(request: pytest.FixtureRequest) -> Iterator[str]:
    """A URL of a fresh, empty namespace on a real server (a PostgreSQL schema, a MySQL database)."""
    import sqlalchemy as sa

    from tests.export.conftest import server_url

    base = server_url(request.param)
    name = f"forge_cli_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(
            sa.text(f"CREATE {'SCHEMA' if request.param == 'postgresql' else 'DATABASE'} {name}")
        )
    url = sa.engine.make_url(base)
    if request.param == "postgresql":
        url = url.update_query_dict({"options": f"-csearch_path={name}"})
    else:
        url = url.set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            what = "SCHEMA" if request.param == "postgresql" else "DATABASE"
            connection.execute(sa.text(f"DROP {what} {name}{' CASCADE' if what == 'SCHEMA' else ''}"))
        engine.dispose()
