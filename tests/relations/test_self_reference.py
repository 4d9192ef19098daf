"""Self references and cycles of keys end in roots or a clear RelationError, never a RecursionError."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import BaseModel

from pytest_forge import ForeignKey, Forge, RelationError
from tests.relations.models import Category, Employee


def test_an_optional_self_reference_is_none_for_the_first_record() -> None:
    assert Forge(seed=1, none_p=0).create(Category).parent_id is None


def test_an_optional_self_reference_points_at_an_existing_record() -> None:
    forge = Forge(seed=1, none_p=0)
    roots = forge.create_batch(Category, count=2)
    children = forge.create_batch(Category, count=20)
    assert {c.parent_id for c in children} <= {c.id for c in roots + children}
    assert all(c.parent_id is not None for c in children)


def test_generate_fk_true_never_creates_a_self_referenced_parent() -> None:
    forge = Forge(seed=1, none_p=0)
    forge.create_batch(Category, count=3, generate_fk=True)
    assert forge.stats()["registry"] == {"Category": 3}


def test_a_required_self_reference_without_a_record_is_a_relation_error() -> None:
    with pytest.raises(
        RelationError, match=r"Employee\.manager_id is a required reference to Employee itself"
    ):
        Forge(seed=1).create(Employee)


def test_a_required_self_reference_points_at_an_existing_record() -> None:
    forge = Forge(seed=1)
    boss = forge.create(Employee, manager_id=0)
    staff = forge.create_batch(Employee, count=5)
    assert {e.manager_id for e in staff} <= {boss.id, *(e.id for e in staff)}


class Egg(BaseModel):
    id: int
    hen_id: Annotated[int, ForeignKey("Hen")]


class Hen(BaseModel):
    id: int
    egg_id: Annotated[int, ForeignKey(Egg)]


def test_a_cycle_of_required_keys_is_a_relation_error_naming_the_cycle() -> None:
    with pytest.raises(RelationError, match="form a cycle") as caught:
        Forge(seed=1).create(Egg)
    assert "Hen" in str(caught.value)
    assert "Egg" in str(caught.value)


class Nest(BaseModel):
    id: int
    bird_id: Annotated[int, ForeignKey("Bird")]


class Bird(BaseModel):
    id: int
    nest_id: Annotated[int | None, ForeignKey(Nest)] = None


def test_generate_fk_true_through_an_optional_cycle_stops_at_the_optional_key() -> None:
    forge = Forge(seed=1, none_p=0)
    nest = forge.create(Nest, generate_fk=True)
    bird = next(b for b in forge.registry.records("Bird") if b.id == nest.bird_id)
    assert bird.nest_id is None
