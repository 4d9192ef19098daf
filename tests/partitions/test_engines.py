"""The same bytes whatever runs the partitions: this process, local processes, a real Dask LocalCluster."""

from __future__ import annotations

import json
import time

import pytest

from pytest_forge import UsageError
from pytest_forge.partitions.engines import engine, run_serially
from pytest_forge.partitions.run import execute

from .models import Customer, Order, Product

SMALL_SHOP = ((Customer, 30), (Product, 8), (Order, 60))


def part_files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("part-*"))}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The dataset made in this process: what every engine must reproduce byte for byte."""
    from pytest_forge.partitions.run import RunPlan

    root = tmp_path_factory.mktemp("reference")
    execute(RunPlan(SMALL_SHOP, 4, 3, "parquet", str(root)), run_serially)
    return root


@pytest.mark.parametrize(("name", "workers"), [("processes", 2), ("dask", 1), ("dask", 2)])
def test_every_engine_and_worker_count_writes_the_same_bytes(reference, shop_plan, tmp_path, name, workers):
    manifest = execute(shop_plan(models=SMALL_SHOP, partitions=4, seed=3), engine(name, workers))
    assert part_files(tmp_path / "out") == part_files(reference)
    assert len(part_files(reference)) == 12
    recorded = json.loads((reference / "_manifest.json").read_text(encoding="utf-8"))["done"]
    assert manifest.done == recorded


def test_a_dask_scheduler_that_cannot_be_reached_is_a_usage_error_naming_the_flag(shop_plan):
    started = time.monotonic()
    with pytest.raises(
        UsageError, match=r"cannot reach the Dask scheduler at 'tcp://127.0.0.1:9' \(--scheduler\)"
    ):
        execute(
            shop_plan(models=SMALL_SHOP), engine("dask", scheduler="tcp://127.0.0.1:9", connect_timeout=1)
        )
    assert time.monotonic() - started < 30


def test_a_scheduler_with_another_engine_and_an_unknown_engine_are_usage_errors():
    with pytest.raises(UsageError, match="--scheduler is for --engine dask"):
        engine("processes", scheduler="tcp://h:8786")
    with pytest.raises(UsageError, match="unknown engine 'ray'"):
        engine("ray")


def test_a_dask_bag_holds_the_partitions_records_in_order():
    from pytest_forge.partitions import partition, to_dask_bag

    bag = to_dask_bag(Order, count=30, partitions=3, seed=5, parents={Customer: 10, Product: 4})
    assert bag.npartitions == 3
    records = bag.compute(scheduler="sync")
    expected = [
        o
        for p in range(3)
        for o in partition(Order, index=p, of=3, count=30, seed=5, parents={Customer: 10, Product: 4})
    ]
    assert records == expected
    assert bag.map(lambda o: o.customer_id).max().compute(scheduler="sync") <= 10


def test_a_dask_bag_refuses_bad_partition_counts():
    from pytest_forge.partitions import to_dask_bag

    with pytest.raises(UsageError, match=r"of=...\) must be an int >= 1"):
        to_dask_bag(Customer, count=10, partitions=0, seed=1)


def test_a_dask_dataframe_holds_the_partitions_records_typed_as_the_parquet_parts():
    from decimal import Decimal

    from pytest_forge.partitions import partition, to_dask_dataframe
    from pytest_forge.partitions.arrow_schema import ArrowBatcher

    parents = {Customer: 10, Product: 4}
    frame = to_dask_dataframe(Order, count=30, partitions=3, seed=5, parents=parents)
    assert frame.npartitions == 3
    computed = frame.compute(scheduler="sync")
    expected = [
        o for p in range(3) for o in partition(Order, index=p, of=3, count=30, seed=5, parents=parents)
    ]
    assert list(computed.columns) == ArrowBatcher(Order).schema.names
    assert computed["id"].tolist() == [o.id for o in expected]
    assert computed["customer_id"].tolist() == [o.customer_id for o in expected]
    assert int(frame["customer_id"].max().compute(scheduler="sync")) <= 10
    totals = computed["total"].tolist()
    assert all(isinstance(t, Decimal) for t in totals)
    assert totals == [o.total for o in expected]
    assert computed["product_ids"].tolist() == [o.product_ids for o in expected]
    columns = ArrowBatcher(Order).columns
    rows = computed.to_dict("records")
    assert [Order(**{c.key: c.from_arrow(row[c.key]) for c in columns}) for row in rows] == expected


def test_a_dask_dataframe_keeps_nested_models_and_enums():
    from pytest_forge.partitions import partition, to_dask_dataframe

    computed = to_dask_dataframe(Customer, count=8, partitions=2, seed=3).compute(scheduler="sync")
    expected = [c for p in range(2) for c in partition(Customer, index=p, of=2, count=8, seed=3)]
    assert computed["address"].tolist() == [c.address.model_dump() for c in expected]
    assert computed["tier"].tolist() == [c.tier.value for c in expected]


def test_a_dask_dataframe_refuses_bad_partition_counts():
    from pytest_forge.partitions import to_dask_dataframe

    with pytest.raises(UsageError, match=r"of=...\) must be an int >= 1"):
        to_dask_dataframe(Customer, count=10, partitions=0, seed=1)
