"""The gate's field hook inside the engine: tiers, nested fields, optionals, patterns, determinism."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BaseModel, Field, SecretStr

from pytest_forge import ForeignKey, Forge, Sensitive


class Profile(BaseModel):
    ssn: str
    nickname: str


class Person(BaseModel):
    id: int
    name: str
    ssn: str
    password: SecretStr
    date_of_birth: dt.date
    salary: Annotated[int, Field(ge=30_000, le=40_000)]
    profile: Profile
    emergency_phone: Annotated[str, Sensitive]
    backup_ssn: str | None = None
    passport_number: Annotated[str, Field(pattern=r"^[A-Z]{2}\d{7}$")]


def test_sensitive_fields_are_tiered_sensitive_and_safe_ones_are_not():
    forge = Forge(seed=5, allow_pii=True)
    origins = forge.explain(forge.create(Person))
    nested = origins.pop("profile")
    assert {n for n, o in origins.items() if o.tier == "sensitive"} == {
        "ssn", "password", "salary", "emergency_phone", "backup_ssn", "passport_number",
    }  # fmt: skip
    birth = origins["date_of_birth"]
    assert (birth.tier, birth.source) == ("standard", "gate.birth_date.adult")
    assert (origins["ssn"].source, nested["ssn"].tier, nested["nickname"].tier) == (
        "gate.ssn", "sensitive", "standard",
    )  # fmt: skip


def test_nested_sensitive_fields_get_fake_by_construction_values():
    records = Forge(seed=5, allow_pii=True).create_batch(Person, count=30)
    assert all(re.fullmatch(r"9\d\d-[0-4]\d-\d{4}", r.profile.ssn) for r in records)


def test_values_respect_the_fields_own_constraints():
    records = Forge(seed=5, allow_pii=True).create_batch(Person, count=30)
    assert all(30_000 <= r.salary <= 40_000 for r in records)
    assert all(re.fullmatch(r"XX\d{7}", r.passport_number) for r in records)


def test_birth_dates_follow_the_forges_reference_date():
    forge = Forge(seed=5, allow_pii=True, reference_date=dt.date(2000, 6, 1))
    births = [r.date_of_birth for r in forge.create_batch(Person, count=50)]
    assert all(dt.date(1909, 6, 2) <= d <= dt.date(1982, 6, 1) for d in births)


def test_optional_sensitive_fields_still_honour_none_p():
    records = Forge(seed=5, allow_pii=True, none_p=1.0).create_batch(Person, count=5)
    assert {r.backup_ssn for r in records} == {None}


def test_a_marked_field_gets_the_generator_its_name_suggests():
    records = Forge(seed=5, allow_pii=True).create_batch(Person, count=20)
    assert all(re.sub(r"\D", "", r.emergency_phone)[-7:-2] == "55501" for r in records)


def test_the_same_seed_gives_the_same_sensitive_values():
    first = Forge(seed=9, allow_pii=True).create_batch(Person, count=5)
    second = Forge(seed=9, allow_pii=True).create_batch(Person, count=5)
    assert [r.model_dump(mode="json") for r in first] == [r.model_dump(mode="json") for r in second]


class Owner(BaseModel):
    id: int
    name: str


class Account(BaseModel):
    id: int
    account_number: Annotated[int, ForeignKey(Owner)]


def test_foreign_keys_are_left_to_the_relations_even_on_sensitive_names():
    forge = Forge(seed=5, allow_pii=True)
    owners = forge.create_batch(Owner, count=3)
    accounts = forge.create_batch(Account, count=10)
    assert {a.account_number for a in accounts} <= {o.id for o in owners}
