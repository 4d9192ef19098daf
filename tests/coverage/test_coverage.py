"""forge.coverage: every value and edge reached, few instances, all valid, deterministic."""

from __future__ import annotations

import itertools
import math
from decimal import Decimal

import pytest

from pytest_forge import Forge
from pytest_forge.coverage.cover import model_targets
from pytest_forge.errors import UsageError
from tests.coverage.models import Order, Status, Tag, Window


def _valid(model, instances):
    return [model.model_validate(i.model_dump()) == i for i in instances]


def test_every_value_and_edge_is_reached_in_fewer_instances_than_polyfactory():
    from polyfactory.factories.pydantic_factory import ModelFactory

    class OrderFactory(ModelFactory[Order]):
        __model__ = Order

    theirs = list(OrderFactory.coverage())
    ours = Forge(seed=3).coverage(Order)
    assert len(ours) < len(theirs), (len(ours), len(theirs))
    assert all(_valid(Order, ours))
    assert {o.status for o in ours} == set(Status)
    assert {o.channel for o in ours} == {"web", "app", "phone"}
    assert {1, 2, 99, 100} <= {o.quantity for o in ours}
    assert {math.nextafter(0, 1), 10_000.0, math.nextafter(10_000, 0)} <= {o.price for o in ours}
    assert {0, 5, 45, 50} <= {o.discount for o in ours}
    assert {type(o.ref) for o in ours} == {int, str}
    assert None in {o.note for o in ours}
    assert {0, 200} <= {len(o.note) for o in ours if o.note is not None}
    assert None in {o.coupon for o in ours}
    assert any(o.coupon for o in ours)
    assert set(itertools.chain.from_iterable(o.tags for o in ours)) == set(Tag)
    assert 0 in {len(o.tags) for o in ours}
    assert {o.paid for o in ours} == {True, False}


def test_the_count_is_the_most_targets_of_one_field():
    forge = Forge(seed=1)
    targets = model_targets(forge, forge.plan(Order).spec)
    assert len(forge.coverage(Order)) == max(len(t) for t in targets.values()) == 4


def test_coverage_is_deterministic_for_a_seed():
    assert Forge(seed=5).coverage(Order) == Forge(seed=5).coverage(Order)


def test_strength_2_covers_every_pair_of_targets():
    forge = Forge(seed=2)
    targets = model_targets(forge, forge.plan(Window).spec)
    rows = forge.coverage(Window, strength=2)
    assert all(_valid(Window, rows))
    pairs = {(x.start, x.end) for x in rows}
    wanted = {(a.value, b.value) for a in targets["start"] for b in targets["end"] if a.value <= b.value}
    assert wanted <= pairs  # pairs the validator refuses (end < start) cannot exist


def test_cross_field_validators_never_break_coverage():
    """polyfactory's coverage() raises on this model; every one of ours validates."""
    rows = Forge(seed=4).coverage(Window)
    assert all(_valid(Window, rows))
    assert {0, 1, 9, 10} <= {w.start for w in rows} | {w.end for w in rows}
    assert {Decimal("0.01"), Decimal("0.02"), Decimal("99.99"), Decimal("99.98")} <= {w.amount for w in rows}
    assert {2, 8} <= {len(w.label) for w in rows}


def test_each_conditional_rule_is_shown_holding_and_not(tmp_path):
    forge = Forge(seed=6, memory_dir=tmp_path)
    forge.memory.add_rule("order", "Big orders are paid", when="quantity >= 60 and quantity <= 70",
                          then={"paid": True})  # fmt: skip
    rows = forge.coverage(Order)
    inside = [o for o in rows if 60 <= o.quantity <= 70]
    assert inside
    assert all(o.paid for o in inside)
    assert any(not 60 <= o.quantity <= 70 for o in rows)


def test_strength_is_1_or_2():
    with pytest.raises(UsageError, match="strength is 1 or 2"):
        Forge(seed=1).coverage(Order, strength=3)
