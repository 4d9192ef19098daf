"""An address record is one place: city, state, postcode, country, phone area code and time zone agree.

What agrees depends on the data we have per locale (see ``docs/realism.md``):

* ``en_US``: every city of our list has its state (``us_city_states``), the state its time zone
  and real area codes; the postcode lies in the state's ZIP range (Faker's ``states_postcode``),
  the state's name comes from pycountry's ISO 3166-2 subdivisions. Phones stay fictional
  (``555-01xx``) under the state's area code.
* ``de_DE``: places are the five cities with Bundesnetzagentur drama numbers (Berlin, Frankfurt,
  Hamburg, Köln, München): the phone's area code, the state and the postcode range are the city's.
* ``it_IT``: every city of Faker's it_IT list (its ``cap_city_province`` table of CAP -> comune,
  province) has its province (ISO 3166-2 ``IT-XX``, named by pycountry) and its own CAPs;
  phones keep their own generator (no area code data).
* ``en_GB``, ``fr_FR``, ``es_ES``, ``nl_NL``, ``pl_PL``, ``pt_BR``, ``ja_JP``, ``zh_CN``: the cities
  of ``place_tables.json`` (built by ``tools/build_place_tables.py`` from GeoNames and the
  countries-states-cities database): each city's region (ISO 3166-2), time zone and postcodes
  (its own codes; Spain: its province's two digits; the Netherlands: its four-digit areas; Britain:
  its post town's postcode area). Phones: Ofcom's range of the city (en_GB), ARCEP's block of the
  region's zone (fr_FR), the state's DDD (pt_BR); elsewhere the locale's unassigned block.
* every other locale: country and time zone are the locale's (the time zone a zone of that
  country in the tz database); city, state and postcode keep their own generators.

A record's own person (``city`` in a bio) and its address are one: when the record has a persona,
the place is read from the persona's city. A currency or language beside the place is the country's
(``place_codes``: CLDR's legal tender and the languages spoken there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.providers.coherence import Draft, Member
from pytest_forge.providers.persona import Persona
from pytest_forge.providers.place_codes import currency_of_place, language_of_place
from pytest_forge.providers.place_data import Place, place_of, place_tables, state_name
from pytest_forge.providers.place_tables import table_postcode
from pytest_forge.providers.shaping import Shape, pick
from pytest_forge.providers.tokens import split_name

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from pytest_forge.providers.coherence import Gen, Render
    from pytest_forge.spec import FieldSpec, ModelSpec

__all__ = ["PLACE_SOURCES", "place_members"]

_SOURCES = {
    "address.city": "city",
    "address.state": "state",
    "address.postcode": "postcode",
    "address.country": "country",
    "address.country_code": "country",
    "phone.number": "phone",
    "misc.timezone": "timezone",
    "commerce.currency": "currency",
    "misc.language": "language",
    "misc.language_code": "language",
}
#: sources that make a person's record read its city as a place (``phone``: its area code)
PLACE_SOURCES = frozenset({"address.state", "address.postcode", "phone.number"})
_ROLE_WORDS = frozenset(
    [
        "city",
        "town",
        "state",
        "province",
        "region",
        "zip",
        "postcode",
        "postal",
        "code",
        "country",
        "phone",
        "number",
        "mobile",
        "cell",
        "tel",
        "telephone",
        "fax",
        "timezone",
        "time",
        "zone",
        "tz",
        "tzname",
        "abbr",
        "name",
        "iso",
        "currency",
        "language",
        "lang",
        "preferred",
        "native",
        "spoken",
    ]
)


def _owner(fspec: FieldSpec) -> tuple[str, ...]:
    return tuple(t for t in split_name(fspec.name) if t not in _ROLE_WORDS and not t.isdigit())


def place_members(
    spec: ModelSpec, sources: dict[str, str | None], locale: str, persons: dict[tuple[str, ...], Draft]
) -> dict[str, Member]:
    """Each group of address fields (one per owner: ``billing_city`` + ``billing_zip``), bound to one place;
    the record's own address reads its persona's city when it has one (``persons``)."""
    groups: dict[tuple[str, ...], list[tuple[FieldSpec, str]]] = {}
    for fspec in spec.fields:
        role = _SOURCES.get(sources.get(fspec.name) or "")
        if role is not None and Shape.of(fspec.type) is not None:
            groups.setdefault(_owner(fspec), []).append((fspec, role))
    members: dict[str, Member] = {}
    for owner, fields in groups.items():
        person = persons.get(owner)
        roles = {role for _, role in fields}
        if person is None and len(roles) < 2:
            continue
        if person is not None and roles == {"city"}:
            continue  # the persona already gives the city
        draft = person if person is not None else Draft(_maker(locale))
        base = 64 if person is not None else 0  # indices after the persona's own members
        for index, (fspec, role) in enumerate(fields):
            source = sources.get(fspec.name)
            members[fspec.name] = Member(draft, base + index, source, _renderer(role, fspec, locale))
    return members


def _maker(locale: str) -> Callable[[Draft, random.Random], Place]:
    places = place_tables(locale)[1]
    return lambda draft, rng: pick(rng, places)


def _renderer(role: str, fspec: FieldSpec, locale: str) -> Render:
    shape = Shape.of(fspec.type)
    assert shape is not None
    value_of = _phone(shape, locale) if role == "phone" else _VALUES[role]
    by_city = place_tables(locale)[0]
    transformed = shape.strip or shape.lower or shape.upper

    def render(drawn: Place | Persona, original: Gen, rng: random.Random, again: bool) -> Any:
        if again:
            return original(rng)
        if isinstance(drawn, Persona):
            place = by_city.get(drawn.city) or place_of(drawn.city, locale)
        else:
            place = drawn
        value = value_of(place, shape, original, rng, locale)
        if value is None:
            return original(rng)
        if transformed:
            value = shape.apply(value)
        return value if shape.fits(value) else original(rng)

    return render


def _state(place: Place, shape: Shape, original: Gen, rng: random.Random, locale: str) -> str | None:
    if place.state_code is None:
        return None
    name, abbr = state_name(place.state_code)
    name = place.state_name or name
    return abbr if shape.hi is not None and shape.hi < 4 else name


def _postcode(place: Place, shape: Shape, original: Gen, rng: random.Random, locale: str) -> str | None:
    if place.codes:
        code = place.codes[int(rng.random() * len(place.codes))]
        return code if place.postcode_form == "list" else table_postcode(place.postcode_form, code, rng)
    if place.postcodes is None:
        return None
    low, high = place.postcodes
    return f"{low + int(rng.random() * (high - low + 1)):05d}"


def _country(place: Place, shape: Shape, original: Gen, rng: random.Random, locale: str) -> str | None:
    from pytest_forge.providers.company_group import local_country_name

    own = original(rng)  # its format: a code of two or three letters, or a name
    if isinstance(own, str) and own.isupper() and len(own) in (2, 3):
        import pycountry

        return place.country if len(own) == 2 else str(pycountry.countries.lookup(place.country).alpha_3)
    return local_country_name(place.country, locale)


def _phone(shape: Shape, locale: str) -> Callable[[Place, Shape, Gen, random.Random, str], str | None]:
    """Numbers under the place's area code, in the formats that fit the field (found once per area)."""
    from pytest_forge.providers.phones import area_draws, area_formats, grouped_areas

    if grouped_areas(locale) is not None:
        draws: dict[str, tuple[Callable[[random.Random], str], ...]] = {}

        def grouped(
            place: Place, shape_: Shape, original: Gen, rng: random.Random, locale_: str
        ) -> str | None:
            areas = place.areas
            if not areas:
                return None
            area = areas[int(rng.random() * len(areas))]
            found = draws.get(area)
            if found is None:
                found = draws[area] = area_draws(locale, area, shape)
            return found[int(rng.random() * len(found))](rng) if found else None

        return grouped

    known: dict[str, tuple[tuple[str, int], ...]] = {}

    def value(place: Place, shape_: Shape, original: Gen, rng: random.Random, locale_: str) -> str | None:
        areas = place.areas
        if not areas:
            return None
        area = areas[int(rng.random() * len(areas))]
        formats = known.get(area)
        if formats is None:
            formats = known[area] = area_formats(locale, area, shape)
        if not formats:
            return None
        template, limit = formats[int(rng.random() * len(formats))]
        return template.format(area=area, num=int(rng.random() * limit))

    return value


_VALUES: dict[str, Callable[[Place, Shape, Gen, random.Random, str], str | None]] = {
    "city": lambda place, *_: place.city,
    "state": _state,
    "postcode": _postcode,
    "country": _country,
    "timezone": lambda place, *_: place.timezone,
    "currency": currency_of_place,
    "language": language_of_place,
}
