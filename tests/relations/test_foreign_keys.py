"""Foreign keys point at registered parents: explicit tags, the ``<model>_id`` convention, keys."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel

from pytest_forge import ForeignKey, Forge, RelationError, Unique
from pytest_forge.generation.options import CallOptions
from pytest_forge.relations.calls import PLAIN_CALL
from pytest_forge.relations.registry import Registry
from tests.relations.models import Coupon, Customer, Invoice, Order


def test_every_order_of_ten_thousand_points_at_one_of_the_three_customers() -> None:
    forge = Forge(seed=1)
    customers = forge.create_batch(Customer, count=3)
    orders = forge.create_batch(Order, count=10_000)
    assert {o.customer_id for o in orders} == {c.id for c in customers}


def test_the_parent_is_chosen_with_the_seeded_stream() -> None:
    def customer_ids(seed: int) -> list[int]:
        forge = Forge(seed=seed)
        forge.create_batch(Customer, count=5)
        return [o.customer_id for o in forge.create_batch(Order, count=30)]

    assert customer_ids(3) == customer_ids(3)
    assert customer_ids(3) != customer_ids(4)


def test_a_missing_parent_is_created_automatically() -> None:
    forge = Forge(seed=1)
    order = forge.create(Order)
    customers = forge.registry.records("Customer")
    assert [c.id for c in customers] == [order.customer_id]


def test_automatic_parents_spread_over_a_batch_like_real_data() -> None:
    forge = Forge(seed=1)
    orders = forge.create_batch(Order, count=300)
    customers = forge.stats()["registry"]["Customer"]
    assert 70 <= customers <= 130  # about a third of the children: three orders a customer
    assert len({o.customer_id for o in orders}) == customers


def test_parents_per_child_sets_how_many_parents_a_batch_makes() -> None:
    few, many = Forge(seed=1), Forge(seed=1, parents_per_child=0.9)
    few.create_batch(Order, count=200, parents_per_child=0.05)
    many.create_batch(Order, count=200)
    assert few.stats()["registry"]["Customer"] < 25
    assert many.stats()["registry"]["Customer"] > 150


def test_parents_per_child_must_be_a_probability() -> None:
    with pytest.raises(ValueError, match="parents_per_child must be a probability"):
        Forge(seed=1).create_batch(Order, count=2, parents_per_child=3)


def test_given_parents_are_used_and_no_more_are_made() -> None:
    forge = Forge(seed=1)
    forge.create_batch(Customer, count=2)
    forge.create_batch(Order, count=50)
    assert forge.stats()["registry"]["Customer"] == 2


def test_generate_fk_false_with_no_parent_names_the_field_and_the_missing_model() -> None:
    with pytest.raises(RelationError, match=r"Order\.customer_id needs a Customer") as caught:
        Forge(seed=1).create(Order, generate_fk=False)
    assert (caught.value.model, caught.value.field) == ("Order", "customer_id")


def test_generate_fk_false_still_picks_existing_parents() -> None:
    forge = Forge(seed=1)
    customer = forge.create(Customer)
    assert forge.create(Order, generate_fk=False).customer_id == customer.id


def test_a_convention_key_points_at_a_model_the_forge_has_records_of() -> None:
    forge = Forge(seed=1, none_p=0)
    coupons = forge.create_batch(Coupon, count=2)
    orders = forge.create_batch(Order, count=50)
    assert {o.coupon_id for o in orders} == {c.id for c in coupons}


def test_a_convention_key_of_an_unknown_model_is_an_ordinary_value() -> None:
    orders = Forge(seed=1, none_p=0).create_batch(Order, count=20)
    assert len({o.coupon_id for o in orders}) > 3  # random ints, not keys of 1..n


def test_an_optional_convention_key_of_a_known_but_empty_model_stays_none() -> None:
    forge = Forge(seed=1, none_p=0)
    forge.create(Coupon)
    forge.clear_registry()
    forge.register(Coupon, type("CouponBlueprint", (), {"code": "SPRING"}))
    assert {o.coupon_id for o in forge.create_batch(Order, count=10)} == {None}


def test_a_convention_key_that_is_required_creates_its_known_parent() -> None:
    class Shipment(BaseModel):
        id: int
        coupon_id: int

    forge = Forge(seed=1)
    forge.register(Coupon, type("CouponBlueprint", (), {"code": "SPRING"}))
    shipment = forge.create(Shipment)
    assert [(c.id, c.code) for c in forge.registry.records("Coupon")] == [(shipment.coupon_id, "SPRING")]


def test_a_foreign_key_tag_inside_an_optional_is_found() -> None:
    forge = Forge(seed=1, none_p=0)
    customer = forge.create(Customer)
    assert {i.customer_id for i in forge.create_batch(Invoice, count=5)} == {customer.id}


def test_an_optional_explicit_key_stays_none_when_no_parent_exists() -> None:
    forge = Forge(seed=1, none_p=0)
    assert forge.create(Invoice).customer_id is None
    assert "Customer" not in forge.stats()["registry"]


def test_none_p_decides_how_often_an_optional_key_is_none() -> None:
    forge = Forge(seed=1)
    forge.create(Customer)
    invoices = forge.create_batch(Invoice, count=400, none_p=0.5)
    nones = sum(i.customer_id is None for i in invoices)
    assert 140 < nones < 260


def test_a_foreign_key_can_name_another_key_field_of_the_parent() -> None:
    class Country(BaseModel):
        code: str
        name: str

    class City(BaseModel):
        name: str
        country_code: Annotated[str, ForeignKey(Country, field="code")]

    forge = Forge(seed=1)
    countries = forge.create_batch(Country, count=3, code=iter(["PT", "FR", "JP"]).__next__)
    assert {c.country_code for c in forge.create_batch(City, count=30)} <= {c.code for c in countries}


def test_a_string_target_resolves_through_the_classes_the_forge_has_seen() -> None:
    class Warehouse(BaseModel):
        id: int

    class Bin(BaseModel):
        id: int
        warehouse_id: Annotated[int, ForeignKey("Warehouse")]

    forge = Forge(seed=1)
    forge.plan(Warehouse)
    bins = forge.create_batch(Bin, count=3)
    assert {b.warehouse_id for b in bins} == {w.id for w in forge.registry.records("Warehouse")}


def test_an_unresolvable_string_target_is_a_relation_error() -> None:
    class Bin(BaseModel):
        id: int
        rack_id: Annotated[int, ForeignKey("Rack")]

    with pytest.raises(RelationError, match=r"Bin\.rack_id points at Rack"):
        Forge(seed=1).create(Bin)


def test_ids_count_up_per_model_and_are_never_shared_between_models() -> None:
    forge = Forge(seed=1)
    customers = forge.create_batch(Customer, count=3)
    coupons = forge.create_batch(Coupon, count=2)
    more = forge.create_batch(Customer, count=2)
    assert [c.id for c in customers + more] == [1, 2, 3, 4, 5]
    assert [c.id for c in coupons] == [1, 2]


def test_clear_registry_resets_records_and_key_counters() -> None:
    forge = Forge(seed=1)
    forge.create_batch(Customer, count=3)
    forge.clear_registry()
    assert forge.stats()["registry"] == {}
    assert forge.create(Customer).id == 1


def test_an_overridden_key_is_registered_and_the_counter_skips_it() -> None:
    forge = Forge(seed=1)
    forge.create(Customer, id=2)
    assert [c.id for c in forge.create_batch(Customer, count=3)] == [1, 3, 4]


def test_uuid_keys_are_drawn_unique() -> None:
    invoices = Forge(seed=1).create_batch(Invoice, count=500)
    assert len({i.number for i in invoices}) == 500
    assert all(isinstance(i.number, uuid.UUID) for i in invoices)


def test_stats_count_registered_records_per_model_class_name() -> None:
    forge = Forge(seed=1)
    forge.create_batch(Customer, count=1)
    forge.create_batch(Order, count=4)
    assert forge.stats()["registry"] == {"Customer": 1, "Order": 4}


def test_parents_in_a_parent_registry_are_chosen_too() -> None:
    session = Forge(seed=1)
    customers = session.create_batch(Customer, count=2)
    test_forge = Forge(seed=2, registry=Registry(parent=session.registry))
    orders = test_forge.create_batch(Order, count=40)
    assert {o.customer_id for o in orders} == {c.id for c in customers}
    assert "Customer" not in test_forge.registry.own_records()


@dataclasses.dataclass
class Shop:
    id: int
    name: str


@dataclasses.dataclass
class Shelf:
    id: int
    shop_id: Annotated[int, ForeignKey(Shop)]
    label: Annotated[Literal["A", "B", "C"], Unique]


def test_dataclass_fields_tagged_as_foreign_keys_point_at_parents() -> None:
    forge = Forge(seed=1)
    shops = forge.create_batch(Shop, count=2)
    assert {s.shop_id for s in forge.create_batch(Shelf, count=3)} <= {s.id for s in shops}


def test_dataclass_fields_tagged_unique_never_repeat() -> None:
    assert sorted(s.label for s in Forge(seed=1).create_batch(Shelf, count=3)) == ["A", "B", "C"]


def test_a_foreign_key_field_is_explained_as_a_structural_relation() -> None:
    forge = Forge(seed=1)
    origin = forge.explain(forge.create(Order))["customer_id"]
    assert (origin.tier, origin.source) == ("structural", "relation.parent")


def test_a_model_without_relations_takes_the_plain_path_with_no_per_record_work() -> None:
    forge = Forge(seed=1)
    _, call = forge._relations.prepare(forge.plan(Coupon), CallOptions.split({"code": "X"}))
    assert call is PLAIN_CALL


def test_a_convention_key_of_another_type_than_the_parents_key_stays_an_ordinary_value() -> None:
    class Visit(BaseModel):
        id: int
        customer_id: str

    forge = Forge(seed=1)
    forge.create(Customer)
    visits = forge.create_batch(Visit, count=5)
    assert all(isinstance(v.customer_id, str) for v in visits)
