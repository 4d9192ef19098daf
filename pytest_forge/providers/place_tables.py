"""The place tables of en_GB, fr_FR, es_ES, nl_NL, pl_PL, pt_BR, ja_JP and zh_CN: where each city is.

``data/place_tables.json`` is built by ``tools/build_place_tables.py`` from GeoNames (CC BY 4.0) and the
countries-states-cities database (ODbL 1.0; the file is a derived database under that licence): per
locale up to 150 cities with their region (ISO 3166-2), time zone and postcodes, and a rule writing a
postcode from a city's codes. This module also gives each city the area codes its phone numbers are
written under (see ``phones.py``): Ofcom's range of the city (en_GB), ARCEP's zone of the region
(fr_FR), the state's DDDs (pt_BR), the national unassigned block elsewhere (``""``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from pytest_forge.providers.locale_data import load_data
from pytest_forge.providers.shaping import pick

if TYPE_CHECKING:
    import random

__all__ = ["TABLE_LOCALES", "TableCity", "brazil_areas", "table_cities", "table_postcode"]

TABLE_LOCALES = frozenset({"en_GB", "fr_FR", "es_ES", "nl_NL", "pl_PL", "pt_BR", "ja_JP", "zh_CN"})


class TableCity(NamedTuple):
    """One city of a place table."""

    city: str
    region: str  # ISO 3166-2
    region_name: str
    timezone: str
    codes: tuple[str, ...]
    areas: tuple[str, ...]
    country: str
    postcode_form: str


#: the French regions whose numbers start 01 ... 05 (ARCEP's zones); Occitanie spans two
_FR_ZONES = {
    "FR-IDF": "1", "FR-NOR": "2", "FR-BRE": "2", "FR-PDL": "2", "FR-CVL": "2", "FR-HDF": "3",
    "FR-GES": "3", "FR-BFC": "3", "FR-ARA": "4", "FR-PAC": "4", "FR-20R": "4", "FR-OCC": "4",
    "FR-NAQ": "5",
}  # fmt: skip
#: Occitanie's departments of the former Midi-Pyrénées, in zone 05
_FR_SOUTH_WEST = frozenset({"FR-09", "FR-12", "FR-31", "FR-32", "FR-46", "FR-65", "FR-81", "FR-82"})


def _areas(locale: str, city: str, region: str, extra: list[str], table: dict[str, Any]) -> tuple[str, ...]:
    """The area codes a city's phone numbers are written under."""
    from pytest_forge.providers.phones import GB_DRAMA_AREAS

    if locale == "en_GB":
        own = GB_DRAMA_AREAS.get(city)
        return (own,) if own else ("7700", "1632")
    if locale == "fr_FR":
        zone = "5" if extra and extra[0] in _FR_SOUTH_WEST else _FR_ZONES[region]
        return (zone, "6")
    if locale == "pt_BR":
        return tuple(table["areas"].get(region, ()))
    return ("",)


@lru_cache(maxsize=16)
def table_cities(locale: str) -> tuple[TableCity, ...]:
    """Each city of the locale's place table."""
    table = load_data("place_tables")["locales"][locale]
    regions, form, country = table["regions"], table["postcode"], table["country"]
    found = []
    for city, region, timezone, codes, *extra in table["cities"]:
        areas = _areas(locale, city, region, extra, table)
        found.append(TableCity(city, region, regions[region], timezone, tuple(codes), areas, country, form))
    return tuple(found)


@lru_cache(maxsize=1)
def brazil_areas() -> tuple[str, ...]:
    """Every DDD area code of the Brazilian place table."""
    areas = load_data("place_tables")["locales"]["pt_BR"]["areas"]
    return tuple(sorted({a for codes in areas.values() for a in codes}))


_GB_UNIT = "ABDEFGHJLNPQRSTUWXYZ"  # the letters a British inward code's unit uses
#: the letter pairs a Dutch postcode ends with: no F, I, O, Q, U or Y, and never SA, SD or SS
_NL_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
_NL_PAIRS = tuple(a + b for a in _NL_LETTERS for b in _NL_LETTERS if a + b not in ("SA", "SD", "SS"))


def table_postcode(form: str, code: str, rng: random.Random) -> str:
    """A postcode from one of a city's codes: ``prefix3`` (Spain: the province's two digits + three),
    ``nl_digits`` (a four-digit area + two letters), ``gb_area`` (a postcode area + district, sector
    and unit); any other form is the code itself."""
    if form == "prefix3":
        return f"{code}{int(rng.random() * 1000):03d}"
    if form == "nl_digits":
        return f"{code} {pick(rng, _NL_PAIRS)}"
    if form == "gb_area":
        district = 1 + int(rng.random() * 9)
        return f"{code}{district} {int(rng.random() * 10)}{pick(rng, _GB_UNIT)}{pick(rng, _GB_UNIT)}"
    return code
