"""Offline free text in the locale's language (German, French, Spanish, Italian, Portuguese,
Dutch, Polish, Japanese, Chinese): voices from ``data/text_i18n.json``, filled with the locale's names,
cities and jobs. English locales and languages without templates keep the English voices.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.providers.locale_data import load_data, names
from pytest_forge.providers.people import jobs
from pytest_forge.providers.places import cities
from pytest_forge.providers.shaping import Pool
from pytest_forge.providers.templates import Voice, compile_template

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

__all__ = ["language_of", "localized_slots", "localized_voices", "settle_spacing", "text_target", "write"]

#: which localized set a text flavour uses (anything else: "general")
_FLAVOUR_SETS = {"bio": "bio", "summary": "bio", "review": "review", "feedback": "review"}


def language_of(locale: str) -> str | None:
    """The language whose templates a locale uses (``de_AT`` -> ``de``), None for English or unknown ones."""
    language = locale.split("_")[0]
    return language if language in load_data("text_i18n")["languages"] else None


def _voice(data: dict[str, list[str]], rename: dict[str, str]) -> Voice:
    def compiled(texts: list[str]) -> tuple[object, ...]:
        for old, new in rename.items():
            texts = [t.replace(old, new) for t in texts]
        return tuple(compile_template(t) for t in texts)

    return Voice(compiled(data["open"]), compiled(data["middle"]), compiled(data["close"]))  # type: ignore[arg-type]


@lru_cache(maxsize=64)
def localized_voices(locale: str, flavour: str) -> tuple[Voice, ...] | None:
    """The voices of one flavour (``bio``, ``review``, ``review.negative`` ...) in the locale's language."""
    language = language_of(locale)
    if language is None:
        return None
    sets = load_data("text_i18n")["languages"][language]
    name, _, sentiment = flavour.partition(".")
    chosen = _FLAVOUR_SETS.get(name, "general")
    if chosen == "review":
        wanted = (sentiment,) if sentiment else ("negative", "mixed", "positive", "positive")
        return tuple(_voice(sets["review"][s], {}) for s in wanted)
    return (_voice(sets[chosen], {}),)


@lru_cache(maxsize=64)
def localized_slots(locale: str) -> dict[str, Callable[[random.Random], str]]:
    """The slots localized templates use: the locale's names, cities and jobs, and small numbers."""
    town = cities(locale) or cities("en_US") or Pool(("Springfield",))
    return {
        "first": names(locale).first.draw,
        "city": town.draw,
        "town": town.draw,
        "job": jobs(locale).draw,
        "years": lambda rng: str(rng.randint(2, 15)),
        "n": lambda rng: str(rng.randint(2, 9)),
    }


def settle_spacing(text: str, locale: str) -> str:
    """Japanese and Chinese sentences follow each other without spaces."""
    return text.replace("。 ", "。") if locale.startswith(("ja", "zh")) else text


def text_target(target: int, lowest: int, locale: str) -> int:
    """The length to aim for: a third as many characters in Japanese and Chinese (denser scripts)."""
    return max(lowest, target // 3) if locale.startswith(("ja", "zh")) else target


def write(compose: Callable[[random.Random, int, Any], str], shape: Any, target: int, rng: random.Random,
          locale: str) -> str:  # fmt: skip
    """One composed text aimed at ``target`` characters (scaled for the language), spaced for it."""
    text = compose(rng, text_target(target, shape.lo, locale), shape)
    settled = settle_spacing(text, locale)
    return settled if len(settled) >= shape.lo else text
