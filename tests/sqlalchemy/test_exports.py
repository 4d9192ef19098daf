"""SQLAlchemy models in files (column rows, real parent keys) and streamed through a session."""

from __future__ import annotations

import csv
import gc
import json
import sqlite3
import weakref
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pytest_forge import Forge, UsageError
from pytest_forge.cli import main
from pytest_forge.export import DataExporter
from tests.sqlalchemy.keys_schema import keys_schema
from tests.sqlalchemy.schema import shop_schema

ROOT = Path(__file__).resolve().parents[2]


def test_a_jsonl_stream_writes_column_values_with_counted_keys_and_parent_keys(tmp_path: Path) -> None:
    shop = shop_schema()
    out = tmp_path / "orders.jsonl"
    list(Forge(seed=2).create_stream(shop.Order, 40, out))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == list(range(1, 41))
    columns = {c.name for c in shop.Order.__table__.columns}
    assert all(set(r) == columns for r in rows)  # no customer / tags / lines objects
    assert all(isinstance(r["customer_id"], int) for r in rows)


def test_a_file_row_uses_column_names_and_the_parents_key_of_a_key_column(tmp_path: Path) -> None:
    schema = keys_schema()
    forge = Forge(seed=2)
    list(forge.create_stream(schema.Author, 3, tmp_path / "authors.jsonl"))
    authors = [json.loads(line)["id"] for line in (tmp_path / "authors.jsonl").read_text().splitlines()]
    assert authors == [1, 2, 3]
    out = tmp_path / "books.jsonl"
    list(forge.create_stream(schema.Book, 10, out))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert all("title" in r and "title_text" not in r for r in rows)
    # the streamed authors are not kept (memory stays flat): new ones were counted after them
    assert all(isinstance(r["author_id"], int) and r["author_id"] > 3 for r in rows)


def test_a_composite_key_is_written_as_one_parents_key_tuple(tmp_path: Path) -> None:
    schema = keys_schema()
    forge = Forge(seed=2)
    keys = {(w.region, w.code) for w in forge.create_batch(schema.Warehouse, count=3)}
    out = tmp_path / "bins.csv"
    list(forge.create_stream(schema.Bin, 12, out))
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["wh_region"], int(r["wh_code"])) for r in rows} <= keys


def test_exporter_writes_mapped_instances_like_pydantic_ones(tmp_path: Path) -> None:
    shop = shop_schema()
    forge = Forge(seed=2)
    customer = forge.create(shop.Customer, id=3)
    orders = forge.create_batch(shop.Order, count=5, customer=customer)
    assert DataExporter.to_json(orders, tmp_path / "o.json") == 5
    rows = json.loads((tmp_path / "o.json").read_text())
    assert {r["customer_id"] for r in rows} == {3}


def test_generate_writes_a_sql_script_that_loads_into_sqlite(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "orders.sql"
    result = CliRunner().invoke(
        main, ["generate", "tests.sqlalchemy.cli_models:Order", "-n", "25", "-o", str(out), "--seed", "4"],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    connection = sqlite3.connect(":memory:")
    connection.executescript(out.read_text())
    table = shop_table_name()
    count, keys, parents = connection.execute(
        f'SELECT count(*), count(DISTINCT id), count(customer_id) FROM "{table}"'
    ).fetchone()
    assert (count, keys, parents) == (25, 25, 25)


def shop_table_name() -> str:
    from tests.sqlalchemy.cli_models import Order

    return str(Order.__tablename__)


def test_a_stream_without_session_keeps_database_keys_none() -> None:
    shop = shop_schema()
    orders = list(Forge(seed=2).create_stream(shop.Order, 5))
    assert {o.id for o in orders} == {None}
    assert all(o.customer is not None for o in orders)


def test_a_stream_through_a_session_flushes_each_chunk_and_lets_rows_go(
    database: tuple[str, SimpleNamespace], session: Session
) -> None:
    schema = database[1]
    alive = []
    for n, line in enumerate(Forge(seed=3).create_stream(schema.OrderLine, 2500, session=session), 1):
        assert line.id is not None  # flushed: the database gave it its key
        if n % 250 == 0:
            alive.append(weakref.ref(line))
    del line
    gc.collect()
    assert session.scalar(select(func.count()).select_from(schema.OrderLine)) == 2500
    assert sum(ref() is not None for ref in alive) <= 2  # the last chunk at most, not all 2,500


def test_a_stream_refuses_an_async_session(tmp_path: Path) -> None:
    from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

    shop = shop_schema()
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'a.db'}")
    with pytest.raises(UsageError, match="create_stream saves through a synchronous Session"):
        Forge(seed=1).create_stream(shop.Order, 3, session=AsyncSession(engine))


def test_a_stream_of_a_model_that_is_not_saved_refuses_session() -> None:
    from pydantic import BaseModel

    class Plain(BaseModel):
        name: str

    with pytest.raises(UsageError, match="built in memory only: drop session"):
        Forge(seed=1).create_stream(Plain, 3, session=object())


def test_partitions_write_mapped_tables_as_parquet_with_keys_across_partitions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.chdir(ROOT)
    out = tmp_path / "shop"
    result = CliRunner().invoke(
        main,
        ["generate", "tests.sqlalchemy.cli_models:Customer:20", "tests.sqlalchemy.cli_models:Tag:5",
         "tests.sqlalchemy.cli_models:Order:60", "--partitions", "3", "--engine", "serial",
         "-o", str(out), "--format", "parquet", "--seed", "2"],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    customers = pq.read_table(out / "customer")
    orders = pq.read_table(out / "order")
    assert sorted(customers.column("id").to_pylist()) == list(range(1, 21))
    assert sorted(orders.column("id").to_pylist()) == list(range(1, 61))
    assert set(orders.column("customer_id").to_pylist()) <= set(range(1, 21))
    assert "customer" not in orders.schema.names


def test_a_decorated_column_is_written_as_its_bind_stores_it(tmp_path: Path) -> None:
    shop = shop_schema()
    out = tmp_path / "customers.jsonl"
    list(Forge(seed=2).create_stream(shop.Customer, 3, out, nickname="MiXeD"))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["nickname"] for r in rows} == {"mixed"}  # LowerText's process_bind_param lower-cases


def test_generate_writes_sqlmodel_tables_to_csv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "heroes.csv"
    result = CliRunner().invoke(
        main, ["generate", "tests.sqlalchemy.sqlmodel_models:Hero", "-n", "20", "-o", str(out)],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 20
    assert set(rows[0]) == {"id", "name", "age", "email", "team_id"}
    assert sorted(int(r["id"]) for r in rows) == list(range(1, 21))
    assert all(3 <= len(r["name"]) <= 20 for r in rows)
    assert all(r["team_id"] == "" or int(r["team_id"]) >= 1 for r in rows)
