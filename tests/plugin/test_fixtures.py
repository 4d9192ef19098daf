"""The forge / forge_session fixtures, the session's FK registry, forge_fixture and pytest_forge_configure."""

from __future__ import annotations

import pytest

from pytest_forge import Forge, forge_fixture
from pytest_forge.plugin.fixtures import snake_case
from tests.plugin.inner import recorded


def test_forge_is_a_fresh_forge_for_each_test(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        from pytest_forge import Forge
        seen = []

        def test_a(forge):
            assert isinstance(forge, Forge)
            seen.append(forge)

        def test_b(forge):
            assert forge is not seen[0]
        """
    )
    project.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_forge_session_is_one_forge_seeded_with_the_session_seed(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        seen = []

        def test_a(forge_session):
            assert forge_session.seed == 4321
            seen.append(forge_session)

        def test_b(forge_session):
            assert forge_session is seen[0]
        """
    )
    project.runpytest("--forge-seed=4321", "-p", "no:randomly").assert_outcomes(passed=2)


SESSION_RECORDS = """
import pytest
from forge_models import Customer, Order

@pytest.fixture(scope="session")
def customers(forge_session):
    return forge_session.create_batch(Customer, count=3)

def test_sees_the_session_customers(forge, customers):
    assert forge.registry.records("Customer") == customers

def test_makes_its_own_records(forge, customers):
    forge.create_batch(Customer, count=2)
    forge.create(Order)
    assert len(forge.registry.records("Customer")) == 5
    assert sorted(forge.registry.own_records()) == ["Customer", "Order"]

def test_does_not_see_another_tests_records(forge, customers):
    assert forge.registry.records("Customer") == customers
    assert forge.registry.records("Order") == []
"""


def test_session_records_are_every_tests_parents_and_a_tests_own_records_end_with_it(
    project: pytest.Pytester,
) -> None:
    project.makepyfile(SESSION_RECORDS)
    project.runpytest("-p", "no:randomly").assert_outcomes(passed=3)


def test_a_tests_records_do_not_depend_on_which_tests_ran_before_it(project: pytest.Pytester) -> None:
    project.makepyfile(SESSION_RECORDS)
    for order in ("1", "2", "3"):
        project.runpytest("-p", "randomly", f"--randomly-seed={order}").assert_outcomes(passed=3)


def test_a_test_does_not_see_records_of_session_fixtures_it_does_not_request(
    project: pytest.Pytester,
) -> None:
    project.makepyfile(
        """
        import pytest
        from forge_models import Customer

        @pytest.fixture(scope="session")
        def customers(forge_session):
            return forge_session.create_batch(Customer, count=3)

        def test_first(customers):
            pass

        def test_second(forge, record):
            assert forge.registry.records("Customer") == []
            record([c.id for c in forge.create_batch(Customer, count=2)])
        """
    )
    project.runpytest("-p", "no:randomly").assert_outcomes(passed=2)
    assert recorded(project) == {
        "test_a_test_does_not_see_records_of_session_fixtures_it_does_not_request.py::test_second": [1, 2]
    }


def test_a_tests_own_keys_skip_the_keys_of_the_session_records_it_sees(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        import pytest
        from forge_models import Customer

        @pytest.fixture(scope="session")
        def customers(forge_session):
            return forge_session.create_batch(Customer, count=3)

        def test_more(forge, customers):
            assert [c.id for c in forge.create_batch(Customer, count=2)] == [4, 5]
        """
    )
    project.runpytest().assert_outcomes(passed=1)


def test_forge_fixture_makes_a_fixture_named_after_its_variable(project: pytest.Pytester) -> None:
    project.makeconftest(
        project.path.joinpath("conftest.py").read_text()
        + "\nfrom pytest_forge import forge_fixture\nfrom forge_models import Customer\n"
        "customer = forge_fixture(Customer)\n"
        "vips = forge_fixture(Customer, count=3, age=40)\n"
    )
    project.makepyfile(
        """
        from forge_models import Customer

        def test_customer(customer, forge):
            assert isinstance(customer, Customer)
            assert forge.registry.own_records()["Customer"] == [customer]

        def test_vips(vips):
            assert [vip.age for vip in vips] == [40, 40, 40]
        """
    )
    project.runpytest().assert_outcomes(passed=2)


def test_forge_fixture_name_sets_the_fixture_name_whatever_the_variable(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        from pytest_forge import forge_fixture
        from forge_models import Customer

        anything = forge_fixture(Customer, name="buyer")

        def test_buyer(buyer):
            assert isinstance(buyer, Customer)
        """
    )
    project.runpytest().assert_outcomes(passed=1)


def test_a_session_scoped_forge_fixture_builds_with_forge_session(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        from pytest_forge import forge_fixture
        from forge_models import Customer

        regulars = forge_fixture(Customer, count=2, scope="session")

        def test_a(regulars, forge_session):
            assert forge_session.registry.own_records()["Customer"] == regulars

        def test_b(regulars, forge):
            assert forge.registry.records("Customer") == regulars
        """
    )
    project.runpytest().assert_outcomes(passed=2)


def test_forge_fixture_names_its_function_after_the_model_in_snake_case() -> None:
    class OrderLine:
        pass

    assert forge_fixture(OrderLine).__name__ == "order_line"
    assert forge_fixture(OrderLine, name="line").__name__ == "line"


@pytest.mark.parametrize(
    ("name", "expected"), [("User", "user"), ("OrderLine", "order_line"), ("HTTPRequest", "http_request")]
)
def test_snake_case_splits_words_and_acronyms(name: str, expected: str) -> None:
    assert snake_case(name) == expected


def test_forge_fixture_refuses_an_unknown_scope() -> None:
    with pytest.raises(ValueError, match="scope must be one of function, class, module, package, session"):
        forge_fixture(Forge, scope="forever")  # type: ignore[arg-type]


def test_the_configure_hook_is_called_once_with_the_session_forge(project: pytest.Pytester) -> None:
    project.makeconftest(
        project.path.joinpath("conftest.py").read_text()
        + "\ncalls = []\n\ndef pytest_forge_configure(forge):\n    calls.append(forge)\n"
    )
    project.makepyfile(
        """
        from conftest import calls

        def test_a(forge, forge_session):
            assert calls == [forge_session]

        def test_b(forge, forge_session):
            assert calls == [forge_session]
        """
    )
    project.runpytest().assert_outcomes(passed=2)


def test_providers_registered_in_the_configure_hook_reach_every_tests_forge(project: pytest.Pytester) -> None:
    project.makeconftest(
        project.path.joinpath("conftest.py").read_text() + "\ndef pytest_forge_configure(forge):\n"
        "    forge.register_provider(lambda field: field.name == 'note', lambda: 'from conftest')\n"
    )
    project.makepyfile(
        """
        from forge_models import Order

        def test_note(forge):
            assert forge.create(Order).note == "from conftest"
        """
    )
    project.runpytest().assert_outcomes(passed=1)


def test_blueprints_registered_in_the_configure_hook_reach_every_tests_forge(
    project: pytest.Pytester,
) -> None:
    project.makeconftest(
        project.path.joinpath("conftest.py").read_text()
        + """
from pytest_forge.blueprints import Blueprint
from forge_models import Customer

class Senior(Blueprint, model=Customer):
    age = 90

def pytest_forge_configure(forge):
    forge.register(Senior)
"""
    )
    project.makepyfile(
        """
        from forge_models import Customer

        def test_age(forge):
            assert [c.age for c in forge.create_batch(Customer, count=3)] == [90, 90, 90]
        """
    )
    project.runpytest().assert_outcomes(passed=1)


def test_a_misspelt_forge_hook_in_a_conftest_fails_the_run(pytester: pytest.Pytester) -> None:
    pytester.makeconftest("def pytest_forge_configur(forge):\n    pass\n")
    pytester.makepyfile("def test_a():\n    pass\n")
    result = pytester.runpytest()
    assert result.ret != pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["*unknown hook 'pytest_forge_configur'*"])
