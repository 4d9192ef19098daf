"""A blueprint registered process-wide inside a test body does not leak into later tests."""

from __future__ import annotations

import pytest

MODULE = """
from pydantic import BaseModel
from pytest_forge import Blueprint, register, unregister


class Pet(BaseModel):
    name: str


class Toy(BaseModel):
    label: str


class PetBlueprint(Blueprint, model=Pet):
    name = "Rex"


class ToyBlueprint(Blueprint, model=Toy):
    label = "ball"


register(ToyBlueprint)  # module level: meant to last


def test_a_registers_in_its_body(forge):
    register(PetBlueprint)
    unregister(Toy)
    assert forge.create(Pet).name == "Rex"
    assert forge.create(Toy).label != "ball"


def test_b_sees_neither_change(forge):
    assert forge.create(Pet).name != "Rex"
    assert forge.create(Toy).label == "ball"
"""


def test_registrations_in_a_test_body_are_undone_after_it_and_module_level_ones_stay(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_pets=MODULE)
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=2)
