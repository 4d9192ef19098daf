"""ISO codes from a maintained source (pycountry, which ships Debian's iso-codes data).

``country`` limited to two characters gives ISO 3166-1 alpha-2 codes, exactly three gives
alpha-3; ``currency`` gives ISO 4217 codes (no funds, metals or test codes, unlike Faker's
list, which has GGP or TVD); ``language`` limited to two characters gives ISO 639-1 codes.
Common codes are weighted up so data looks like real traffic; every code is a real one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from pytest_forge.providers.locale_data import load_data
from pytest_forge.providers.shaping import Pool, Shape, from_pool

if TYPE_CHECKING:
    from pytest_forge.providers.catalog import ProviderContext
    from pytest_forge.providers.shaping import Draw
    from pytest_forge.spec import TypeSpec

__all__ = [
    "country_codes",
    "currency_code",
    "currency_codes",
    "iso_country",
    "language_code",
    "language_codes",
]

#: ISO 4217 codes that are not money people pay with: funds, precious metals, test and "no currency"
_NOT_MONEY = frozenset(
    [
        "XAG",
        "XAU",
        "XBA",
        "XBB",
        "XBC",
        "XBD",
        "XDR",
        "XPD",
        "XPT",
        "XSU",
        "XTS",
        "XUA",
        "XXX",
        "CHE",
        "CHW",
        "BOV",
        "CLF",
        "COU",
        "MXV",
        "USN",
        "UYI",
        "UYW",
        "VED",
    ]
)
#: weight of a code that is real but rarely seen, next to the common ones' own weights
_RARE = 0.05
#: countries most records come from, weighted up (alpha-2)
_COMMON_COUNTRIES = {"US": 30, "GB": 8, "DE": 8, "FR": 6, "CA": 5, "ES": 4, "IT": 4, "NL": 3, "BR": 4,
                     "JP": 4, "CN": 4, "IN": 4, "AU": 3, "PL": 2, "MX": 2, "SE": 1, "CH": 1}  # fmt: skip


def _weighted(codes: list[str], common: dict[str, float], rare: float = _RARE) -> Pool:
    return Pool.of({code: float(common.get(code, rare)) for code in codes})


@lru_cache(maxsize=2)
def country_codes(alpha: int) -> Pool:
    """Every ISO 3166-1 code of one length (2 or 3), the common countries weighted up."""
    import pycountry

    countries = sorted(pycountry.countries, key=lambda c: c.alpha_2)
    codes = [c.alpha_2 if alpha == 2 else c.alpha_3 for c in countries]
    common = {
        c.alpha_2 if alpha == 2 else c.alpha_3: _COMMON_COUNTRIES.get(c.alpha_2, _RARE) for c in countries
    }
    return _weighted(codes, common)


@lru_cache(maxsize=1)
def currency_codes() -> Pool:
    """ISO 4217 currencies people pay with, the most traded weighted up."""
    import pycountry

    codes = sorted(c.alpha_3 for c in pycountry.currencies if c.alpha_3 not in _NOT_MONEY)
    return _weighted(codes, {k: float(v) for k, v in load_data("commerce")["currencies"].items()})


@lru_cache(maxsize=1)
def language_codes() -> Pool:
    """ISO 639-1 codes, the languages of our word lists weighted up."""
    import pycountry

    codes = sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    return _weighted(codes, dict.fromkeys(load_data("commerce")["languages"], 1.0), rare=_RARE / 5)


def _alpha(shape: Shape) -> int | None:
    """2 when at most two characters fit, 3 when exactly three are asked for, else None (a name)."""
    if shape.hi is not None and shape.hi < 2:
        return None
    if shape.hi == 2 or (shape.lo <= 2 and shape.hi is not None and shape.hi < 3):
        return 2
    return 3 if (shape.lo == 3 and shape.hi in (3, None)) or (shape.hi == 3 and shape.lo >= 3) else None


def iso_country(spec: TypeSpec, alpha: int | None = None) -> Draw | None:
    """Country codes for a field: alpha-2, alpha-3, or None when the field wants a name."""
    shape = Shape.of(spec)
    if shape is None:
        return None
    alpha = alpha or _alpha(shape)
    return None if alpha is None else from_pool(country_codes(alpha), shape, cut=False)


def currency_code(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """An ISO 4217 code: ``EUR``."""
    shape = Shape.of(spec)
    return None if shape is None else from_pool(currency_codes(), shape, cut=False)


def language_code(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """An ISO 639-1 code: ``pt``."""
    shape = Shape.of(spec)
    return None if shape is None else from_pool(language_codes(), shape, cut=False)
