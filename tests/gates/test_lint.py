"""lint_records: values that look like real PII, found by record and dotted field path."""

from __future__ import annotations

import dataclasses
import json

import pytest
from pydantic import BaseModel, SecretStr

from pytest_forge import Forge, lint_records


def reasons(records):
    return [(f.record, f.field, f.reason.split(" (")[0].split(";")[0]) for f in lint_records(records)]


def test_clean_records_have_no_findings():
    records = [{"email": "ada@example.com", "card": "4242424242424242", "ssn": "900-12-3456"}]
    assert lint_records(records) == []


@pytest.mark.parametrize(
    "email", ["a@example.com", "b@mail.example.org", "c@shop.test", "d@host.example", "e@x.invalid"]
)
def test_emails_on_reserved_domains_are_clean(email):
    assert lint_records([{"email": email}]) == []


def test_an_email_on_a_real_domain_is_a_finding():
    [finding] = lint_records([{"email": "someone@gmail.com"}])
    assert (finding.record, finding.field, finding.value) == (0, "email", "someone@gmail.com")
    assert "gmail.com" in finding.reason


def test_an_email_inside_free_text_is_found():
    assert reasons([{"bio": "write to jo@outlook.com today"}]) == [
        (0, "bio", "email on a non-reserved domain")
    ]


def test_a_luhn_valid_card_number_outside_test_ranges_is_a_finding():
    assert reasons([{"card": "4556 7375 8689 9855"}]) == [
        (0, "card", "Luhn-valid card number outside the published test ranges")
    ]


def test_a_card_number_failing_luhn_is_not_a_card():
    assert lint_records([{"card": "4556737586899856"}]) == []


def test_published_test_card_numbers_are_clean():
    cards = [
        "4242424242424242",
        "4111111111111111",
        "5555555555554444",
        "378282246310005",
        "6011111111111117",
    ]
    assert lint_records([{"card": c} for c in cards]) == []


def test_an_ssn_in_the_issued_range_is_a_finding():
    assert reasons([{"ssn": "123-45-6789"}]) == [(0, "ssn", "SSN in the issued range")]


@pytest.mark.parametrize("ssn", ["900-12-3456", "666-12-3456", "000-12-3456", "123-00-4567", "123-45-0000"])
def test_ssns_that_were_never_issued_are_clean(ssn):
    assert lint_records([{"ssn": ssn}]) == []


def test_nine_digits_count_as_an_ssn_only_in_an_ssn_field():
    assert reasons([{"ssn": "123456789", "order_code": "123456789"}]) == [
        (0, "ssn", "SSN in the issued range")
    ]


def test_nested_values_are_reported_under_dotted_paths_with_list_indexes():
    records = [
        {"name": "x"},
        {"profile": {"contacts": [{"email": "a@example.com"}, {"email": "b@yahoo.com"}]}},
    ]
    assert [(f.record, f.field) for f in lint_records(records)] == [(1, "profile.contacts.1.email")]


class Person(BaseModel):
    email: str
    password: SecretStr


def test_pydantic_records_are_read_as_their_json_dump():
    [finding] = lint_records([Person(email="x@hotmail.com", password=SecretStr("hunter2"))])
    assert (finding.field, finding.value) == ("email", "x@hotmail.com")


def test_dataclass_records_are_accepted():
    @dataclasses.dataclass
    class Row:
        email: str

    assert [f.field for f in lint_records([Row("z@aol.com")])] == ["email"]


def test_records_of_another_kind_raise_type_error():
    with pytest.raises(TypeError, match="got list"):
        lint_records([[1, 2]])


class Customer(BaseModel):
    email: str
    contact_email: str
    ssn: str
    tax_id: str
    card_number: str
    credit_card: str
    iban: str
    salary: float
    date_of_birth: str
    phone: str
    ip_address: str
    api_key: str
    bio: str


def test_the_products_own_pii_rich_exports_lint_clean():
    records = Forge(seed=21, allow_pii=True).create_batch(Customer, count=300)
    dumped = json.loads(json.dumps([r.model_dump(mode="json") for r in records]))
    assert lint_records(dumped) == []
