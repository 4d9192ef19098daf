"""forge.strategy: Hypothesis draws the Forge's data and shrinks failing examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from pytest_forge import Forge
from pytest_forge.errors import UsageError
from tests.coverage.models import Order, Status, Window

FORGE = Forge(seed=11)
QUICK = settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(order=FORGE.strategy(Order))
def test_drawn_orders_are_valid(order):
    assert Order.model_validate(order.model_dump()) == order


@QUICK
@given(window=FORGE.strategy(Window))
def test_cross_field_validators_hold(window):
    assert window.start <= window.end


def test_a_failing_property_shrinks_to_the_minimal_failing_order():
    def fails(order: Order) -> bool:
        return order.quantity >= 50 and order.status is Status.PAID

    minimal = find(FORGE.strategy(Order), fails, settings=settings(max_examples=2000, database=None))
    assert minimal.quantity == 50  # the smallest quantity that fails
    assert minimal.status is Status.PAID
    assert minimal.discount == 0  # everything else at its simplest
    assert minimal.note is None
    assert minimal.price == pytest.approx(0, abs=1e-300)


@QUICK
@given(order=FORGE.strategy(Order, channel="app", quantity=st.integers(3, 4)))
def test_fixed_fields_take_values_or_strategies(order):
    assert order.channel == "app"
    assert order.quantity in (3, 4)


def test_an_unknown_fixed_field_is_named():
    with pytest.raises(UsageError, match="Order has no field 'qty'"):
        FORGE.strategy(Order, qty=3)


def test_a_failing_given_test_reports_the_shrunk_order(pytester: pytest.Pytester):
    from tests.coverage import models

    pytester.makepyfile(
        coverage_models=Path(models.__file__).read_text(),  # the inner run needs no import of our tests
        test_orders="""
        from hypothesis import given, settings
        from pytest_forge import Forge
        from coverage_models import Order

        @settings(max_examples=500, deadline=None, database=None)
        @given(order=Forge(seed=1).strategy(Order))
        def test_small_orders_only(order):
            assert order.quantity < 20
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*order=Order(*quantity=20,*"])
