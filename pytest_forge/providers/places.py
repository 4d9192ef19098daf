"""Places: cities, street addresses, states, countries and postcodes of the context's locale.

Real city names come from our lists (US, UK, Canada, Australia, France, Spain,
Brazil, Mexico) or Faker's own lists (Germany, Italy, Japan ...); English-speaking
street addresses are composed from common street names; other locales use Faker's
street formats through a generator that draws from our rng.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.providers.locale_data import (
    faker_data,
    faker_draws,
    load_data,
    normalize_locale,
    pool,
)
from pytest_forge.providers.shaping import Pool, Shape, can_fit, fitted, from_pool, pick

if TYPE_CHECKING:
    import random

    from pytest_forge.providers.catalog import ProviderContext
    from pytest_forge.providers.shaping import Draw
    from pytest_forge.spec import TypeSpec

__all__ = [
    "city", "country", "country_code", "postcode", "secondary_address", "state", "state_abbr",
    "street_address", "street_name",
]  # fmt: skip

_UNITS = "ABCDEF"
#: Faker's ja_JP street formats end in an English "Street": Japanese addresses are town + 丁目/番/号
_JA_STREET = ("town", "chome", "ban", "gou")


def _faker_knows(locale: str) -> bool:
    from faker.config import AVAILABLE_LOCALES

    return locale in AVAILABLE_LOCALES


@lru_cache(maxsize=32)
def cities(locale: str) -> Pool | None:
    """Real city names of a locale, when we or Faker have a list."""
    ours = load_data("places")["cities"].get(locale)
    theirs = ours or faker_data("address", locale, "cities", "city_names", fallback=False)
    return None if not theirs else pool(theirs)


def city(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A real city of the locale (Faker's city formats where no list exists)."""
    shape, locale = Shape.of(spec), normalize_locale(ctx.locale)
    if shape is None:
        return None
    listed = cities(locale) or (None if _faker_knows(locale) else cities("en_US"))
    if listed is not None:
        return from_pool(listed, shape, fallback=cities("en_US"))
    draw = faker_draws(locale).draw("city")
    return fitted(shape, draw) if can_fit(draw, shape) else None


def _style(locale: str) -> dict[str, Any] | None:
    """Our street data for English-speaking locales (and unknown ones), else None."""
    data = load_data("places")
    name = data["street_styles"].get(locale) or (None if _faker_knows(locale) else "us")
    return None if name is None else dict(data["streets"][name])


def _street_name_draw(style: dict[str, Any]) -> Draw:
    names, suffixes = tuple(style["names"]), tuple(style["suffixes"])

    def draw(rng: random.Random) -> str:
        name = pick(rng, names)
        # numbered streets are Streets or Avenues, never Trails
        suffix = pick(rng, ("Street", "Avenue")) if name[0].isdigit() else pick(rng, suffixes)
        return f"{name} {suffix}"

    return draw


def _street_draw(style: dict[str, Any]) -> Draw:
    name = _street_name_draw(style)
    low, high = style["numbers"]
    digits = len(str(high))

    def draw(rng: random.Random) -> str:
        top = min(high, 10 ** rng.randint(1, digits) - 1)  # as many 1- as 4-digit house numbers
        return f"{rng.randint(low, top)} {name(rng)}"

    return draw


def _secondary(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.4:
        return f"Apt. {rng.randint(1, 40)}"
    if roll < 0.6:
        return f"Apt. {rng.randint(1, 12)}{pick(rng, _UNITS)}"
    if roll < 0.8:
        return f"Suite {rng.randint(1, 9)}{rng.randint(0, 9)}0"
    return f"Unit {rng.randint(1, 300)}"


def street_address(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """House number and street (``1427 Maple Avenue``), an apartment added when more length is needed."""
    shape, locale = Shape.of(spec), normalize_locale(ctx.locale)
    if shape is None or shape.lo > 80:
        return None
    style = _style(locale)
    draw = _street_draw(style) if style else _local_street(locale)
    town = cities(locale) or cities("en_US") or Pool(("Springfield",))

    def longer(value: str, rng: random.Random) -> str:
        # an apartment first, then the city: "12 Oak Street, Apt. 4, Fresno"
        part = _secondary(rng) if value.count(",") % 2 == 0 else town.draw(rng)
        return f"{value}, {part}"

    return fitted(shape, draw, extend=longer)


def street_name(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A street name without a number (``Maple Avenue``)."""
    shape, locale = Shape.of(spec), normalize_locale(ctx.locale)
    if shape is None or shape.lo > 40:
        return None
    style = _style(locale)
    if style:
        draw = _street_name_draw(style)
    else:
        draw = faker_draws(locale).draw("town" if locale == "ja_JP" else "street_name")
    return fitted(shape, draw)


def _local_street(locale: str) -> Draw:
    """Faker's street address; for ja_JP a town with its 丁目, 番 and 号 (``湯宮37丁目26番3号``)."""
    if locale != "ja_JP":
        return faker_draws(locale).draw("street_address")
    parts = [faker_draws(locale).draw(part) for part in _JA_STREET]
    return lambda rng: "".join(part(rng) for part in parts)


def secondary_address(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """The second address line: ``Apt. 4B``, ``Suite 210``, ``Unit 12``."""
    shape = Shape.of(spec)
    if shape is None or shape.lo > 12 or (shape.hi is not None and shape.hi < 6):
        return None
    return fitted(shape, _secondary)


def _from_faker(spec: TypeSpec, locale: str, *attrs: str) -> Draw | None:
    """Draw from the first of Faker's address lists the locale has (en_US's when it has none or none fit)."""
    shape = Shape.of(spec)
    data = faker_data("address", normalize_locale(locale), *attrs)
    if shape is None or not data:
        return None
    return from_pool(pool(data), shape, fallback=pool(faker_data("address", "en_US", *attrs)))


def state(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A state, province, region or prefecture of the locale."""
    attrs = ("states", "provinces", "regions", "prefectures", "estados", "counties", "region_oblast")
    return _from_faker(spec, ctx.locale, *attrs)


def state_abbr(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A state or province code (``CA``, ``ON``); US codes where the locale has none."""
    return _from_faker(spec, ctx.locale, "states_abbr", "provinces_abbr")


def country(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A country name in the locale's language; an ISO 3166 code when only 2 (or exactly 3) characters fit."""
    from pytest_forge.providers.codes import iso_country

    return iso_country(spec) or _from_faker(spec, ctx.locale, "countries")


def country_code(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """An ISO 3166-1 country code: alpha-2, or alpha-3 when at least three characters are required."""
    from pytest_forge.providers.codes import iso_country

    shape = Shape.of(spec)
    return None if shape is None else iso_country(spec, 3 if shape.lo >= 3 else 2)


def _zip(rng: random.Random) -> str:
    code = f"{rng.randint(501, 99950):05d}"
    return f"{code}-{rng.randint(1, 9999):04d}" if rng.random() < 0.1 else code


def _zip_plus4(rng: random.Random) -> str:
    return f"{rng.randint(501, 99950):05d}-{rng.randint(1, 9999):04d}"


def postcode(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A postcode in the locale's format (US: five-digit ZIP, sometimes ZIP+4)."""
    shape, locale = Shape.of(spec), normalize_locale(ctx.locale)
    if shape is None or shape.lo > 10 or (shape.hi is not None and shape.hi < 4):
        return None
    if locale != "en_US" and _faker_knows(locale):
        draw = faker_draws(locale).draw("postcode")
        return fitted(shape, draw, tries=20) if can_fit(draw, shape) else None
    if shape.hi is not None and shape.hi < 5:
        return None
    return fitted(shape, _zip_plus4 if shape.lo > 5 else _zip)
