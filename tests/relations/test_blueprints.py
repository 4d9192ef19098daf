"""Blueprints: per-model defaults, traits, hooks, and where they are registered."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import pytest
from pydantic import BaseModel

from pytest_forge import Blueprint, Forge, ForgeError, Sequence, blueprint, hookimpl, register, unregister
from pytest_forge.extensions import plugin_manager
from tests.relations.models import Customer, Entry, Order, Person


class Staff(BaseModel):
    id: int
    name: str
    email: str
    role: str
    active: bool


class StaffBlueprint(Blueprint, model=Staff):
    email = Sequence("staff{n}@example.com")
    role = "curator"
    traits: ClassVar = {"admin": {"role": "admin"}, "inactive": {"active": False}, "boss": {"role": "boss"}}


@pytest.fixture(autouse=True)
def _no_global_blueprints() -> Iterator[None]:
    yield
    for model in (Staff, Customer, Person, Entry):
        unregister(model)


def test_a_blueprints_values_fill_its_models_fields() -> None:
    forge = Forge(seed=1)
    forge.register(StaffBlueprint)
    staff = forge.create_batch(Staff, count=2)
    assert [(s.email, s.role) for s in staff] == [
        ("staff1@example.com", "curator"),
        ("staff2@example.com", "curator"),
    ]


def test_a_blueprint_registered_on_one_forge_is_not_used_by_another() -> None:
    Forge(seed=1).register(Staff, StaffBlueprint)
    assert Forge(seed=1).create(Staff).email != "staff1@example.com"


def test_a_globally_registered_blueprint_is_used_by_every_forge_until_unregistered() -> None:
    register(Staff, StaffBlueprint)
    assert Forge(seed=1).create(Staff).role == "curator"
    unregister(Staff)
    assert Forge(seed=1).create(Staff).role != "curator"


def test_the_blueprint_decorator_registers_a_plain_class_globally() -> None:
    @blueprint(Customer)
    class CustomerDefaults:
        name = "ACME"

    assert issubclass(CustomerDefaults, Blueprint)
    assert Forge(seed=1).create(Customer).name == "ACME"


def test_a_forges_own_blueprint_wins_over_the_global_one() -> None:
    register(Staff, StaffBlueprint)
    forge = Forge(seed=1)
    forge.register(Staff, type("Quiet", (Blueprint,), {"role": "quiet"}))
    assert forge.create(Staff).role == "quiet"


def test_traits_apply_their_values() -> None:
    forge = Forge(seed=1)
    forge.register(StaffBlueprint)
    staff = forge.create(Staff, traits=["admin", "inactive"])
    assert (staff.role, staff.active) == ("admin", False)


def test_call_overrides_beat_traits_which_beat_blueprint_values() -> None:
    forge = Forge(seed=1)
    forge.register(StaffBlueprint)
    assert forge.create(Staff, traits=["admin"]).role == "admin"
    assert forge.create(Staff, traits=["admin"], role="owner").role == "owner"
    assert forge.create(Staff, traits=["admin", "boss"]).role == "boss"


def test_an_unknown_trait_is_an_error_listing_the_traits() -> None:
    forge = Forge(seed=1)
    forge.register(StaffBlueprint)
    with pytest.raises(ForgeError, match=r"no trait 'root'.*admin, boss, inactive"):
        forge.create(Staff, traits=["root"])


def test_traits_without_a_blueprint_are_an_error() -> None:
    with pytest.raises(ForgeError, match="Staff has no blueprint"):
        Forge(seed=1).create(Staff, traits=["admin"])


def test_a_blueprint_attribute_that_is_not_a_field_is_refused_at_registration() -> None:
    class Typo(Blueprint, model=Staff):
        emial = "x@example.com"

    with pytest.raises(ForgeError, match=r"Typo\.emial is not a field of Staff"):
        register(Typo)


def test_a_subclass_inherits_and_extends_its_blueprints_values_and_traits() -> None:
    class Lead(StaffBlueprint):
        active = True
        traits: ClassVar = {"intern": {"role": "intern"}}

    forge = Forge(seed=1)
    forge.register(Staff, Lead)
    assert forge.create(Staff, traits=["admin"]).role == "admin"
    assert forge.create(Staff, traits=["intern"]).active is True


def test_pre_process_changes_the_fields_before_validation() -> None:
    class Upper(Blueprint, model=Staff):
        def pre_process(self, record: dict[str, Any]) -> None:
            record["name"] = record["name"].upper()

    forge = Forge(seed=1)
    forge.register(Upper)
    assert all(s.name.isupper() for s in forge.create_batch(Staff, count=5))


def test_post_process_may_replace_the_instance_and_the_replacement_is_registered() -> None:
    class Renamed(Blueprint, model=Staff):
        def post_process(self, instance: Staff) -> Staff:
            return instance.model_copy(update={"name": "Replaced"})

    forge = Forge(seed=1)
    forge.register(Renamed)
    assert forge.create(Staff).name == "Replaced"
    assert forge.registry.records("Staff")[0].name == "Replaced"


def test_a_blueprint_is_used_when_a_parent_is_created_automatically() -> None:
    forge = Forge(seed=1)
    forge.register(Customer, type("Named", (Blueprint,), {"name": "Auto Parent Ltd"}))
    order = forge.create(Order)
    assert forge.registry.records("Customer")[0].name == "Auto Parent Ltd"
    assert order.customer_id == 1


def test_blueprint_options_are_defaults_of_every_call() -> None:
    class Pairs(Blueprint, model=Person):
        unique_together: ClassVar = [("first", "last")]

    forge = Forge(seed=1)
    forge.register(Pairs)
    people = forge.create_batch(Person, count=6)
    assert len({(p.first, p.last) for p in people}) == 6


def test_a_blueprints_generate_fk_gives_way_to_the_calls() -> None:
    class Fresh(Blueprint, model=Entry):
        generate_fk = True

    forge = Forge(seed=1)
    forge.register(Fresh)
    forge.create_batch(Entry, count=3)
    forge.create_batch(Entry, count=3, generate_fk=False)
    assert forge.stats()["registry"]["Blog"] == 3


def test_field_values_of_a_blueprint_set_fields_named_like_options() -> None:
    class Flags(BaseModel):
        id: int
        traits: str

    class FlagsBlueprint(Blueprint, model=Flags):
        field_values: ClassVar = {"traits": "calm"}

    forge = Forge(seed=1)
    forge.register(FlagsBlueprint)
    assert forge.create(Flags).traits == "calm"


def test_blueprints_from_the_forge_blueprints_hook_are_used() -> None:
    class Plugin:
        @hookimpl
        def forge_blueprints(self) -> list[type[Blueprint]]:
            return [StaffBlueprint]

    manager = plugin_manager()
    plugin = Plugin()
    manager.register(plugin)
    try:
        staff = Forge(seed=1).create(Staff)
    finally:
        manager.unregister(plugin)
    assert staff.email == "staff1@example.com"


def test_explain_tells_blueprint_values_from_the_callers() -> None:
    forge = Forge(seed=1)
    forge.register(StaffBlueprint)
    origins = forge.explain(forge.create(Staff, name="Ada"))
    assert (origins["name"].source, origins["role"].source) == ("user", "blueprint")


def test_a_forge_may_inherit_another_forges_blueprints_and_override_them() -> None:
    session = Forge(seed=1)
    session.register(StaffBlueprint)
    test_forge = Forge(seed=2)
    test_forge._relations.inherit(session._relations)
    assert test_forge.create(Staff).role == "curator"
    test_forge.register(Staff, type("Quiet", (Blueprint,), {"role": "quiet"}))
    assert (test_forge.create(Staff).role, session.create(Staff).role) == ("quiet", "curator")
