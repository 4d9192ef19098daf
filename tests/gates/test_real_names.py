"""Names as real models use them: read by name and type, when in doubt safe (issue 12's cases)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Annotated, Literal

import pytest
from pydantic import AnyUrl, BaseModel, EmailStr, HttpUrl, SecretBytes, SecretStr, create_model

from pytest_forge import Forge, Sensitive
from pytest_forge.gates import classify


def level(name: str, annotation: object = str) -> str:
    return classify(create_model("Probe", **{name: (annotation, ...)})).fields[name]


class Visibility(Enum):
    PUBLIC = "public"
    PRIVATE = "private"


class Toggle(BaseModel):
    status: Literal["enabled", "disabled"]


class PublicIp(BaseModel):
    enabled: bool
    prefix: str


class Pin(BaseModel):
    pinned_at: dt.datetime
    pinned_by: str


class SecretMeta(BaseModel):
    name: str
    created_at: dt.datetime
    status: str
    domain: str
    id: int


FALSE_POSITIVES: list[tuple[str, object]] = [
    ("token", str),
    ("tokens", list[str]),
    ("api_key_id", str),
    ("scoped_api_key_id", int),
    ("api_key_last_used_at", dt.datetime),
    ("organization_secrets", Literal["read", "write"]),
    ("dependabot_secrets", Literal["read", "write"]),
    ("secret_scanning", Toggle),
    ("secret_scanning_alerts", Toggle | None),
    ("secret_scanning_push_protection", Toggle),
    ("secret_type", str),
    ("secret_type_display_name", str),
    ("secret_category", str),
    ("public_ip_enabled", bool),
    ("public_ips", list[PublicIp]),
    ("pinned_at", dt.datetime),
    ("pin", Pin | None),
    ("access_tokens_url", str),
    ("verifiable_password_authentication", bool),
    ("diagnosis_related_group", str),
    ("xss_protection", bool),
    ("password_changed_at", dt.datetime),
    ("secret_visibility", Visibility),
    ("token_count", int),
    ("api_key_url", HttpUrl),
    ("account_id", int),
    ("vat_number", str),
    ("vat_id", str),
]


@pytest.mark.parametrize(("name", "annotation"), FALSE_POSITIVES, ids=[n for n, _ in FALSE_POSITIVES])
def test_fields_that_hold_no_secret_whatever_their_name_says_are_safe(name, annotation):
    assert level(name, annotation) == "safe"


TRUE_POSITIVES = [
    "ssn", "social_security_number", "passport_number", "tax_id", "national_id", "card_number", "cvv",
    "iban", "account_number", "salary", "annual_income", "password", "password_hash", "api_key",
    "secret_key", "client_secret", "signing_secret", "access_token", "refresh_token", "private_key",
    "diagnosis", "medical_history", "auth_token", "api_token", "id_token", "passport_id",
]  # fmt: skip


@pytest.mark.parametrize("name", TRUE_POSITIVES)
def test_fields_that_hold_special_category_data_stay_sensitive(name):
    assert level(name) == "sensitive"


@pytest.mark.parametrize("annotation", [SecretStr, SecretBytes, SecretStr | None])
def test_secret_types_stay_sensitive_under_a_harmless_name(annotation):
    assert level("value", annotation) == "sensitive"


@pytest.mark.parametrize(
    ("name", "annotation"),
    [("has_diabetes", bool), ("salary", float), ("annual_income", Decimal), ("credit_score", int)],
)
def test_health_and_income_stay_sensitive_in_any_scalar_type(name, annotation):
    assert level(name, annotation) == "sensitive"


@pytest.mark.parametrize(("name", "annotation"), [("card_number", int), ("tax_id", int), ("pin", int)])
def test_identity_and_card_numbers_stored_as_ints_stay_sensitive(name, annotation):
    assert level(name, annotation) == "sensitive"


def test_a_list_called_secrets_holds_metadata_whose_leaves_are_safe():
    class Repo(BaseModel):
        secrets: list[SecretMeta]

    result = classify(Repo)
    assert result.level == "safe"
    leaves = ("name", "created_at", "status", "domain", "id")
    assert {result.fields[f"secrets.{name}"] for name in leaves} == {"safe"}


def test_a_list_of_secret_strings_stays_sensitive():
    assert level("secrets", list[str]) == "sensitive"


def test_an_explicit_marker_still_wins_over_the_type_rule():
    assert level("is_vip", Annotated[bool, Sensitive]) == "sensitive"


def test_a_set_aside_name_says_why_in_its_reason():
    reasons = classify(create_model("P", api_key_id=(str, ...), is_secret=(bool, ...))).reasons
    assert 'ends in "id"' in reasons["api_key_id"]
    assert "cannot hold one" in reasons["is_secret"]


class User(BaseModel):
    name: str
    email: EmailStr
    phone: str
    address: str
    birth_date: dt.date
    last_login_ip: str
    website: AnyUrl | None = None


def test_personal_data_needs_no_gate_and_is_fake_by_construction():
    result = classify(User)
    assert result.level == "safe"
    assert "personal data" in result.reasons["birth_date"]
    users = Forge(seed=3).create_batch(User, count=20)
    assert all(u.email.split("@")[1].endswith(("example.com", "example.net", "example.org")) for u in users)
    documentation = ("192.0.2.", "198.51.100.", "203.0.113.", "2001:db8:")
    assert all(u.last_login_ip.startswith(documentation) for u in users)
    assert all(dt.date(1934, 1, 1) < u.birth_date <= dt.date(2007, 1, 1) for u in users)


@pytest.mark.parametrize("name", ["date_of_birth", "dob", "ip_address", "maiden_name", "birthDate"])
def test_personal_names_are_safe(name):
    assert level(name) == "safe"


class Opaque:
    """A type the engine cannot generate: its values come from the user."""


def test_a_field_of_a_type_the_engine_cannot_generate_is_not_gated():
    model = create_model("Claim", __config__={"arbitrary_types_allowed": True}, diagnosis=(Opaque, ...))
    assert classify(model).fields["diagnosis"] == "safe"


@pytest.mark.parametrize(
    ("name", "annotation"),
    [("diagnosis_sequence", list[int]), ("secret_scanning_custom_link", str), ("prescription_ref", str)],
)
def test_references_to_special_category_records_are_safe(name, annotation):
    assert level(name, annotation) == "safe"
