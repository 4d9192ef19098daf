"""Every email pytest-forge generates, in any tier and locale, is on a reserved domain."""

from __future__ import annotations

import re
from typing import Annotated

import pytest
from pydantic import BaseModel, EmailStr, NameEmail

from pytest_forge import Forge, Sensitive
from pytest_forge.gates.lint import is_reserved_domain

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+)")


class Contact(BaseModel):
    email: EmailStr
    label: str


class User(BaseModel):
    id: int
    name: str
    email: EmailStr
    work_email: str
    contactEmail: str
    backup_email: EmailStr | None = None
    display: NameEmail
    bio: str
    website: str


class Company(BaseModel):
    name: str
    support_email: str
    contacts: list[Contact]
    owner: User


class Private(BaseModel):
    ssn: str
    personal_email: Annotated[str, Sensitive]
    recovery_email: EmailStr
    notes: str


class Hostile(BaseModel):
    payload: str
    email: str


MODELS = (Contact, User, Company, Private, Hostile)


def domains_in(value, found):
    if isinstance(value, dict):
        for item in value.values():
            domains_in(item, found)
    elif isinstance(value, list):
        for item in value:
            domains_in(item, found)
    elif isinstance(value, str):
        found.extend(m.group(1) for m in EMAIL.finditer(value))
    return found


@pytest.mark.parametrize("locale", ["en_US", "de_DE", "en_GB", "fr_FR"])
def test_every_generated_email_is_on_a_reserved_domain(locale):
    forge = Forge(seed=13, locale=locale, allow_pii=True, allow_dangerous=True)
    found: list[str] = []
    for model in MODELS:
        for record in forge.create_batch(model, count=60):
            domains_in(record.model_dump(mode="json"), found)
    assert len(found) > 500
    assert sorted({d for d in found if not is_reserved_domain(d)}) == []
