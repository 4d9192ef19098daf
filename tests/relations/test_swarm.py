"""Foreign-key order and forge.swarm: parents first, the same data for a seed, even on threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Any

import pytest
from pydantic import BaseModel

from pytest_forge import ForeignKey, Forge, RelationError
from pytest_forge.relations import fk_levels, fk_order
from tests.relations.models import (
    Author,
    Blog,
    Category,
    Coupon,
    Customer,
    Entry,
    Order,
    Product,
    Review,
    User,
)


def test_fk_order_puts_parents_first_whatever_order_they_are_given_in() -> None:
    order = fk_order([Entry, Review, Author, Product, Blog, User])
    position = {m: i for i, m in enumerate(order)}
    assert position[User] < position[Author] < position[Entry]
    assert position[Blog] < position[Entry]
    assert position[User] < position[Review]
    assert position[Product] < position[Review]


def test_fk_order_keeps_the_given_order_among_independent_models() -> None:
    assert fk_order([Product, Blog, User]) == [Product, Blog, User]


def test_fk_order_follows_the_naming_convention_among_the_models_given() -> None:
    assert fk_order([Order, Coupon, Customer]) == [Coupon, Customer, Order]


def test_fk_levels_group_models_that_may_be_made_together() -> None:
    assert fk_levels([Review, User, Product]) == [[User, Product], [Review]]


def test_a_self_reference_does_not_block_ordering() -> None:
    assert fk_order([Category]) == [Category]


class Chicken(BaseModel):
    id: int
    egg_id: Annotated[int, ForeignKey("Egg")]


class Egg(BaseModel):
    id: int
    chicken_id: Annotated[int, ForeignKey(Chicken)]


class Owner(BaseModel):
    id: int
    pet_id: Annotated[int | None, ForeignKey("Pet")] = None


class Pet(BaseModel):
    id: int
    owner_id: Annotated[int, ForeignKey(Owner)]


def test_a_cycle_through_an_optional_key_is_cut_at_that_key() -> None:
    assert fk_order([Pet, Owner]) == [Owner, Pet]


def test_a_cycle_of_required_keys_cannot_be_ordered() -> None:
    with pytest.raises(RelationError, match="cycle"):
        fk_order([Egg, Chicken])


def test_swarm_makes_parents_first_and_returns_records_by_model_name() -> None:
    forge = Forge(seed=1)
    made = forge.swarm(models=[Review, User, Product], counts=[50, 10, 100])
    assert list(made) == ["Review", "User", "Product"]
    assert [len(made[name]) for name in made] == [50, 10, 100]
    assert {r.user_id for r in made["Review"]} <= {u.id for u in made["User"]}
    assert {r.product_id for r in made["Review"]} <= {p.id for p in made["Product"]}
    assert forge.stats()["registry"] == {"User": 10, "Product": 100, "Review": 50}


def test_swarm_makes_missing_parents_outside_the_models_given() -> None:
    forge = Forge(seed=1)
    made = forge.swarm(models=[Entry, Order], counts=5)
    assert len(made["Entry"]) == len(made["Order"]) == 5
    assert forge.stats()["registry"]["Customer"] == 1
    assert forge.stats()["registry"]["User"] == 1


def test_swarm_passes_each_models_context_to_its_batch() -> None:
    seen: list[Any] = []
    forge = Forge(seed=1)
    forge._batch_hooks.append(lambda plan, records, options: seen.append((plan.name, options.context)))
    forge.swarm(models=[User, Product], counts=[1, 1], contexts=["admins", None])
    assert sorted(seen) == [("Product", None), ("User", "admins")]


def test_swarm_refuses_counts_that_do_not_match_the_models() -> None:
    with pytest.raises(ValueError, match="2 models but 1 counts"):
        Forge(seed=1).swarm(models=[User, Product], counts=[1])


def _swarm_dump(seed: int) -> dict[str, list[dict[str, Any]]]:
    forge = Forge(seed=seed)
    made = forge.swarm(models=[Entry, Review, Author, Product, Blog, User], counts=[40, 40, 10, 20, 5, 10])
    return {name: [r.model_dump() for r in records] for name, records in made.items()}


def test_swarm_is_the_same_for_a_seed_when_three_run_at_once_on_threads() -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        dumps = list(pool.map(_swarm_dump, [7, 7, 7]))
    assert dumps[0] == dumps[1] == dumps[2]
    assert dumps[0] == _swarm_dump(7)


def test_swarm_on_worker_threads_matches_a_swarm_on_one_thread() -> None:
    def dump(workers: int) -> dict[str, list[dict[str, Any]]]:
        made = Forge(seed=3).swarm(models=[Review, User, Product, Blog], counts=30, workers=workers)
        return {name: [r.model_dump() for r in records] for name, records in made.items()}

    assert dump(1) == dump(4) == dump(4)


def test_swarm_differs_for_another_seed() -> None:
    assert _swarm_dump(7) != _swarm_dump(8)
