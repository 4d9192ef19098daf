"""Addresses of en_GB, fr_FR, es_ES, nl_NL, pl_PL, pt_BR, ja_JP and zh_CN are one place (issue 13): city,
region, postcode and time zone agree with the city's row of ``place_tables.json`` (read here directly,
not through the provider), and each country's postcode scheme holds (French department = first two
digits, Spanish province = first two, Dutch four digits + two letters ...), checked against pycountry's
ISO 3166-2 tree where it has one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pycountry
import pytest
from pydantic import BaseModel, Field

from pytest_forge import Forge

TABLES = json.loads(
    (Path(__file__).parents[2] / "pytest_forge/providers/data/place_tables.json").read_text(encoding="utf-8")
)["locales"]
LOCALES = sorted(TABLES)
POSTCODE = {
    "en_GB": r"[A-Z]{1,2}\d [0-9][ABD-HJLNP-UW-Z]{2}",
    "fr_FR": r"\d{5}",
    "es_ES": r"\d{5}",
    "nl_NL": r"\d{4} [ABCDEGHJKLMNPRSTVWXZ]{2}",
    "pl_PL": r"\d{2}-\d{3}",
    "pt_BR": r"\d{5}-\d{3}",
    "ja_JP": r"\d{3}-\d{4}",
    "zh_CN": r"\d{6}",
}


class Address(BaseModel):
    street: str
    city: str
    state: str
    postcode: str
    country: str = Field(max_length=2)
    timezone: str


class Resident(BaseModel):
    first_name: str
    last_name: str
    city: str
    state: str
    postcode: str
    phone: str
    timezone: str
    bio: str


def rows(locale: str) -> dict[str, list]:
    return {row[0]: row for row in TABLES[locale]["cities"]}


def zones_of(country: str) -> set[str]:
    table = Path("/usr/share/zoneinfo/zone.tab")
    if not table.exists():
        pytest.skip("no tz database table on this machine")
    lines = [line.split("\t") for line in table.read_text().splitlines() if not line.startswith("#")]
    return {parts[2] for parts in lines if country in parts[0].split(",")}


def agrees(locale: str, city: str, state: str, postcode: str, timezone: str) -> None:
    table = TABLES[locale]
    row = rows(locale)[city]
    region, zone, codes = row[1], row[2], row[3]
    assert state == table["regions"][region], (city, state)
    assert timezone == zone
    assert re.fullmatch(POSTCODE[locale], postcode), postcode
    if locale == "en_GB":
        assert re.match(r"[A-Z]+", postcode).group() in codes, (city, postcode)
    elif locale == "es_ES":
        assert postcode[:2] == codes[0], (city, postcode)
    elif locale == "nl_NL":
        assert postcode[:4] in codes, (city, postcode)
        assert postcode[5:] not in ("SA", "SD", "SS"), postcode
    else:
        assert postcode in codes, (city, postcode)


@pytest.mark.parametrize("locale", LOCALES)
def test_an_address_is_one_city_its_region_postcode_and_time_zone(locale):
    table = TABLES[locale]
    addresses = Forge(seed=13, locale=locale).create_batch(Address, count=300)
    for a in addresses:
        agrees(locale, a.city, a.state, a.postcode, a.timezone)
        assert a.country == table["country"]
    assert {a.timezone for a in addresses} <= zones_of(table["country"])
    assert len({a.city for a in addresses}) >= min(80, len(table["cities"]) // 2)  # not a handful of cities


@pytest.mark.parametrize("locale", LOCALES)
def test_a_person_lives_where_their_address_and_bio_say(locale):
    for r in Forge(seed=13, locale=locale).create_batch(Resident, count=150):
        agrees(locale, r.city, r.state, r.postcode, r.timezone)
        assert r.city in r.bio


def test_a_french_postcode_starts_with_the_department_and_the_region_is_its_iso_parent():
    for a in Forge(seed=13, locale="fr_FR").create_batch(Address, count=300):
        department = rows("fr_FR")[a.city][4]
        number = department.split("-")[1]
        assert a.postcode[:2] == ("20" if number in ("2A", "2B") else number[:2]), (a.city, a.postcode)
        region = pycountry.subdivisions.get(code=department)
        while region.parent_code:  # Bas-Rhin -> Alsace -> Grand Est; Haute-Corse -> Corse
            region = pycountry.subdivisions.get(code=region.parent_code)
        if region.code != department:
            assert a.state == region.name, (a.city, a.state)
        else:  # Paris is listed without a parent
            assert (number, a.state) == ("75C", "Île-de-France")


def test_spanish_and_dutch_regions_are_provinces_and_polish_ones_voivodeships():
    kinds = {"es_ES": ("Province", "Autonomous city in north africa"), "nl_NL": ("Province",),
             "pl_PL": ("Voivodship",)}  # fmt: skip
    for locale, kind in kinds.items():
        for region in TABLES[locale]["regions"]:
            assert pycountry.subdivisions.get(code=region).type in kind


def test_japanese_prefectures_are_written_as_japanese_addresses_write_them():
    from faker.providers.address.ja_JP import Provider

    for a in Forge(seed=13, locale="ja_JP").create_batch(Address, count=200):
        assert a.state in Provider.prefectures
        assert a.city.endswith(("市", "区")), a.city
        assert not a.street.endswith("Street")


def test_brazilian_states_abbreviate_to_their_uf():
    class Short(BaseModel):
        city: str
        state: str = Field(max_length=2)
        postcode: str

    for a in Forge(seed=13, locale="pt_BR").create_batch(Short, count=100):
        assert f"BR-{a.state}" == rows("pt_BR")[a.city][1]
        assert a.postcode in rows("pt_BR")[a.city][3]
