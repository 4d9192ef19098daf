"""Overrides, provenance (tiers, sources, explain, verbose) and extension hooks."""

from __future__ import annotations

import logging
import random

import pytest
from pydantic import BaseModel, EmailStr, Field, computed_field

from pytest_forge import Forge, ForgeError, Origin, hookimpl
from pytest_forge.extensions import plugin_manager


class Address(BaseModel):
    street: str
    city: str


class Person(BaseModel):
    id: int
    first_name: str
    email: EmailStr
    age: int = Field(ge=18, le=99)
    bio: str
    address: Address

    @computed_field  # type: ignore[prop-decorator]
    @property
    def greeting(self) -> str:
        return f"Hello {self.first_name}"


def test_constant_overrides_are_used_as_given() -> None:
    person = Forge(seed=1).create(Person, first_name="Ada", age=36)
    assert (person.first_name, person.age) == ("Ada", 36)


def test_callable_overrides_of_no_argument_are_called_per_record() -> None:
    counter = iter(range(100))
    people = Forge(seed=1).create_batch(Person, count=3, age=lambda: 20 + next(counter))
    assert [p.age for p in people] == [20, 21, 22]


def test_callable_overrides_of_one_argument_see_the_record_so_far() -> None:
    person = Forge(seed=1).create(Person, email=lambda record: f"{record['first_name'].lower()}@example.com")
    assert person.email == f"{person.first_name.lower()}@example.com"


def test_nested_paths_override_a_nested_models_field() -> None:
    person = Forge(seed=1).create(Person, address__city="Lisbon")
    assert person.address.city == "Lisbon"


def test_field_values_overrides_like_keywords() -> None:
    person = Forge(seed=1).create(Person, field_values={"first_name": "Grace"})
    assert person.first_name == "Grace"


def test_ids_count_up_per_model() -> None:
    forge = Forge(seed=1)
    assert [p.id for p in forge.create_batch(Person, count=3)] == [1, 2, 3]
    assert forge.create(Person).id == 4


def test_explain_gives_tier_and_source_per_field_nested_included() -> None:
    forge = Forge(seed=1)
    person = forge.create(Person, age=40)
    origins = forge.explain(person)
    assert origins["id"] == Origin("structural", "key.sequence")
    assert origins["first_name"].tier == "standard"
    assert origins["first_name"].source == "person.first_name"
    assert origins["bio"].tier == "semantic"
    assert origins["age"].tier == "override"
    assert isinstance(origins["address"], dict)
    assert origins["address"]["city"].source == "address.city"


def test_explain_refuses_instances_it_did_not_make() -> None:
    forge = Forge(seed=1)
    stranger = Address(street="1 Main St", city="Springfield")
    with pytest.raises(ForgeError, match="not made by this Forge"):
        forge.explain(stranger)


def test_verbose_logs_one_line_per_field(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="pytest_forge")
    Forge(seed=1, verbose=True).create(Person)
    lines = [r.getMessage() for r in caplog.records if r.name == "pytest_forge"]
    assert len(lines) == len(Person.model_fields)
    assert any(line.startswith("[structural] Person.id = 1 (key.sequence)") for line in lines)
    assert any(line.startswith("[semantic] Person.bio = ") for line in lines)


def test_computed_fields_are_left_to_pydantic() -> None:
    person = Forge(seed=1).create(Person)
    assert person.greeting == f"Hello {person.first_name}"


class Money:
    def __init__(self, cents: int) -> None:
        self.cents = cents


class Invoice(BaseModel):
    model_config = {"arbitrary_types_allowed": True}
    total: Money


class MoneyPlugin:
    @hookimpl
    def forge_field_provider(self, field, forge):  # type: ignore[no-untyped-def]
        if field.type.python_type is Money:
            return lambda rng: Money(rng.randint(1, 100))
        return None


def test_pluggy_hook_supplies_values_for_a_custom_type() -> None:
    manager = plugin_manager()
    plugin = MoneyPlugin()
    manager.register(plugin)
    try:
        invoices = Forge(seed=1).create_batch(Invoice, count=5)
    finally:
        manager.unregister(plugin)
    assert all(1 <= i.total.cents <= 100 for i in invoices)


def test_predicate_providers_match_fields_by_name() -> None:
    forge = Forge(seed=1)
    forge.register_provider(lambda field: field.name == "first_name", lambda: "Zed")
    assert forge.create(Person).first_name == "Zed"


def test_provider_callables_get_the_fields_own_stream() -> None:
    def draw(rng: random.Random) -> str:
        return f"n{rng.randint(0, 10**6)}"

    a, b = Forge(seed=4), Forge(seed=4)
    for forge in (a, b):
        forge.register_provider(lambda field: field.name == "first_name", draw)
    assert [p.first_name for p in a.create_batch(Person, count=5)] == [
        p.first_name for p in b.create_batch(Person, count=5)
    ]


def test_none_p_controls_optional_fields() -> None:
    class Maybe(BaseModel):
        value: int | None

    forge = Forge(seed=1)
    assert all(m.value is None for m in forge.create_batch(Maybe, count=30, none_p=1.0))
    assert all(m.value is not None for m in forge.create_batch(Maybe, count=30, none_p=0.0))


def test_locale_changes_names_and_places() -> None:
    from faker.providers.person.de_DE import Provider as GermanNames

    german_first = set(GermanNames.first_names)
    people = Forge(seed=3, locale="de_DE").create_batch(Person, count=30)
    assert sum(p.first_name in german_first for p in people) >= 25


def test_realistic_names_stay_within_tight_limits() -> None:
    class Tight(BaseModel):
        name: str = Field(max_length=5)
        city: str = Field(min_length=2, max_length=6)

    for item in Forge(seed=2).create_batch(Tight, count=100):
        assert 1 <= len(item.name) <= 5
        assert 2 <= len(item.city) <= 6
