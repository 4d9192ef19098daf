"""forge load --partitions: COPY into a real PostgreSQL, one transaction per partition, restartable."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from pytest_forge import ExportError, UsageError
from pytest_forge.partitions import partition
from pytest_forge.partitions.engines import engine, run_serially
from pytest_forge.partitions.pg_load import load_partitions, load_task
from pytest_forge.partitions.run import RunPlan

from .models import Customer, Invoice, Product

SHOP = ((Customer, 30), (Product, 8), (Invoice, 60))


@pytest.fixture
def postgres() -> Iterator[str]:
    """A URL whose search_path is a fresh, empty schema on the real server."""
    import sqlalchemy as sa

    from tests.export.conftest import server_url

    base = server_url("postgresql")
    name = f"forge_parts_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {name}"))
    url = sa.engine.make_url(base).update_query_dict({"options": f"-csearch_path={name}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


def query(url, sql):
    import sqlalchemy as sa

    db = sa.create_engine(url)
    try:
        with db.connect() as connection:
            return connection.execute(sa.text(sql)).all()
    finally:
        db.dispose()


def plan(seed=4):
    return RunPlan(SHOP, 3, seed, "csv", "")


def serial(tasks):
    return run_serially(tasks, load_task)


def test_partitions_are_copied_with_foreign_keys_that_hold(postgres):
    loaded = load_partitions(plan(), postgres, engine("processes", 2, work=load_task))
    assert loaded == {"customer": 30, "product": 8, "invoice": 60}
    assert query(postgres, "SELECT count(*) FROM invoice i JOIN customer c ON c.id = i.customer_id") == [
        (60,)
    ]
    emails = [
        row[0] for row in query(postgres, "SELECT email FROM customer WHERE id BETWEEN 11 AND 20 ORDER BY id")
    ]
    made = partition(Customer, index=1, of=3, count=30, seed=4, parents={Product: 8, Invoice: 60})
    assert emails == [c.email for c in made]
    assert query(postgres, "SELECT count(*) FROM _forge_partitions") == [(9,)]


def test_a_stopped_load_resumes_without_duplicates(postgres):
    def stops_after_five(tasks, _seen=[]):  # noqa: B006 - counts across the three tables
        for done in serial(tasks):
            _seen.append(done)
            if len(_seen) == 5:
                raise KeyboardInterrupt
            yield done

    with pytest.raises(KeyboardInterrupt):
        load_partitions(plan(), postgres, stops_after_five)
    assert query(postgres, "SELECT count(*) FROM customer") == [(30,)]
    again = load_partitions(plan(), postgres, serial)
    # product partitions 0 and 1 were committed before the stop (1 was never reported): only 2 is left
    assert again == {"customer": 0, "product": 2, "invoice": 60}
    assert query(postgres, "SELECT count(*), count(DISTINCT id) FROM product") == [(8, 8)]
    assert load_partitions(plan(), postgres, serial) == {"customer": 0, "product": 0, "invoice": 0}


def test_another_seed_into_the_same_tables_is_a_clear_error_and_loads_nothing_of_that_partition(postgres):
    load_partitions(plan(seed=1), postgres, serial)
    with pytest.raises(
        ExportError, match=r"loading partition 0 of customer failed .*rerun to resume.*duplicate key"
    ):
        load_partitions(plan(seed=2), postgres, serial)
    assert query(postgres, "SELECT count(*) FROM customer") == [(30,)]


def test_only_postgresql_takes_partitions(tmp_path):
    with pytest.raises(UsageError, match="uses PostgreSQL's COPY"):
        load_partitions(plan(), f"sqlite:///{tmp_path}/x.db", serial)


def forge_cli(*args):
    from click.testing import CliRunner

    from pytest_forge.cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_forge_load_with_partitions_copies_and_a_rerun_loads_nothing_more(postgres):
    models = ("tests.partitions.models:Customer:12", "tests.partitions.models:Invoice:40")
    args = ("load", *models, "--db", postgres, "--partitions", "4", "--engine", "serial", "--seed", "3")
    first = forge_cli(*args)
    assert first.exit_code == 0, first.stderr
    assert forge_cli(*args).exit_code == 0
    assert query(postgres, "SELECT count(*), count(DISTINCT id), max(id) FROM invoice") == [(40, 40, 40)]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--partitions", "2"), "--partitions needs --seed S"),
        (("--engine", "dask"), "--engine, --workers and --scheduler need --partitions P"),
    ],
)
def test_forge_load_partition_flags_are_checked(tmp_path, extra, message):
    result = forge_cli(
        "load", "tests.partitions.models:Customer:3", "--db", f"sqlite:///{tmp_path}/x.db", *extra
    )
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_dask_load_runs_every_table_on_one_local_cluster(postgres, monkeypatch):
    import distributed

    started = []
    real = distributed.LocalCluster

    def counted(*args, **kwargs):
        started.append(kwargs.get("processes"))
        return real(*args, **kwargs)

    monkeypatch.setattr(distributed, "LocalCluster", counted)
    loaded = load_partitions(plan(), postgres, engine("dask", 2, work=load_task))
    assert loaded == {"customer": 30, "product": 8, "invoice": 60}
    assert started == [True]
    joined = query(postgres, "SELECT count(*) FROM invoice i JOIN customer c ON c.id = i.customer_id")
    assert joined == [(60,)]


def test_bytes_that_are_not_utf8_are_copied_into_bytea_exactly(postgres):
    from pytest_forge.partitions.generate import partition_chunks
    from tests.export.models import Attachment

    run = RunPlan(((Attachment, 12),), 2, 9, "csv", "")
    assert load_partitions(run, postgres, serial) == {"attachment": 12}
    rows = query(postgres, "SELECT payload, pg_typeof(payload)::text FROM attachment ORDER BY id")
    assert {kind for _, kind in rows} == {"bytea"}
    made = [
        record.payload
        for task in run.tasks()
        for chunk in partition_chunks(
            task.model,
            index=task.index,
            of=task.of,
            count=task.count,
            seed=task.seed,
            parents=dict(task.parents),
            locale=task.locale,
            allow_pii=task.allow_pii,
        )
        for record in chunk
    ]
    assert sorted(bytes(payload) for payload, _ in rows) == sorted(made)
    assert all(not payload.isascii() for payload in made)
