"""Sensitive identity numbers with a pattern stay fake by construction, or say why they cannot."""

from __future__ import annotations

import re
from typing import Annotated

import pytest
from pydantic import BaseModel, Field

from pytest_forge import ConstraintError, Forge
from pytest_forge.values.formats import luhn_check_digit


class Patterned(BaseModel):
    ssn: Annotated[str, Field(pattern=r"^\d{3}-\d{2}-\d{4}$")]
    tax_id: Annotated[str, Field(pattern=r"^\d{9}$")]
    card_number: Annotated[str, Field(pattern=r"^4\d{15}$")]
    iban: Annotated[str, Field(pattern=r"^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$")]
    password: Annotated[str, Field(pattern=r"^[a-z]{12}$")]


def test_a_patterned_ssn_is_drawn_from_never_issued_areas():
    records = Forge(seed=4, allow_pii=True).create_batch(Patterned, count=40)
    assert all(re.fullmatch(r"9\d\d-[0-4]\d-\d{4}", r.ssn) for r in records)
    assert all(re.fullmatch(r"9\d\d[0-4]\d\d{4}", r.tax_id) for r in records)


def test_a_patterned_card_number_uses_a_test_prefix_the_pattern_accepts():
    records = Forge(seed=4, allow_pii=True).create_batch(Patterned, count=40)
    visa_test_prefixes = ("424242", "411111", "401288", "400005")
    assert all(r.card_number.startswith(visa_test_prefixes) for r in records)
    assert all(luhn_check_digit(r.card_number[:-1]) == r.card_number[-1] for r in records)


def test_other_patterned_sensitive_fields_follow_their_pattern():
    records = Forge(seed=4, allow_pii=True).create_batch(Patterned, count=20)
    assert all(r.iban.startswith(("GB", "DE")) and "TEST" in r.iban for r in records)
    assert all(re.fullmatch(r"[a-z]{12}", r.password) for r in records)


class IssuedOnly(BaseModel):
    ssn: Annotated[str, Field(pattern=r"^[1-8]\d{2}-\d{2}-\d{4}$")]


def test_a_pattern_no_fake_value_can_match_is_a_constraint_error_naming_the_field():
    expected = r"IssuedOnly\.ssn.*no never-issued SSN.*matches pattern"
    with pytest.raises(ConstraintError, match=expected) as caught:
        Forge(seed=1, allow_pii=True).create(IssuedOnly)
    assert (caught.value.model, caught.value.field) == (IssuedOnly, "ssn")


def test_an_override_still_fills_a_field_no_fake_value_fits():
    assert Forge(seed=1, allow_pii=True).create(IssuedOnly, ssn="123-45-6789").ssn == "123-45-6789"


def test_patterned_values_repeat_with_the_seed():
    first = Forge(seed=9, allow_pii=True).create_batch(Patterned, count=5)
    assert first == Forge(seed=9, allow_pii=True).create_batch(Patterned, count=5)
