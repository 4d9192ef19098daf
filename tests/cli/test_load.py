from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa


def counts(path: Path) -> tuple[int, int, int]:
    """(customers, orders, orders whose customer does not exist)."""
    connection = sqlite3.connect(path)
    try:
        customers = connection.execute("SELECT COUNT(*) FROM customer").fetchone()[0]
        orders = connection.execute('SELECT COUNT(*) FROM "order"').fetchone()[0]
        orphans = connection.execute(
            'SELECT COUNT(*) FROM "order" o LEFT JOIN customer c ON c.id = o.customer_id WHERE c.id IS NULL'
        ).fetchone()[0]
    finally:
        connection.close()
    return customers, orders, orphans


def test_load_creates_the_tables_and_children_point_at_loaded_parents(run, tmp_path: Path):
    db = tmp_path / "dev.db"
    result = run(
        "load", "tests.cli.models:Customer:10", "tests.cli.models:Order:200", "--db", f"sqlite:///{db}"
    )
    assert result.exit_code == 0, result.stderr
    assert counts(db) == (10, 200, 0)


def test_models_are_loaded_parents_first_whatever_order_they_are_named_in(run, tmp_path: Path):
    db = tmp_path / "dev.db"
    run("load", "tests.cli.models:Order:30", "tests.cli.models:Customer:3", "--db", str(db))
    assert counts(db) == (3, 30, 0)


def test_a_second_load_keeps_the_rows_and_continues_the_keys(run, tmp_path: Path):
    db = tmp_path / "dev.db"
    for _ in range(2):
        run(
            "load",
            "tests.cli.models:Customer:10",
            "tests.cli.models:Order:20",
            "--db",
            str(db),
            "--seed",
            "42",
        )
    connection = sqlite3.connect(db)
    ids = [row[0] for row in connection.execute("SELECT id FROM customer ORDER BY id")]
    connection.close()
    assert ids == list(range(1, 21))
    assert counts(db) == (20, 40, 0)


def test_a_failure_part_way_leaves_no_rows_at_all(run, tmp_path: Path):
    db = tmp_path / "dev.db"
    result = run("load", "tests.cli.models:Customer:10", "tests.cli.models:Patient:5", "--db", str(db))
    assert result.exit_code == 1
    assert "will not generate Patient" in result.stderr
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT COUNT(*) FROM customer").fetchone() == (0,)
    connection.close()


def test_a_bad_database_url_is_one_line_and_exit_status_2(run):
    result = run("load", "tests.cli.models:Customer", "--db", "nosuch://x")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "'nosuch' is not SQLite, PostgreSQL or MySQL" in result.stderr


def test_a_database_file_in_a_missing_directory_is_exit_status_2(run):
    result = run("load", "tests.cli.models:Customer", "--db", "no/such/dir/dev.db")
    assert result.exit_code == 2
    assert "the directory no/such/dir does not exist" in result.stderr


def test_load_into_a_real_server(run, server_database: str):
    result = run("load", "tests.cli.models:Customer:5", "tests.cli.models:Order:50", "--db", server_database)
    assert result.exit_code == 0, result.stderr
    engine = sa.create_engine(server_database)
    try:
        with engine.connect() as connection:
            quote = engine.dialect.identifier_preparer.quote_identifier
            orphans = connection.execute(
                sa.text(
                    f"SELECT COUNT(*) FROM {quote('order')} o LEFT JOIN {quote('customer')} c "
                    "ON c.id = o.customer_id WHERE c.id IS NULL"
                )
            ).scalar()
            total = connection.execute(sa.text(f"SELECT COUNT(*) FROM {quote('order')}")).scalar()
    finally:
        engine.dispose()
    assert (total, orphans) == (50, 0)
