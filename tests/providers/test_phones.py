from __future__ import annotations

import random
import re

import pytest

from pytest_forge.providers.catalog import ProviderContext
from pytest_forge.providers.phones import phone_number
from pytest_forge.spec import TypeSpec

NANP = re.compile(r"(\+1 )?(\(\d{3}\) |\d{3}-)?555-01\d\d( ext\. \d+)?")


def numbers(locale: str, spec: TypeSpec | None = None, seeds: int = 50) -> list[str]:
    draw = phone_number(spec or TypeSpec("str"), ProviderContext(locale=locale))
    assert draw is not None
    return [draw(random.Random(seed)) for seed in range(seeds)]


@pytest.mark.parametrize("locale", ["en_US", "en_CA"])
def test_north_american_numbers_use_the_fictional_555_01xx_range(locale):
    for number in numbers(locale):
        assert "555-01" in number
        assert NANP.fullmatch(number)


def test_us_numbers_use_real_looking_area_codes():
    area_codes = {number[1:4] for number in numbers("en_US") if number.startswith("(")}
    assert area_codes
    assert all(code[0] not in "01" for code in area_codes)


@pytest.mark.parametrize("locale", ["xx_XX", "sv_SE"])
def test_locales_without_a_documented_range_get_international_fictional_numbers(locale):
    for number in numbers(locale):
        assert number.startswith("+1 ")
        assert "555-01" in number


@pytest.mark.parametrize(
    ("locale", "pattern"),
    [
        ("fr_FR", r"(\+33 |0)[1-6] (99 00|61 91|53 01|65 71|36 49|39 98) \d\d \d\d"),
        ("ja_JP", r"(\+81 |0)[79]0-0\d{3}-\d{4}"),
        ("pl_PL", r"(\+48 )?20 \d{3} \d\d \d\d"),
        ("pt_BR", r"(\(\d\d\) |\+55 \d\d )6\d{4}-\d{4}"),
    ],
)
def test_other_locales_get_their_fiction_range_or_an_unassigned_block_in_the_local_format(locale, pattern):
    """The full check (parsed with phonenumbers) is tests/realism/test_locale_phones.py."""
    found = numbers(locale)
    assert all(re.fullmatch(pattern, number) for number in found), found
    assert any(n.startswith("+") for n in found)


def test_a_long_field_of_another_locale_gets_an_extension():
    for number in numbers("ja_JP", TypeSpec("str", min_length=20, max_length=24)):
        assert re.fullmatch(r"(\+81 |0)[79]0-0\d{3}-\d{4} ext\. \d+", number), number


def test_german_numbers_come_from_the_bundesnetzagentur_drama_ranges():
    blocks = ("30 23125", "69 90009", "40 66969", "221 4710", "89 99998")
    for number in numbers("de_DE"):
        national = number.removeprefix("+49 ").removeprefix("0")
        assert national.startswith(blocks)
        assert len(national.replace(" ", "")) in (10, 11)


def test_uk_numbers_come_from_ofcom_drama_ranges():
    prefixes = ("07700 900", "020 7946 0", "01632 960", "+44 7700 900", "+44 20 7946 0", "+44 1632 960")
    assert all(number.startswith(prefixes) for number in numbers("en_GB"))


def test_australian_numbers_come_from_acma_fictitious_ranges():
    pattern = re.compile(r"(\(0[2378]\) (5550|7010)|\+61 [2378] 5550) \d{4}")
    assert all(pattern.fullmatch(number) for number in numbers("en_AU"))


def test_a_short_field_gets_the_shortest_fictional_format():
    assert set(numbers("en_US", TypeSpec("str", max_length=8))) <= {f"555-01{n:02d}" for n in range(100)}


def test_a_long_field_gets_an_extension():
    for number in numbers("en_US", TypeSpec("str", min_length=20, max_length=22)):
        assert " ext. " in number
        assert "555-01" in number
        assert 20 <= len(number) <= 22


@pytest.mark.parametrize(("low", "high"), [(None, 5), (9, 11), (40, None)])
def test_fields_no_phone_format_fits_get_no_generator(low, high):
    assert phone_number(TypeSpec("str", min_length=low, max_length=high), ProviderContext()) is None
