"""Relationships built in memory: parents linked as objects, many-to-many lists, self references."""

from __future__ import annotations

import pytest

from pytest_forge import ConstraintError, Forge, RelationError, UsageError
from pytest_forge.adapters import model_spec
from tests.sqlalchemy.schema import shop


def test_a_many_to_one_parent_is_made_and_linked_as_an_object() -> None:
    order = Forge(seed=1).create(shop.Order)
    assert isinstance(order.customer, shop.Customer)
    assert order in order.customer.orders  # back_populates holds
    assert order.customer_id is None  # database-assigned keys stay None in memory


def test_children_pick_registered_parents() -> None:
    forge = Forge(seed=2)
    customers = forge.create_batch(shop.Customer, count=3)
    orders = forge.create_batch(shop.Order, count=30)
    assert {o.customer for o in orders} <= set(customers)
    assert len({o.customer for o in orders}) > 1


def test_generate_fk_makes_a_new_parent_for_every_record() -> None:
    forge = Forge(seed=2)
    forge.create(shop.Customer)
    orders = forge.create_batch(shop.Order, count=10, generate_fk=True)
    assert len({o.customer for o in orders}) == 10


def test_a_parent_can_be_given_by_its_relationship_name() -> None:
    forge = Forge(seed=3)
    alice = forge.create(shop.Customer, name="Alice")
    orders = forge.create_batch(shop.Order, count=5, customer=alice)
    assert all(o.customer is alice for o in orders)
    assert len(alice.orders) == 5


def test_parent_field_values_go_through_the_relationship_name() -> None:
    order = Forge(seed=3).create(shop.Order, customer__name="Bob")
    assert order.customer.name == "Bob"


def test_fk_filter_chooses_among_registered_parents() -> None:
    forge = Forge(seed=4)
    forge.create_batch(shop.Customer, count=5)
    vip = forge.create(shop.Customer, name="VIP")
    orders = forge.create_batch(shop.Order, count=8, fk_filter={"customer": {"name": "VIP"}})
    assert all(o.customer is vip for o in orders)


def test_many_to_many_through_a_secondary_table_is_a_list_of_records() -> None:
    forge = Forge(seed=5)
    orders = forge.create_batch(shop.Order, count=20, generate_m2m={"tags": (2, 4)})
    assert all(2 <= len(o.tags) <= 4 and all(isinstance(t, shop.Tag) for t in o.tags) for o in orders)
    assert all(len(set(o.tags)) == len(o.tags) for o in orders)


def test_a_one_to_one_never_gives_two_children_the_same_parent() -> None:
    forge = Forge(seed=6)
    forge.create_batch(shop.Customer, count=12)
    profiles = forge.create_batch(shop.Profile, count=12)
    assert len({p.customer for p in profiles}) == 12
    assert all(p.customer.profile is p for p in profiles)


def test_a_self_reference_points_at_earlier_rows_or_none() -> None:
    forge = Forge(seed=7, none_p=0.3)
    roots = forge.create_batch(shop.Node, count=3)
    assert all(n.parent is None for n in roots)
    nodes = forge.create_batch(shop.Node, count=30)
    assert any(n.parent is not None for n in nodes)
    assert any(n.parent is None for n in nodes)
    assert all(n.parent is None or n in n.parent.children for n in nodes)


def test_the_multi_column_unique_constraint_holds_per_parent() -> None:
    forge = Forge(seed=8)
    customers = forge.create_batch(shop.Customer, count=3)
    orders = forge.create_batch(shop.Order, count=3, number=7)
    assert {o.customer for o in orders} == set(customers)
    with pytest.raises(ConstraintError, match=r"Order\('customer', 'number'\) must be unique"):
        forge.create(shop.Order, number=7)


def test_one_to_many_fields_are_left_to_the_children_and_not_drawn() -> None:
    spec = model_spec(shop.Customer)
    assert spec.by_name["orders"].computed
    assert Forge(seed=1).create(shop.Customer).orders == []


def test_a_generate_fk_path_naming_a_missing_relationship_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"no foreign key of that name.*customer, tags"):
        Forge(seed=1).create(shop.Order, generate_fk=["buyer"])


def test_generate_fk_false_without_parents_is_a_relation_error() -> None:
    with pytest.raises(RelationError, match=r"Order\.customer needs a Customer"):
        Forge(seed=1).create(shop.Order, generate_fk=False)


def test_a_parent_is_made_with_a_number_of_its_children() -> None:
    forge = Forge(seed=9)
    customers = forge.create_batch(shop.Customer, count=2, orders=3)
    for customer in customers:
        assert len(customer.orders) == 3
        assert all(order.customer is customer for order in customer.orders)
    order = forge.create(shop.Order, lines=4)
    assert [line.order for line in order.lines] == [order] * 4


def test_a_negative_number_of_children_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"Customer\.orders=-1"):
        Forge(seed=1).create(shop.Customer, orders=-1)
