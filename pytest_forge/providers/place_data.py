"""Where a city is, per locale: its region, postcodes, phone area codes, country and time zone.

The tables behind :mod:`pytest_forge.providers.place_group` (see its docstring for what agrees in which
locale): our en_US and de_DE lists, Faker's Italian CAP table, the generated ``place_tables.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pytest_forge.providers.locale_data import load_data
from pytest_forge.providers.place_tables import TABLE_LOCALES, table_cities
from pytest_forge.providers.tax_numbers import LOCALE_COUNTRY

__all__ = ["Place", "place_cities", "place_of", "place_tables", "state_name"]


@dataclass(frozen=True, slots=True)
class Place:
    """Where a record is: what we know of it (None where the locale's data says nothing)."""

    city: str | None
    state_code: str | None  # ISO 3166-2 (``US-CA``)
    postcodes: tuple[int, int] | None
    areas: tuple[str, ...]  # its phone area codes (empty: none we can write)
    country: str
    timezone: str | None
    #: the place's own postcodes, when they are a list rather than a range (Italian CAPs)
    codes: tuple[str, ...] = ()
    #: the subdivision's name where pycountry has none for ``state_code`` (Faker's name)
    state_name: str | None = None
    #: how ``codes`` become a postcode: ``list`` (one of them), ``prefix3`` (+ three digits),
    #: ``nl_digits`` (+ a space and two letters), ``gb_area`` (+ district, sector and unit)
    postcode_form: str = "list"


@lru_cache(maxsize=32)
def place_tables(locale: str) -> tuple[dict[str, Place], tuple[Place, ...]]:
    """(city -> place, places to draw from) for a locale."""
    data = load_data("places")
    country = LOCALE_COUNTRY.get(locale, "US" if locale.startswith("en_US") else locale[-2:])
    timezone = data["country_timezones"].get(country)
    by_city: dict[str, Place] = {}
    if locale == "en_US":
        from faker.providers.address.en_US import Provider

        states = data["us_states"]
        for city, state in data["us_city_states"].items():
            areas = states[state]["areas"]
            low, high = Provider.states_postcode[state]
            by_city[city] = Place(city, f"US-{state}", (low, high), tuple(areas), "US", states[state]["tz"])
    elif locale == "de_DE":
        for entry in data["de_places"]:
            low, high = entry["postcodes"]
            by_city[entry["city"]] = Place(
                entry["city"], entry["state"], (low, high), (entry["area"],), "DE", timezone
            )
    elif locale == "it_IT":
        by_city = _italian_places(timezone)
    elif locale in TABLE_LOCALES:
        by_city = {
            row.city: Place(row.city, row.region, None, row.areas, row.country, row.timezone, row.codes,
                            row.region_name, row.postcode_form)
            for row in table_cities(locale)
        }  # fmt: skip
    places = tuple(by_city.values()) or (Place(None, None, None, (), country, timezone),)
    return by_city, places


def _italian_places(timezone: str | None) -> dict[str, Place]:
    """Each comune of Faker's it_IT CAP table with its province and CAPs (a name found in several
    provinces is the first one's)."""
    import pycountry
    from faker.providers.address.it_IT import Provider

    names = dict(zip(Provider.states_abbr, Provider.states, strict=True))
    found: dict[str, tuple[str, list[str]]] = {}
    for cap, entries in Provider.cap_city_province.items():
        for city, province in entries:
            known = found.setdefault(city, (province, []))
            if known[0] == province and cap not in known[1]:
                known[1].append(cap)
    by_city: dict[str, Place] = {}
    for city, (province, caps) in found.items():
        code = f"IT-{province}"
        listed = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
        own = None if listed is not None else names.get(province, province)
        by_city[city] = Place(city, code, None, (), "IT", timezone, tuple(caps), own)
    return by_city


def place_cities(locale: str) -> tuple[str, ...] | None:
    """The cities a person of the locale lives in when their record also has a phone, state or postcode:
    the cities we know the place of, where they are fewer than the locale's cities (de_DE), else None."""
    from pytest_forge.providers.places import cities

    by_city = place_tables(locale)[0]
    known = cities(locale)
    if not by_city or (known is not None and set(known.items) <= set(by_city)):
        return None
    return tuple(by_city)


def place_of(city: str | None, locale: str) -> Place:
    """The place a city is in (the locale's country and time zone only, for a city we do not know)."""
    by_city, places = place_tables(locale)
    known = by_city.get(city) if city is not None else None
    if known is not None:
        return known
    return Place(city, None, None, (), places[0].country, places[0].timezone)


@lru_cache(maxsize=256)
def state_name(code: str) -> tuple[str, str]:
    """(name, abbreviation) of an ISO 3166-2 subdivision: (California, CA)."""
    import pycountry

    try:
        name = str(pycountry.subdivisions.lookup(code).name)
    except LookupError:
        name = code
    return name, code.split("-", 1)[1]
