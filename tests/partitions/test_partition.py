"""partition(): a pure function of (seed, model, index, of, count, parents)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import BaseModel

from pytest_forge import ConstraintError, UsageError
from pytest_forge.partitions import KeyRange, partition, partition_keys

from .models import Customer, Employee, Order, Product

PARENTS = {Customer: 50, Product: 20}


def whole(model, of, count, seed=7, parents=None, order=None):
    indices = order if order is not None else range(of)
    parts = {p: partition(model, index=p, of=of, count=count, seed=seed, parents=parents) for p in indices}
    return [record for p in range(of) for record in parts[p]]


def test_keys_of_partition_p_are_p_times_size_plus_one_onwards():
    records = partition(Customer, index=2, of=4, count=50, seed=1)
    assert [c.id for c in records] == list(range(27, 40))


def test_the_last_partition_holds_what_is_left_and_later_ones_are_empty():
    assert [c.id for c in partition(Customer, index=3, of=4, count=50, seed=1)] == list(range(40, 51))
    assert partition(Customer, index=3, of=4, count=9, seed=1) == []
    assert partition_keys(1, 9, 2, 4) == KeyRange(7, 9)
    assert len(partition_keys(1, 9, 3, 4)) == 0


def test_a_dataset_is_the_same_whatever_order_the_partitions_run_in():
    forwards = whole(Order, 4, 40, parents=PARENTS)
    backwards = whole(Order, 4, 40, parents=PARENTS, order=[3, 1, 0, 2])
    assert forwards == backwards
    assert [o.id for o in forwards] == list(range(1, 41))


def test_a_partition_made_after_other_work_equals_one_made_first():
    first = partition(Order, index=1, of=3, count=30, seed=5, parents=PARENTS)
    whole(Customer, 2, 20)
    partition(Order, index=0, of=3, count=30, seed=5, parents=PARENTS)
    assert partition(Order, index=1, of=3, count=30, seed=5, parents=PARENTS) == first


def test_a_partition_made_in_another_process_is_identical():
    code = (
        "from tests.partitions.models import Order, Customer, Product;"
        "from pytest_forge.partitions import partition;"
        "print([o.model_dump_json() for o in partition(Order, index=2, of=3, count=30, seed=5,"
        " parents={Customer: 50, Product: 20})])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    here = partition(Order, index=2, of=3, count=30, seed=5, parents=PARENTS)
    assert out.stdout.strip() == str([o.model_dump_json() for o in here])


def test_different_seeds_and_partitions_give_different_records():
    a = partition(Customer, index=0, of=2, count=20, seed=1)
    b = partition(Customer, index=0, of=2, count=20, seed=2)
    c = partition(Customer, index=1, of=2, count=20, seed=1)
    assert [x.email for x in a] != [x.email for x in b]
    assert {x.name for x in a} != {x.name for x in c}


def test_foreign_keys_fall_in_the_parents_key_ranges():
    orders = whole(Order, 5, 200, parents=PARENTS)
    assert {o.customer_id for o in orders} <= set(range(1, 51))
    assert len({o.customer_id for o in orders}) > 25  # spread over the range, not one parent
    for order in orders:
        assert set(order.product_ids) <= set(range(1, 21))
        assert len(set(order.product_ids)) == len(order.product_ids)


def test_a_parent_given_by_name_with_a_key_base_and_a_self_reference():
    staff = whole(Employee, 3, 30)
    assert [e.id for e in staff] == list(range(1000, 1030))
    assert {e.manager_id for e in staff} - {None} <= set(range(1000, 1030))


def test_natural_keys_stay_unique_across_partitions():
    customers = whole(Customer, 8, 400)
    assert len({c.email for c in customers}) == 400
    assert len({c.username for c in customers}) == 400
    assert all(len(c.username) <= 24 for c in customers)
    assert all(f".{c.id}@" in c.email for c in customers)
    products = whole(Product, 4, 100)
    assert len({p.slug for p in products}) == 100


def test_a_missing_parent_count_is_a_usage_error_naming_the_keyword():
    with pytest.raises(UsageError, match=r"Order.customer_id points at Customer.*parents=\{Customer"):
        partition(Order, index=0, of=1, count=3, seed=1, parents={Product: 3})


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"index": 4, "of": 4}, r"index=4\) must be below of=4"),
        ({"index": 0, "of": 0}, r"of=...\) must be an int >= 1"),
        ({"index": -1, "of": 2}, r"index=...\) must be an int >= 0"),
        ({"index": 0, "of": 2, "count": "9"}, r"count=...\) must be an int >= 0"),
    ],
)
def test_bad_partition_arguments_are_usage_errors(kwargs, message):
    arguments = {"count": 10, "seed": 1, **kwargs}
    with pytest.raises(UsageError, match=message):
        partition(Customer, **arguments)


def test_a_natural_key_too_short_for_its_global_key_is_a_clear_error():
    from pydantic import BaseModel, Field

    class Tiny(BaseModel):
        id: int
        username: str = Field(min_length=1, max_length=3)

    with pytest.raises(ConstraintError, match=r"Tiny.username must be unique across .*max_length=3"):
        partition(Tiny, index=1, of=2, count=2000, seed=1)
    made = partition(
        Tiny, index=1, of=2, count=20, seed=1, overrides={"username": lambda record: f"u{record['id']}"}
    )
    assert [t.username for t in made] == [f"u{n}" for n in range(11, 21)]


class Patient(BaseModel):
    id: int
    ssn: str


def test_a_closed_gate_names_the_partition_keyword_and_the_cli_flag_not_forge():
    from pytest_forge import ForgePermissionError

    with pytest.raises(ForgePermissionError) as refused:
        partition(Patient, index=0, of=1, count=3, seed=1)
    message = str(refused.value)
    assert "partition(..., allow_pii=True)" in message
    assert "--allow-pii" in message
    assert "Forge(allow_pii=True)" not in message
    assert len(partition(Patient, index=0, of=1, count=3, seed=1, allow_pii=True)) == 3


def test_an_unknown_keyword_is_a_usage_error_listing_the_known_ones():
    with pytest.raises(UsageError, match=r"unknown keyword 'parent'; it takes index, of, count, seed"):
        partition(Customer, index=0, of=1, count=3, seed=1, parent={Customer: 3})  # type: ignore[call-arg]
