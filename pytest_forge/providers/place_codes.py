"""A place's money and languages: the currency its country pays in and a language spoken there.

From the Unicode CLDR (``data/territories.json``, built from Babel by ``tools/build_territories.py``).
A record whose currency or language sits beside its city or country (or a person's) reads them from
that place: a customer in Odessa, Texas pays in ``USD`` and mostly speaks ``en``. The field's own
generator decides the format (a code, or an English name for a language) and is kept where the place
says nothing (a country CLDR lists no tender or language for).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.providers.locale_data import load_data

if TYPE_CHECKING:
    import random

    from pytest_forge.providers.coherence import Gen
    from pytest_forge.providers.place_data import Place
    from pytest_forge.providers.shaping import Shape

__all__ = ["currency_of_place", "language_of_place"]

#: the share of records that speak the country's most spoken language; the rest speak another one
#: spoken there, in proportion to how many people do
MAIN_LANGUAGE = 0.85


@lru_cache(maxsize=1)
def _territories() -> dict[str, Any]:
    return load_data("territories")


def currency_of_place(
    place: Place, shape: Shape, original: Gen, rng: random.Random, locale: str
) -> str | None:
    """The ISO 4217 code of the place's legal tender, where the field holds codes."""
    own = original(rng)
    if not (isinstance(own, str) and len(own) == 3 and own.isupper()):
        return None
    code: str | None = _territories()["currencies"].get(place.country)
    return code


def language_of_place(
    place: Place, shape: Shape, original: Gen, rng: random.Random, locale: str
) -> str | None:
    """A language spoken at the place: an ISO 639-1 code or its English name, as the field's values are."""
    own = original(rng)
    spoken: list[list[Any]] | None = _territories()["languages"].get(place.country)
    if not spoken or not isinstance(own, str) or not own.isalpha():
        return None
    code, name, _ = _spoken(spoken, rng)
    if own.islower() and len(own) == 2:
        return str(code)
    if own[:1].isupper() and len(own) > 3:
        return str(name)
    return None


def _spoken(spoken: list[list[Any]], rng: random.Random) -> list[Any]:
    if len(spoken) == 1 or rng.random() < MAIN_LANGUAGE:
        return spoken[0]
    others = spoken[1:]
    point = rng.random() * sum(float(entry[2]) for entry in others)
    for entry in others:
        point -= float(entry[2])
        if point < 0:
            return entry
    return others[-1]
