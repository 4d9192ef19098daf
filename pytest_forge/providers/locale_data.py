"""Word lists per locale: Faker's data read once and cached, plus our own JSON files.

We read Faker's lists (names, cities, states ...) instead of calling Faker per
value, which costs 50-100 µs; template-shaped data goes through one cached
Faker generator per locale that draws from the caller's rng.  Faker is imported
lazily, on the first value a locale needs.
"""

from __future__ import annotations

import importlib
import json
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from pytest_forge.providers.shaping import Pool

if TYPE_CHECKING:
    import random

    from pytest_forge.providers.shaping import Draw

__all__ = [
    "DEFAULT_LOCALE",
    "FakerDraws",
    "Names",
    "faker_base",
    "faker_data",
    "faker_draws",
    "load_data",
    "names",
    "normalize_locale",
    "pool",
]

DEFAULT_LOCALE = "en_US"
#: letters NFKD cannot take apart, spelled the usual ASCII way
_SPELLED_OUT = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "œ": "oe", "ł": "l", "Ł": "L", "đ": "d"}
)
_TWO_PART = re.compile(r"\{\{(first|last)_name\w*\}\}( ?)\{\{(first|last)_name\w*\}\}")


def normalize_locale(locale: str) -> str:
    """``en-us`` -> ``en_US``; anything unreadable -> the default locale."""
    parts = locale.replace("-", "_").split("_")
    if not parts[0].isalpha():
        return DEFAULT_LOCALE
    return "_".join([parts[0].lower(), *(p.upper() for p in parts[1:2])])


@cache
def load_data(name: str) -> dict[str, Any]:
    """One of our JSON data files from ``providers/data``."""
    text = resources.files("pytest_forge.providers").joinpath("data", f"{name}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _own_attr(kind: str, locale: str, attr: str) -> Any:
    """The attribute as the locale's own provider defines it (not Faker's generic base)."""
    try:
        module = importlib.import_module(f"faker.providers.{kind}.{locale}")
    except ImportError:
        return None
    base = f"faker.providers.{kind}"
    for cls in module.Provider.__mro__:
        if cls.__module__ not in (base, "faker.providers") and attr in vars(cls):
            return vars(cls)[attr]
    return None


@lru_cache(maxsize=512)
def faker_data(kind: str, locale: str, *attrs: str, fallback: bool = True) -> Any:
    """The first of ``attrs`` Faker's ``kind`` provider has for the locale, else for en_US, else None."""
    locales = (locale, DEFAULT_LOCALE) if fallback else (locale,)
    for candidate in locales:
        for attr in attrs:
            value = _own_attr(kind, candidate, attr)
            if value:
                return value
    return None


def pool(data: Iterable[Any] | Mapping[str, float]) -> Pool:
    """A pool from Faker data: weighted mappings, plain sequences, or (code, name) pairs."""
    if isinstance(data, Mapping):
        return Pool.of({str(k): float(v) for k, v in data.items()})
    return Pool.of(str(item[-1]) if isinstance(item, tuple) else str(item) for item in data)


def _ascii(source: Pool) -> Pool:
    """Lowercase ASCII spellings of names, for usernames and emails."""
    kept: dict[str, float] = {}
    for item, weight in zip(source.items, source.weights(), strict=True):
        spelled = item.translate(_SPELLED_OUT)
        plain = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode().lower()
        word = "".join(ch for ch in plain if "a" <= ch <= "z")
        if len(word) >= 2 and len(word) * 2 >= len(item):
            kept[word] = kept.get(word, 0.0) + weight
    return Pool.of(kept) if source.cum else Pool(tuple(kept))


def _local_pool(locale: str, attr: str, default: Pool) -> Pool:
    data = faker_data("person", locale, attr, fallback=False)
    return pool(data) if data else default


@dataclass(frozen=True, slots=True)
class Names:
    """A locale's first and last names, by gender where the locale inflects them."""

    first: Pool
    last: Pool
    by_gender: tuple[tuple[Pool, Pool], tuple[Pool, Pool]]
    family_first: bool
    sep: str
    ascii_first: Pool
    ascii_last: Pool

    def full(self, rng: random.Random) -> str:
        """``First Last`` (or ``Last First`` where the locale writes it so), gender-consistent."""
        first, last = self.by_gender[rng.random() < 0.5]
        given, family = first.draw(rng), last.draw(rng)
        return f"{family}{self.sep}{given}" if self.family_first else f"{given}{self.sep}{family}"


def _name_order(locale: str) -> tuple[bool, str]:
    formats = faker_data("person", locale, "formats") or ()
    for fmt in formats:
        match = _TWO_PART.fullmatch(fmt)
        if match and match.group(1) != match.group(3):
            return match.group(1) == "last", match.group(2)
    return False, " "


@lru_cache(maxsize=64)
def names(locale: str) -> Names:
    """The cached name data of a locale (en_US pieces where the locale has none)."""
    first = pool(faker_data("person", locale, "first_names"))
    last = pool(faker_data("person", locale, "last_names", "unisex_last_names"))
    male, female = (_local_pool(locale, f"first_names_{g}", first) for g in ("male", "female"))
    last_male, last_female = (_local_pool(locale, f"last_names_{g}", last) for g in ("male", "female"))
    ascii_first, ascii_last = _ascii(first), _ascii(last)
    if min(len(ascii_first.items), len(ascii_last.items)) < 20 and locale != DEFAULT_LOCALE:
        ascii_first, ascii_last = names(DEFAULT_LOCALE).ascii_first, names(DEFAULT_LOCALE).ascii_last
    family_first, sep = _name_order(locale)
    by_gender = ((female, last_female), (male, last_male))
    return Names(first, last, by_gender, family_first, sep, ascii_first, ascii_last)


class FakerDraws:
    """One Faker generator for a locale, each call drawing from the caller's rng (never Faker's global)."""

    def __init__(self, locale: str) -> None:
        from faker import Factory

        self._fake = Factory.create(locale, use_weighting=False)
        self._lock = threading.Lock()

    def draw(self, method: str) -> Draw:
        """A draw function calling the generator's ``method`` with the given rng."""
        call = getattr(self._fake, method)

        def draw(rng: random.Random) -> str:
            with self._lock:  # the generator is shared: pin our rng for exactly this call
                self._fake.random = rng
                return str(call())

        return draw


@lru_cache(maxsize=64)
def faker_draws(locale: str) -> FakerDraws:
    """The cached generator of a locale (en_US when Faker does not know it)."""
    from faker.config import AVAILABLE_LOCALES

    return FakerDraws(locale if locale in AVAILABLE_LOCALES else DEFAULT_LOCALE)


@lru_cache(maxsize=64)
def faker_base(kind: str, attr: str) -> Any:
    """An attribute of Faker's generic ``kind`` provider (locale-independent data such as ISO codes)."""
    module = importlib.import_module(f"faker.providers.{kind}")
    return getattr(module.Provider, attr)
