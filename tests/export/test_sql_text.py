from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from pytest_forge import DataExporter, ExportError

from .conftest import drop_tables, server_url
from .models import Account, Address, Customer, Purchase, expected, hostile_accounts
from .roundtrip import rows_from_database, rows_from_sqlite, run_script, validated


def test_sqlite_script_round_trips_through_the_sqlite3_module(tmp_path: Path):
    accounts = hostile_accounts()
    DataExporter.to_sql(accounts, tmp_path / "accounts.sql", table_name="accounts")
    run_script(f"sqlite:///{tmp_path / 'loaded.db'}", (tmp_path / "accounts.sql").read_text(encoding="utf-8"))
    assert validated(Account, rows_from_sqlite(tmp_path / "loaded.db", "accounts")) == expected(accounts)


@pytest.mark.parametrize("dialect", ["postgresql", "mysql"])
def test_script_round_trips_through_a_real_server(dialect: str, tmp_path: Path, table_name: str):
    url = server_url(dialect)
    accounts = hostile_accounts()
    DataExporter.to_sql(accounts, tmp_path / "accounts.sql", table_name=table_name, dialect=dialect)
    try:
        run_script(url, (tmp_path / "accounts.sql").read_text(encoding="utf-8"))
        assert validated(Account, rows_from_database(url, table_name)) == expected(accounts)
    finally:
        drop_tables(url, table_name)


def sql_for(records, tmp_path: Path, **options) -> str:
    DataExporter.to_sql(records, tmp_path / "out.sql", **options)
    return (tmp_path / "out.sql").read_text(encoding="utf-8")


def test_the_default_table_is_the_models_snake_case_name_and_the_default_dialect_sqlite(tmp_path: Path):
    script = sql_for([Customer(id=1, name="Ada")], tmp_path)
    assert 'CREATE TABLE IF NOT EXISTS "customer"' in script
    assert "(sqlite)" in script.splitlines()[0]


@pytest.mark.parametrize(
    ("dialect", "quoted"), [("sqlite", '"order"'), ("postgresql", '"order"'), ("mysql", "`order`")]
)
def test_identifiers_are_quoted_per_dialect(dialect: str, quoted: str, tmp_path: Path):
    script = sql_for(hostile_accounts()[:1], tmp_path, table_name="t", dialect=dialect)
    assert f"({quoted.replace('order', 'id')}, {quoted}, " in script


def test_percent_signs_are_written_once_not_doubled_for_a_driver(tmp_path: Path):
    script = sql_for([Customer(id=1, name="50% off")], tmp_path, dialect="postgresql")
    assert "'50% off'" in script


@pytest.mark.parametrize(
    ("dialect", "literal"),
    [
        ("sqlite", "'a\\b''c'"),
        ("postgresql", "E'a\\\\b''c'"),
        ("mysql", "'a\\\\b\\'c'"),
    ],
)
def test_strings_are_escaped_per_dialect(dialect: str, literal: str, tmp_path: Path):
    assert literal in sql_for([Customer(id=1, name="a\\b'c")], tmp_path, dialect=dialect)


def test_mysql_writes_newlines_and_nul_as_backslash_escapes(tmp_path: Path):
    assert "'a\\nb\\0c'" in sql_for([Customer(id=1, name="a\nb\x00c")], tmp_path, dialect="mysql")


def test_sqlite_keeps_nul_characters_through_a_hex_literal(tmp_path: Path):
    DataExporter.to_sql([Customer(id=1, name="a\x00b")], tmp_path / "nul.sql")
    run_script(f"sqlite:///{tmp_path / 'nul.db'}", (tmp_path / "nul.sql").read_text(encoding="utf-8"))
    assert rows_from_sqlite(tmp_path / "nul.db", "customer")[0]["name"] == "a\x00b"


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql", "mysql"])
def test_no_raw_carriage_return_reaches_the_file_so_newline_translation_cannot_change_data(
    dialect: str, tmp_path: Path
):
    DataExporter.to_sql([Customer(id=1, name="a\r\nb\rc")], tmp_path / "cr.sql", dialect=dialect)
    assert b"\r" not in (tmp_path / "cr.sql").read_bytes()


def test_postgresql_refuses_nul_characters_with_a_clear_error_and_no_file(tmp_path: Path):
    with pytest.raises(ExportError, match="PostgreSQL text cannot hold NUL"):
        DataExporter.to_sql([Customer(id=1, name="a\x00b")], tmp_path / "nul.sql", dialect="postgresql")
    assert not (tmp_path / "nul.sql").exists()


def test_nan_and_infinity_are_written_as_null(tmp_path: Path):
    script = sql_for([{"id": 1, "x": float("nan"), "y": float("-inf")}], tmp_path, table_name="t")
    assert "(1, NULL, NULL)" in script


def test_lists_and_nested_models_are_written_as_json(tmp_path: Path):
    records = [{"id": 1, "tags": ["a", "b"], "address": {"city": "Zürich", "zip": None}}]
    script = sql_for(records, tmp_path, table_name="t", dialect="postgresql")
    assert """(1, '["a","b"]', '{"city":"Zürich","zip":null}')""" in script


@pytest.mark.parametrize(
    ("dialect", "types"),
    [
        ("sqlite", ['"price" TEXT', '"seen" DATETIME', '"ref" CHAR(36)', '"tags" TEXT', '"active" BOOLEAN']),
        (
            "postgresql",
            ['"price" NUMERIC(10, 2)', '"seen" TIMESTAMP WITH TIME ZONE', '"ref" UUID', '"tags" JSONB'],
        ),
        ("mysql", ["`price` DECIMAL(10, 2)", "`created` DATETIME(6)", "`status` VARCHAR(6)", "`tags` JSON"]),
    ],
)
def test_create_table_maps_each_fields_type_per_dialect(dialect: str, types: list[str], tmp_path: Path):
    script = sql_for(hostile_accounts()[:1], tmp_path, table_name="t", dialect=dialect)
    for column in types:
        assert column in script


def test_inserts_are_written_in_batches_of_batch_size_rows(tmp_path: Path):
    customers = [Customer(id=i, name=f"c{i}") for i in range(1, 6)]
    assert sql_for(customers, tmp_path, batch_size=2).count("INSERT INTO") == 3


def test_create_table_false_writes_only_inserts(tmp_path: Path):
    script = sql_for([Customer(id=1, name="Ada")], tmp_path, create_table=False)
    assert "CREATE TABLE" not in script
    assert "INSERT INTO" in script


def test_several_tables_go_into_one_file_parents_first_with_their_foreign_keys(tmp_path: Path):
    customers = [Customer(id=1, name="Ada"), Customer(id=2, name="Grace")]
    purchases = [Purchase(id=1, customer_id=2, total=Decimal("9.99"))]
    script = sql_for({"purchases": purchases, "customers": customers}, tmp_path)
    assert script.index('CREATE TABLE IF NOT EXISTS "customers"') < script.index('"purchases"')
    assert 'REFERENCES "customers" ("id")' in script
    connection = sqlite3.connect(":memory:")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.executescript(script)
    assert connection.execute('SELECT "customer_id" FROM "purchases"').fetchall() == [(2,)]


def test_an_unknown_dialect_is_an_export_error(tmp_path: Path):
    with pytest.raises(ExportError, match="unknown SQL dialect 'oracle'"):
        DataExporter.to_sql([Address(street="a", city="b")], tmp_path / "x.sql", dialect="oracle")


def test_plain_dicts_need_a_table_name(tmp_path: Path):
    with pytest.raises(ExportError, match="table_name"):
        DataExporter.to_sql([{"id": 1}], tmp_path / "x.sql")
