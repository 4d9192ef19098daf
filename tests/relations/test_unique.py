"""Unique fields and unique_together hold across a batch and the registry; exhaustion is an error."""

from __future__ import annotations

from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, Field

from pytest_forge import ConstraintError, Forge, ForgeError, Sequence, Unique
from tests.relations.models import Account, Person, Product, Review, Seat, User


class Ticket(BaseModel):
    id: int
    seat: Annotated[int, Unique, Field(ge=1, le=60)]


class Badge(BaseModel):
    id: int
    colour: Annotated[Literal["red", "green", "blue"], Unique]


class Locker(BaseModel):
    id: int
    number: Annotated[int | None, Unique, Field(ge=1, le=2)] = None


def test_a_unique_field_never_repeats_within_a_batch_under_collision_pressure() -> None:
    tickets = Forge(seed=1).create_batch(Ticket, count=60)
    assert sorted(t.seat for t in tickets) == list(range(1, 61))


def test_a_unique_field_never_repeats_across_batches() -> None:
    forge = Forge(seed=1)
    first = forge.create_batch(Ticket, count=30)
    second = forge.create_batch(Ticket, count=30)
    assert not {t.seat for t in first} & {t.seat for t in second}


def test_an_exhausted_unique_domain_is_a_constraint_error_with_its_size() -> None:
    forge = Forge(seed=1)
    with pytest.raises(ConstraintError, match=r"Badge\.colour must be unique.*domain size 3") as caught:
        forge.create_batch(Badge, count=5)
    assert caught.value.field == "colour"


def test_the_whole_domain_can_be_used_before_it_is_exhausted() -> None:
    badges = Forge(seed=1).create_batch(Badge, count=3)
    assert sorted(b.colour for b in badges) == ["blue", "green", "red"]


def test_clearing_the_registry_frees_unique_values() -> None:
    forge = Forge(seed=1)
    forge.create_batch(Badge, count=3)
    forge.clear_registry()
    assert len(forge.create_batch(Badge, count=3)) == 3


def test_a_nullable_unique_field_falls_back_to_none_which_never_collides() -> None:
    lockers = Forge(seed=1, none_p=0).create_batch(Locker, count=5)
    numbers = [locker.number for locker in lockers]
    assert sorted(n for n in numbers if n is not None) == [1, 2]
    assert numbers.count(None) == 3


def test_unique_strings_hold_across_many_records() -> None:
    accounts = Forge(seed=1).create_batch(Account, count=2000)
    assert len({a.email for a in accounts}) == 2000


def test_unique_together_holds_for_a_pair_of_fields() -> None:
    people = Forge(seed=1).create_batch(Person, count=6, unique_together=[("first", "last")])
    assert len({(p.first, p.last) for p in people}) == 6


def test_unique_together_exhausted_reports_the_domain_size() -> None:
    with pytest.raises(ConstraintError, match="domain size 6"):
        Forge(seed=1).create_batch(Person, count=7, unique_together=[("first", "last")])


def test_unique_together_over_a_large_domain_holds_for_every_combination() -> None:
    seats = Forge(seed=1).create_batch(Seat, count=120, unique_together=("row", "letter"))
    assert len({(s.row, s.letter) for s in seats}) == 120


def test_unique_together_redraws_foreign_keys_until_every_pair_is_used() -> None:
    forge = Forge(seed=1)
    forge.create_batch(User, count=2)
    forge.create_batch(Product, count=2)
    reviews = forge.create_batch(Review, count=4, unique_together=[("user_id", "product_id")])
    assert {(r.user_id, r.product_id) for r in reviews} == {(1, 1), (1, 2), (2, 1), (2, 2)}


def test_unique_together_with_no_free_pair_left_is_a_constraint_error() -> None:
    forge = Forge(seed=1)
    forge.create(User)
    forge.create(Product)
    forge.create(Review, unique_together=[("user_id", "product_id")])
    with pytest.raises(ConstraintError, match=r"Review\('user_id', 'product_id'\) must be unique"):
        forge.create(Review, unique_together=[("user_id", "product_id")])


def test_unique_together_naming_an_unknown_field_is_an_error() -> None:
    with pytest.raises(ForgeError, match="unique_together for Person names 'middle'"):
        Forge(seed=1).create(Person, unique_together=[("first", "middle")])


def test_an_override_that_repeats_a_unique_value_is_a_constraint_error() -> None:
    forge = Forge(seed=1)
    forge.create(Badge, colour="red")
    with pytest.raises(ConstraintError, match=r"Badge\.colour must be unique"):
        forge.create(Badge, colour="red")


def test_a_sequence_override_keeps_a_unique_field_unique() -> None:
    forge = Forge(seed=1)
    accounts = forge.create_batch(Account, count=3, email=Sequence("a{n}@example.com"))
    assert [a.email for a in accounts] == ["a1@example.com", "a2@example.com", "a3@example.com"]
