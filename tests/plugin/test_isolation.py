"""Records made through ``forge_session`` in a test body belong to that test alone."""

from __future__ import annotations

import pytest

from tests.plugin.inner import RECORDER, recorded

MODELS = """
from typing import Annotated

from pydantic import BaseModel
from pytest_forge import ForeignKey


class Customer(BaseModel):
    id: int
    name: str


class Order(BaseModel):
    id: int
    customer_id: Annotated[int, ForeignKey(Customer)]
    note: str
"""

POLLUTER = """
from iso_models import Customer


def test_pollutes(forge_session, record):
    made = forge_session.create_batch(Customer, count=2)
    again = forge_session.create_batch(Customer, count=1)
    record([c.model_dump() for c in made + again])
"""

VICTIM = """
import pytest
from iso_models import Customer, Order
from pytest_forge import Forge


def test_victim(forge, record):
    record([forge.create(Order).model_dump(), len(forge.registry.records("Customer"))])


@pytest.mark.forge(seed=7)
def test_seeded(forge, record):
    record([forge.create(Order).model_dump(), Forge(seed=7, use_ai=False).create(Order).model_dump()])
"""

VICTIM_IDS = ("test_victim.py::test_victim", "test_victim.py::test_seeded")


@pytest.fixture
def iso(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(iso_models=MODELS, conftest=RECORDER, test_victim=VICTIM, test_polluter=POLLUTER)
    return pytester


def victims(pytester: pytest.Pytester, *args: str) -> dict[str, object]:
    """The victim tests' data from a real run (a subprocess each: nothing cached between runs)."""
    flags = ("--forge-seed=5", "-p", "no:randomly", "-p", "no:cacheprovider", *args)
    result = pytester.runpytest_subprocess(*flags, timeout=120)
    assert result.ret == 0, result.stdout.str()
    data = recorded(pytester)
    return {node: data[node] for node in VICTIM_IDS}


def test_a_test_sees_the_same_data_with_and_without_a_polluting_test_in_either_order(iso):
    alone = victims(iso, "test_victim.py")
    assert victims(iso, "test_polluter.py", "test_victim.py") == alone
    assert victims(iso, "test_victim.py", "test_polluter.py") == alone


def test_records_made_in_a_test_body_are_no_parents_of_later_tests(iso):
    data = victims(iso, "test_polluter.py", "test_victim.py")
    order, customers_seen = data["test_victim.py::test_victim"]
    # the order's own automatic parent, none of the polluter's three customers
    assert (order["customer_id"], customers_seen) == (1, 1)


def test_a_marker_seed_gives_the_data_of_a_forge_with_that_seed_after_a_polluting_test(iso):
    data = victims(iso, "test_polluter.py", "test_victim.py")
    from_marker, from_forge = data["test_victim.py::test_seeded"]
    assert from_marker == from_forge


def test_two_workers_give_the_same_data_as_a_serial_run(iso):
    serial = victims(iso, "-p", "no:xdist")
    assert victims(iso, "-n", "2") == serial


def polluter_data(pytester: pytest.Pytester, *files: str) -> list[dict[str, object]]:
    flags = ("--forge-seed=5", "-p", "no:randomly", "-p", "no:cacheprovider", *files)
    assert pytester.runpytest_subprocess(*flags, timeout=120).ret == 0
    made: list[dict[str, object]] = recorded(pytester)["test_polluter.py::test_pollutes"]
    return made


def test_the_polluting_tests_own_records_repeat_with_the_seed_and_see_each_other(iso):
    made = polluter_data(iso, "test_victim.py", "test_polluter.py")
    assert polluter_data(iso, "test_polluter.py") == made
    assert len({customer["id"] for customer in made}) == 3  # the second call saw the first's keys


def test_session_fixture_records_are_still_shared_with_the_tests_that_request_them(pytester):
    pytester.makepyfile(iso_models=MODELS)
    pytester.makeconftest(
        """
        import pytest
        from iso_models import Customer

        @pytest.fixture(scope="session")
        def regulars(forge_session):
            return forge_session.create_batch(Customer, count=2)
        """
    )
    pytester.makepyfile(
        """
        from iso_models import Order

        def test_a(forge, regulars):
            assert forge.create(Order).customer_id in {c.id for c in regulars}

        def test_b(forge_session, regulars):
            forge_session.create_batch(Order, count=1)
            assert forge_session.registry.own_records()["Customer"] == regulars
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


FUNCTION_FIXTURE_TESTS = """
import pytest
from iso_models import Customer, Order


@pytest.fixture
def customer(forge_session):
    return forge_session.create(Customer)


def test_uses_fixture(forge, customer, record):
    order = forge.create(Order)
    record([order.customer_id == customer.id, len(forge.registry.records("Customer"))])


def test_after(forge, record):
    record(len(forge.registry.records("Customer")))
"""


def test_a_function_fixture_made_with_forge_session_is_a_parent_for_its_test_only(pytester):
    pytester.makepyfile(iso_models=MODELS, conftest=RECORDER, test_function_fixture=FUNCTION_FIXTURE_TESTS)
    flags = ("--forge-seed=5", "-p", "no:randomly", "-p", "no:cacheprovider")
    pytester.runpytest_subprocess(*flags, timeout=120).assert_outcomes(passed=2)
    data = recorded(pytester)
    assert data["test_function_fixture.py::test_uses_fixture"] == [True, 1]
    assert data["test_function_fixture.py::test_after"] == 0
