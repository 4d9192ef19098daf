"""``forge load`` with SQLAlchemy models: their own tables, created when missing, saved parents first."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from pytest_forge.cli import main
from tests.sqlalchemy.cli_models import Customer, Note, Order, OrderLine

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def load(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(ROOT)

    def invoke(*args: str):
        return CliRunner().invoke(main, ["load", *args], catch_exceptions=False)

    return invoke


def _count(url: str, model: object) -> int:
    engine = create_engine(url)
    with Session(engine) as session:
        found = int(session.scalar(select(func.count()).select_from(model)) or 0)
    engine.dispose()
    return found


def test_load_writes_into_the_mapped_tables_parents_first(load, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    result = load("tests.sqlalchemy.cli_models:OrderLine:40", "tests.sqlalchemy.cli_models:Customer:5",
                  "--db", url, "--seed", "3")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert _count(url, Customer) == 5
    assert _count(url, OrderLine) == 40
    engine = create_engine(url)
    with Session(engine) as session:
        orphans = session.scalar(
            select(func.count()).select_from(OrderLine).outerjoin(Order).where(Order.id.is_(None))
        )
    engine.dispose()
    assert orphans == 0


def test_a_second_load_adds_rows_without_unique_collisions(load, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    for _ in range(2):
        result = load("tests.sqlalchemy.cli_models:Customer:30", "--db", url, "--seed", "7")
        assert result.exit_code == 0, result.stderr
    assert _count(url, Customer) == 60


def test_an_index_the_database_cannot_build_is_reported_once_and_not_fatal(load, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'notes.db'}"
    result = load("tests.sqlalchemy.cli_models:Note:5", "--db", url)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("index ix_notes_fancy on notes was not created") == 1
    assert _count(url, Note) == 5


def test_mixing_sqlalchemy_and_other_models_is_a_usage_error(load, tmp_path: Path) -> None:
    result = load("tests.sqlalchemy.cli_models:Note:1", "tests.cli.models:Customer:1",
                  "--db", str(tmp_path / "x.db"))  # fmt: skip
    assert result.exit_code == 2
    assert "separate `forge load` runs" in result.stderr


@pytest.mark.skipif(not os.environ.get("FORGE_TEST_POSTGRES_URL"), reason="set FORGE_TEST_POSTGRES_URL")
def test_load_into_postgresql_creates_only_the_missing_tables(load) -> None:
    from tests.sqlalchemy.schema import shop_schema

    schema = shop_schema(prefix="f16_cli_")
    url = os.environ["FORGE_TEST_POSTGRES_URL"]
    engine = create_engine(url)
    schema.Base.metadata.drop_all(engine)
    try:
        from pytest_forge import Forge
        from pytest_forge.sqlalchemy.loading import load_mapped

        loaded = load_mapped(Forge(seed=1), [(schema.Order, 25), (schema.Customer, 4)], url, report=print)
        assert loaded == {"f16_cli_customers": 4, "f16_cli_orders": 25}
        assert _count(url, schema.Order) == 25
    finally:
        schema.Base.metadata.drop_all(engine)
        engine.dispose()


def test_generate_to_a_database_url_saves_into_the_mapped_table(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    url = f"sqlite:///{tmp_path / 'gen.db'}"
    args = ["generate", "tests.sqlalchemy.cli_models:Order", "-n", "12", "-o", url, "--seed", "2"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert _count(url, Order) == 12
    assert _count(url, Customer) >= 1


def test_generate_refuses_a_table_name_for_a_mapped_model(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    args = ["generate", "tests.sqlalchemy.cli_models:Order", "-o", str(tmp_path / "x.db"), "--table", "t"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 2
    assert "--table does not apply to Order" in result.stderr
