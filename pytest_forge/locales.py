"""Which locales pytest-forge can generate for, and the closest ones to a locale it cannot.

The supported locales are Faker's (its provider packages are listed on disk, nothing is
imported). ``en-us`` and ``EN_us`` read as ``en_US``; a bare language (``de``) is accepted
when some supported locale speaks it. Anything else is refused with the closest locales,
instead of quietly falling back to en_US data.
"""

from __future__ import annotations

import difflib
import importlib.util
import os
from functools import cache
from typing import Final

__all__ = ["closest_locales", "supported_locales", "unknown_locale"]

_SHOWN: Final = 5
_FALLBACK: Final = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES")


@cache
def supported_locales() -> frozenset[str]:
    """Every locale some Faker provider has data for (``en_US``, ``de_DE``, ``ja_JP`` ...)."""
    spec = importlib.util.find_spec("faker")
    if spec is None or spec.origin is None:
        return frozenset(_FALLBACK)
    providers = os.path.join(os.path.dirname(spec.origin), "providers")
    found: set[str] = set()
    for kind in os.listdir(providers):
        folder = os.path.join(providers, kind)
        if os.path.isdir(folder):
            found.update(name for name in os.listdir(folder) if _looks_like_locale(name))
    return frozenset(found)


def _looks_like_locale(name: str) -> bool:
    language, _, country = name.partition("_")
    return language.isalpha() and language.islower() and (not country or country.isalpha())


def _normalized(locale: str) -> str:
    language, _, country = locale.strip().replace("-", "_").partition("_")
    return f"{language.lower()}_{country.upper()}" if country else language.lower()


def closest_locales(locale: str) -> list[str]:
    """Up to five supported locales nearest to ``locale``: the same language first, then look-alikes."""
    known = supported_locales()
    wanted = _normalized(locale)
    language = wanted.partition("_")[0]
    usual = (f"{language}_{language.upper()}", "en_US")
    same_language = sorted(
        (name for name in known if name.partition("_")[0] == language),
        key=lambda name: (name not in usual, name),
    )
    similar = difflib.get_close_matches(wanted, sorted(known), n=_SHOWN, cutoff=0.6)
    picked = list(dict.fromkeys([*same_language, *similar]))[:_SHOWN]
    return picked or list(_FALLBACK)


def unknown_locale(locale: str) -> str | None:
    """None when ``locale`` is supported, else a message naming the closest supported locales."""
    known = supported_locales()
    wanted = _normalized(locale)
    if wanted in known or any(name.partition("_")[0] == wanted for name in known):
        return None
    return (
        f"unknown locale {locale!r}; the closest supported locales are {', '.join(closest_locales(locale))} "
        f"({len(known)} are supported, e.g. en_US, de_DE, ja_JP)"
    )
