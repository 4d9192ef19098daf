"""The example suite the README runs: what a user writes with the `forge` fixture."""

from __future__ import annotations

import pytest

from examples.models import Customer, Order, Review, User


def test_users_are_valid_and_realistic(forge):
    users = forge.create_batch(User, count=50)
    assert len({u.id for u in users}) == 50
    assert all(u.email.endswith((".com", ".net", ".org")) for u in users)
    assert all(18 <= u.age <= 99 for u in users)


def test_orders_point_at_real_customers(forge):
    customers = forge.create_batch(Customer, count=3)
    orders = forge.create_batch(Order, count=20)
    assert {o.customer_id for o in orders} <= {c.id for c in customers}


def test_reviews_read_like_text(forge):
    review = forge.create(Review, rating=5)
    assert len(review.review.split()) >= 4


@pytest.mark.forge(seed=7)
def test_a_fixed_seed_reproduces_the_same_user(forge):
    from pytest_forge import Forge

    assert forge.create(User) == Forge(seed=7).create(User)
