from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from pytest_forge import DataExporter, ExportError, Forge

from .conftest import drop_tables, server_url
from .models import Account, Customer, Gift, Purchase, expected, hostile_accounts
from .roundtrip import rows_from_database, rows_from_sqlite, validated


def test_to_database_round_trips_hostile_records(database: tuple[str, str], table_name: str):
    url, _dialect = database
    accounts = hostile_accounts()
    assert Forge(seed=1).to_database(accounts, url, table_name=table_name) == len(accounts)
    assert validated(Account, rows_from_database(url, table_name)) == expected(accounts)


def test_to_database_appends_to_a_table_that_exists(database: tuple[str, str], table_name: str):
    url, _dialect = database
    DataExporter.to_database([Customer(id=1, name="Ada")], url, table_name)
    DataExporter.to_database([Customer(id=2, name="Grace")], url, table_name)
    assert [row["name"] for row in rows_from_database(url, table_name)] == ["Ada", "Grace"]


def test_a_failing_load_leaves_no_rows_behind(database: tuple[str, str], table_name: str):
    url, _dialect = database
    DataExporter.to_database([Customer(id=1, name="Ada")], url, table_name)
    clashing = [Customer(id=i, name=f"c{i}") for i in range(2, 2500)] + [Customer(id=1, name="again")]
    with pytest.raises(ExportError, match="nothing was loaded"):
        DataExporter.to_database(clashing, url, table_name)
    assert [row["id"] for row in rows_from_database(url, table_name)] == [1]


def test_parents_are_loaded_before_children_whose_foreign_keys_the_database_enforces(
    database: tuple[str, str], table_name: str
):
    url, _dialect = database
    parents, children = table_name, f"{table_name}_child"
    records = {
        children: [Purchase(id=1, customer_id=7, total=Decimal("1.50"))],
        parents: [Customer(id=7, name="Ada")],
    }
    DataExporter.to_database(records, url)
    assert rows_from_database(url, children)[0]["customer_id"] == 7


def test_a_list_of_parent_keys_loads_as_json_without_a_foreign_key(
    database: tuple[str, str], table_name: str
):
    url, _dialect = database
    parents, children = table_name, f"{table_name}_child"
    records = {
        children: [Gift(id=1, customer_ids=[7, 8])],
        parents: [Customer(id=7, name="Ada"), Customer(id=8, name="Bo")],
    }
    DataExporter.to_database(records, url)
    assert validated(Gift, rows_from_database(url, children)) == [Gift(id=1, customer_ids=[7, 8])]


def test_an_existing_table_without_a_column_is_a_clear_error(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    DataExporter.to_database([{"id": 1}], url, "people")
    with pytest.raises(ExportError, match=r"'people' already exists .* without the column\(s\) name"):
        DataExporter.to_database([Customer(id=2, name="Ada")], url, "people")


def test_a_plain_path_means_a_sqlite_file(tmp_path: Path):
    DataExporter.to_database([Customer(id=1, name="Ada")], tmp_path / "plain.db")
    assert rows_from_sqlite(tmp_path / "plain.db", "customer") == [{"id": 1, "name": "Ada"}]


def test_aware_datetimes_are_stored_as_utc_in_sqlite(tmp_path: Path):
    DataExporter.to_database(hostile_accounts()[:1], tmp_path / "utc.db", "accounts")
    connection = sqlite3.connect(tmp_path / "utc.db")
    stored = connection.execute("SELECT seen FROM accounts").fetchone()[0]
    connection.close()
    assert stored == "2024-02-29T18:29:59.999999Z"  # 23:59:59.999999+05:30


def test_an_unreachable_server_is_an_export_error_without_the_password():
    with pytest.raises(ExportError, match=r"cannot connect to postgresql\+psycopg://u:\*\*\*@127.0.0.1:1/x"):
        DataExporter.to_database([Customer(id=1, name="Ada")], "postgresql+psycopg://u:secret@127.0.0.1:1/x")


def test_a_url_of_another_database_kind_is_an_export_error():
    with pytest.raises(ExportError, match="'oracle' is not SQLite, PostgreSQL or MySQL/MariaDB"):
        DataExporter.to_database([Customer(id=1, name="Ada")], "oracle://u@host/db")


def test_postgresql_refuses_nul_before_anything_is_loaded(table_name: str):
    url = server_url("postgresql")
    try:
        DataExporter.to_database([Customer(id=1, name="first")], url, table_name)
        with pytest.raises(ExportError, match="NUL"):
            DataExporter.to_database(
                [Customer(id=2, name="ok"), Customer(id=3, name="a\x00b")], url, table_name
            )
        assert [row["name"] for row in rows_from_database(url, table_name)] == ["first"]
    finally:
        drop_tables(url, table_name)
