"""Sensitive values: shaped like the real thing, valid for the field, never a real person's."""

from __future__ import annotations

import datetime as dt
import ipaddress
import random
import re
import string
from decimal import Decimal

import pytest
from pydantic import SecretBytes, SecretStr

from pytest_forge.gates.lint import is_reserved_domain, is_test_card, ssn_is_issuable
from pytest_forge.gates.sensitive_text import iban_check_digits
from pytest_forge.gates.sensitive_values import birth_date_window, sensitive_values
from pytest_forge.spec import TypeSpec

REFERENCE = dt.date(2025, 1, 1)


def draws(category, spec, count=200, locale="en_US"):
    made = sensitive_values(category, spec, locale, REFERENCE)
    assert made is not None, f"no generator for {category} / {spec}"
    rng = random.Random(7)
    return [made[0](rng) for _ in range(count)]


def luhn_valid(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def iban_valid(iban):
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def test_ssns_come_from_never_issued_areas_outside_itin_groups():
    for ssn in draws("ssn", TypeSpec("str")):
        area, group, serial = (int(part) for part in re.fullmatch(r"(\d{3})-(\d{2})-(\d{4})", ssn).groups())
        assert 900 <= area <= 999
        assert 1 <= group <= 49
        assert serial > 0
        assert not ssn_is_issuable(area, group, serial)


def test_ssns_drop_the_dashes_when_max_length_is_nine():
    assert all(re.fullmatch(r"9\d{8}", ssn) for ssn in draws("ssn", TypeSpec("str", max_length=9)))


def test_card_numbers_are_luhn_valid_and_on_published_test_prefixes():
    for number in draws("card_number", TypeSpec("str")):
        assert number.isdigit()
        assert luhn_valid(number)
        assert is_test_card(number)


@pytest.mark.filterwarnings("ignore::pydantic.warnings.PydanticDeprecatedSince20")
def test_payment_card_number_fields_validate_in_pydantic():
    from pydantic import TypeAdapter
    from pydantic.types import PaymentCardNumber

    adapter = TypeAdapter(PaymentCardNumber)
    for number in draws("card_number", TypeSpec("payment_card"), count=50):
        assert adapter.validate_python(number) == number


def test_ibans_have_valid_mod_97_check_digits_on_test_banks():
    for iban in draws("iban", TypeSpec("str")):
        assert len(iban) == 22
        assert iban_valid(iban)
        assert iban.startswith("GB")
        assert iban[4:8] == "TEST"


def test_german_locale_ibans_use_a_bank_code_starting_with_zero():
    for iban in draws("iban", TypeSpec("str"), locale="de_DE"):
        assert iban.startswith("DE")
        assert iban[4] == "0"
        assert iban_valid(iban)


def test_iban_check_digits_match_the_published_example():
    assert iban_check_digits("GB", "WEST12345698765432") == "82"


def test_us_phone_numbers_are_in_the_fictional_555_01xx_range():
    for phone in draws("phone", TypeSpec("str")):
        digits = re.sub(r"\D", "", phone)[-10:]
        assert digits[3:8] == "55501", phone


def test_british_phone_numbers_are_ofcom_drama_numbers():
    drama = ("02079460", "01134960", "01614960", "07700900", "442079460", "447700900")
    for phone in draws("phone", TypeSpec("str"), locale="en_GB"):
        assert re.sub(r"\D", "", phone).startswith(drama), phone


def test_phone_numbers_respect_max_length():
    assert all(len(p) <= 12 for p in draws("phone", TypeSpec("str", max_length=12)))


def test_sensitive_emails_are_on_reserved_domains():
    for email in draws("email", TypeSpec("str")):
        assert is_reserved_domain(email.rsplit("@", 1)[1])


def test_ip_addresses_as_text_come_from_documentation_ranges():
    docs = [
        ipaddress.ip_network(n)
        for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
    ]
    for text in draws("ip_address", TypeSpec("str")):
        assert any(ipaddress.ip_address(text) in net for net in docs)


def test_ip_addresses_fall_back_to_ipv4_when_ipv6_may_not_fit():
    assert all(
        ipaddress.ip_address(t).version == 4 for t in draws("ip_address", TypeSpec("str", max_length=15))
    )


def test_birth_dates_make_adults_aged_18_to_90_at_the_reference_date():
    earliest, latest = birth_date_window(REFERENCE)
    values = draws("birth_date", TypeSpec("date"))
    assert all(earliest <= d <= latest for d in values)
    assert (earliest, latest) == (dt.date(1934, 1, 2), dt.date(2007, 1, 1))


def test_birth_dates_respect_the_fields_date_bounds():
    spec = TypeSpec("date", ge=dt.date(1990, 1, 1), lt=dt.date(1995, 1, 1))
    assert all(dt.date(1990, 1, 1) <= d < dt.date(1995, 1, 1) for d in draws("birth_date", spec))


def test_birth_dates_in_text_fields_are_iso_dates():
    for text in draws("birth_date", TypeSpec("str")):
        assert (
            birth_date_window(REFERENCE)[0] <= dt.date.fromisoformat(text) <= birth_date_window(REFERENCE)[1]
        )


def test_passwords_are_strong():
    for password in draws("password", TypeSpec("str")):
        assert len(password) == 16
        assert any(c.isupper() for c in password)
        assert any(c.islower() for c in password)
        assert any(c.isdigit() for c in password)
        assert any(c in string.punctuation for c in password)


def test_passwords_respect_min_and_max_length():
    assert {len(p) for p in draws("password", TypeSpec("str", min_length=20, max_length=40))} == {20}
    assert {len(p) for p in draws("password", TypeSpec("str", max_length=10))} == {10}


def test_secret_str_fields_get_wrapped_passwords():
    spec = TypeSpec("secret_str", args=(TypeSpec("str"),), max_length=12)
    values = draws("password", spec)
    assert all(isinstance(v, SecretStr) and len(v.get_secret_value()) == 12 for v in values)


def test_secret_bytes_fields_get_bytes():
    values = draws("secret_token", TypeSpec("secret_bytes", args=(TypeSpec("bytes"),)))
    assert all(isinstance(v, SecretBytes) and v.get_secret_value().startswith(b"test_") for v in values)


def test_api_keys_and_tokens_are_prefixed_test():
    values = draws("secret_token", TypeSpec("str"))
    assert all(v.startswith("test_") and len(v) == 37 for v in values)
    assert len(set(values)) == len(values)


@pytest.mark.parametrize(("kind", "kind_type"), [("int", int), ("float", float), ("decimal", Decimal)])
def test_salaries_fall_in_a_realistic_range(kind, kind_type):
    values = draws("money", TypeSpec(kind))
    assert all(isinstance(v, kind_type) and 20_000 <= v <= 250_000 for v in values)


def test_salaries_respect_tighter_bounds_of_the_field():
    values = draws("money", TypeSpec("int", ge=50_000, lt=60_000))
    assert all(50_000 <= v < 60_000 for v in values)


def test_salaries_stay_within_bounds_that_miss_the_realistic_range():
    assert all(0 <= v <= 5_000 for v in draws("money", TypeSpec("int", ge=0, le=5_000)))


def test_a_pattern_on_a_random_kind_of_value_defers_to_the_generic_generator():
    assert sensitive_values("password", TypeSpec("str", pattern=r"^\d{9}$"), "en_US", REFERENCE) is None


def test_a_pattern_on_an_identity_number_keeps_never_issued_values():
    assert all(v.startswith("9") for v in draws("ssn", TypeSpec("str", pattern=r"^\d{9}$")))


def test_no_shape_fitting_the_length_defers_to_the_generic_generator():
    assert sensitive_values("iban", TypeSpec("str", max_length=10), "en_US", REFERENCE) is None


def test_values_come_from_the_given_random_stream():
    made = sensitive_values("ssn", TypeSpec("str"), "en_US", REFERENCE)
    assert made is not None
    first = [made[0](random.Random(3)) for _ in range(3)]
    assert first == [made[0](random.Random(3)) for _ in range(3)]
