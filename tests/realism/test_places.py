"""An address is one place (issue 13): city, state, postcode, country, phone area code and time zone
agree within the locale, as far as the locale's data goes (documented in docs/realism.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry
import pytest
from faker.providers.address.en_US import Provider as UsAddress
from pydantic import BaseModel, Field

from pytest_forge import Forge
from pytest_forge.providers.locale_data import load_data
from pytest_forge.providers.tax_numbers import LOCALE_COUNTRY


class Address(BaseModel):
    street: str
    city: str
    state: str
    zip_code: str
    country: str = Field(max_length=2)
    phone: str
    timezone: str


class Customer(BaseModel):
    first_name: str
    last_name: str
    city: str
    state: str = Field(max_length=2)
    phone: str
    bio: str


class Shipment(BaseModel):
    billing_city: str
    billing_state: str
    billing_zip: str
    shipping_city: str
    shipping_state: str
    shipping_zip: str


US_STATES = load_data("places")["us_states"]
US_CITY_STATES = load_data("places")["us_city_states"]


def area_of(phone: str) -> str:
    return re.sub(r"\D", "", phone.removeprefix("+1"))[:3]


def us_abbr(state_name: str) -> str:
    found = [s for s in pycountry.subdivisions.get(country_code="US") if s.name == state_name]
    return found[0].code.split("-")[1]


def test_a_us_address_is_one_place():
    for a in Forge(seed=13).create_batch(Address, count=400):
        abbr = us_abbr(a.state)
        assert US_CITY_STATES[a.city] == abbr
        low, high = UsAddress.states_postcode[abbr]
        assert low <= int(a.zip_code) <= high
        assert area_of(a.phone) in US_STATES[abbr]["areas"]
        assert a.timezone == US_STATES[abbr]["tz"]
        assert a.country == "US"


def test_a_us_persons_phone_and_state_are_their_citys():
    for c in Forge(seed=13).create_batch(Customer, count=300):
        assert US_CITY_STATES[c.city] == c.state
        if c.phone.count("-") + c.phone.count(" ") >= 2 or "(" in c.phone:
            assert area_of(c.phone) in US_STATES[c.state]["areas"]
        assert c.city in c.bio


def test_a_german_address_is_one_of_the_drama_number_cities_and_agrees():
    places = {p["city"]: p for p in load_data("places")["de_places"]}
    for a in Forge(seed=13, locale="de_DE").create_batch(Address, count=200):
        place = places[a.city]
        assert pycountry.subdivisions.get(code=place["state"]).name == a.state
        assert place["postcodes"][0] <= int(a.zip_code) <= place["postcodes"][1]
        digits = re.sub(r"\D", "", a.phone)
        assert digits.startswith((f"0{place['area']}", f"49{place['area']}"))
        assert (a.country, a.timezone) == ("DE", "Europe/Berlin")


def test_a_german_person_with_a_phone_lives_where_the_phone_is():
    places = {p["city"]: p for p in load_data("places")["de_places"]}
    for c in Forge(seed=13, locale="de_DE").create_batch(Customer, count=100):
        assert c.city in places
        assert c.city in c.bio
        assert re.sub(r"\D", "", c.phone).startswith(
            (f"0{places[c.city]['area']}", f"49{places[c.city]['area']}")
        )


def italian_places() -> dict[str, tuple[str, set[str]]]:
    """Comune -> (province abbreviation, its CAPs), read from Faker's it_IT table independently."""
    from faker.providers.address.it_IT import Provider as ItAddress

    places: dict[str, tuple[str, set[str]]] = {}
    for cap, entries in ItAddress.cap_city_province.items():
        for city, province in entries:
            places.setdefault(city, (province, set()))
            if places[city][0] == province:
                places[city][1].add(cap)
    return places


def faker_province_name(abbr: str) -> str:
    from faker.providers.address.it_IT import Provider as ItAddress

    return ItAddress.states[ItAddress.states_abbr.index(abbr)]


def test_an_italian_address_is_one_comune_its_province_and_its_cap():
    places = italian_places()
    addresses = Forge(seed=13, locale="it_IT").create_batch(Address, count=300)
    for a in addresses:
        province, caps = places[a.city]
        found = pycountry.subdivisions.get(code=f"IT-{province}")
        assert a.state == (found.name if found is not None else faker_province_name(province))
        assert a.zip_code in caps
        assert (a.country, a.timezone) == ("IT", "Europe/Rome")
    assert len({a.city for a in addresses}) > 250  # the whole list, not a handful of cities


def test_an_italian_persons_province_is_their_comunes():
    places = italian_places()
    for c in Forge(seed=13, locale="it_IT").create_batch(Customer, count=200):
        assert c.state == places[c.city][0]
        assert c.city in c.bio


def zones_of(country: str) -> set[str]:
    """The tz database's zones of a country (zone.tab: one line per country and zone)."""
    table = Path("/usr/share/zoneinfo/zone.tab")
    if not table.exists():
        pytest.skip("no tz database table on this machine")
    lines = [line.split("\t") for line in table.read_text().splitlines() if not line.startswith("#")]
    return {parts[2] for parts in lines if country in parts[0].split(",")}


@pytest.mark.parametrize(
    "locale", ["en_GB", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL", "ja_JP", "zh_CN"]
)
def test_country_and_time_zone_are_the_locales(locale):
    country = LOCALE_COUNTRY[locale]
    addresses = Forge(seed=13, locale=locale).create_batch(Address, count=50)
    assert {a.country for a in addresses} == {country}
    assert {a.timezone for a in addresses} <= zones_of(country)


def test_billing_and_shipping_addresses_are_each_one_place():
    for s in Forge(seed=13).create_batch(Shipment, count=200):
        for city, state, zip_code in (
            (s.billing_city, s.billing_state, s.billing_zip),
            (s.shipping_city, s.shipping_state, s.shipping_zip),
        ):
            abbr = us_abbr(state)
            assert US_CITY_STATES[city] == abbr
            assert UsAddress.states_postcode[abbr][0] <= int(zip_code) <= UsAddress.states_postcode[abbr][1]


def test_every_us_states_time_zone_is_a_us_zone_of_the_tz_database():
    assert {entry["tz"] for entry in US_STATES.values()} <= zones_of("US")
