"""Per-test seeds: a test's data depends only on the session seed and its node id."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_forge import Forge
from pytest_forge.plugin.seeding import derive_test_seed
from tests.plugin.inner import DATA_TESTS, MODELS, recorded


def inner_models() -> dict[str, Any]:
    """The inner project's model classes, for making the same data outside pytest."""
    namespace: dict[str, Any] = {}
    exec(MODELS, namespace)
    return namespace


def execution_order(result: pytest.RunResult) -> list[str]:
    return [line.split()[0] for line in result.outlines if " PASSED" in line]


def test_a_tests_seed_is_derived_from_the_session_seed_and_its_node_id(project: pytest.Pytester) -> None:
    project.makepyfile(test_data=DATA_TESTS)
    project.runpytest("--forge-seed=99")
    seed, _ = recorded(project)["test_data.py::TestGrouped::test_in_class"]
    assert seed == derive_test_seed(99, "test_data.py::TestGrouped::test_in_class")


def test_a_tests_data_equals_a_forge_made_outside_pytest_with_its_seed(project: pytest.Pytester) -> None:
    project.makepyfile(test_data=DATA_TESTS)
    project.runpytest("--forge-seed=99")
    outside = Forge(seed=derive_test_seed(99, "test_data.py::test_customer")).create(
        inner_models()["Customer"]
    )
    assert recorded(project)["test_data.py::test_customer"] == outside.model_dump()


def test_a_marker_seed_gives_the_same_data_as_forge_with_that_seed_outside_pytest(
    project: pytest.Pytester,
) -> None:
    project.makepyfile(
        """
        import pytest
        from forge_models import Order

        @pytest.mark.forge(seed=7)
        def test_seven(forge, record):
            record(forge.create(Order).model_dump())
        """
    )
    project.runpytest("--forge-seed=123")
    (value,) = recorded(project).values()
    assert value == Forge(seed=7).create(inner_models()["Order"]).model_dump()


def test_the_same_session_seed_gives_the_same_data_in_every_test_order(project: pytest.Pytester) -> None:
    project.makepyfile(test_data=DATA_TESTS)
    runs = []
    for order in ("1", "2"):
        result = project.runpytest("--forge-seed=5", "-v", "-p", "randomly", f"--randomly-seed={order}")
        runs.append((execution_order(result), recorded(project)))
    (first_order, first_data), (second_order, second_data) = runs
    assert first_order != second_order
    assert first_data == second_data
    assert len(first_data) == 6


def test_a_tests_data_does_not_change_when_other_tests_are_deselected(project: pytest.Pytester) -> None:
    project.makepyfile(test_data=DATA_TESTS)
    project.runpytest("--forge-seed=5", "-p", "no:randomly")
    everything = recorded(project)
    project.runpytest("--forge-seed=5", "-p", "no:randomly", "-k", "batches and 2")
    assert recorded(project) == {"test_data.py::test_batches[2]": everything["test_data.py::test_batches[2]"]}


def test_different_session_seeds_give_different_data(project: pytest.Pytester) -> None:
    project.makepyfile(test_data=DATA_TESTS)
    project.runpytest("--forge-seed=5", "-k", "customer")
    first = recorded(project)
    project.runpytest("--forge-seed=6", "-k", "customer")
    assert recorded(project) != first
