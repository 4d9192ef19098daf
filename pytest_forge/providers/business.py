"""Business values: company and product names, SKUs and codes, order numbers, categories, currencies."""

from __future__ import annotations

import string
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.providers.locale_data import faker_data, faker_draws, load_data, names, normalize_locale
from pytest_forge.providers.shaping import Pool, Shape, fitted, from_pool, joined, pick

if TYPE_CHECKING:
    import random

    from pytest_forge.providers.catalog import ProviderContext
    from pytest_forge.providers.shaping import Draw
    from pytest_forge.spec import TypeSpec

__all__ = [
    "category", "code", "company", "currency", "department", "invoice_number", "order_number",
    "product_name", "promo_code", "reference", "sku", "tracking_number",
]  # fmt: skip

#: no 0/O or 1/I: codes people read aloud and type back
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_GROWTH = ("Group", "Holdings", "International", "Partners", "Worldwide", "Services", "Global", "Industries")
_PROMOS = ("SAVE", "WELCOME", "SPRING", "SUMMER", "HOLIDAY", "FREESHIP", "VIP", "THANKS", "FLASH", "EXTRA")


def _commerce() -> dict[str, Any]:
    return load_data("commerce")


@lru_cache(maxsize=32)
def _suffixes(locale: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(faker_data("company", locale, "company_suffixes") or ("Inc",)))


def company_draw(locale: str) -> Draw:
    """Draw company names for a locale (brand-like in English, family name + legal suffix elsewhere)."""
    words, industries = tuple(_commerce()["company_words"]), tuple(_commerce()["industries"])
    last, suffixes = names(locale).last, _suffixes(locale)
    english = locale.startswith("en")

    def draw(rng: random.Random) -> str:
        roll = rng.random() if english else rng.random() * 0.5 + 0.5
        if roll < 0.35:
            return f"{pick(rng, words)} {pick(rng, industries)}"
        if roll < 0.5:
            return f"{last.draw(rng)} {pick(rng, industries)}"
        if roll < 0.6:
            return f"{last.draw(rng)} & {last.draw(rng)}"
        if roll < 0.8:
            return f"{pick(rng, words)} {pick(rng, industries)} {pick(rng, suffixes)}"
        return f"{last.draw(rng)} {pick(rng, suffixes)}"

    return draw


def company(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """``Summit Analytics``, ``Hansen Group``; in other locales Faker's local forms (``Müller GmbH``)."""
    shape, locale = Shape.of(spec), normalize_locale(ctx.locale)
    if shape is None or shape.lo > 80:
        return None
    short = from_pool(Pool.of(_commerce()["company_words"]), shape)
    suffixes = frozenset(_suffixes(locale))
    draw = company_draw(locale)
    if not locale.startswith("en") and faker_data("company", locale, "formats", fallback=False):
        draw = faker_draws(locale).draw("company")  # the locale's own legal forms (GmbH, 株式会社 ...)

    def longer(value: str, rng: random.Random) -> str:
        # grow the name before a legal suffix: "Summit Group Inc", not "Summit Inc Group"
        head, _, last = value.rpartition(" ")
        words = [w for w in _GROWTH if w not in value]
        word = pick(rng, words) if words else str(rng.randint(2, 9))
        return f"{head} {word} {last}" if head and last in suffixes else f"{value} {word}"

    return fitted(shape, draw, extend=longer, short=short)


def product_draw() -> Draw:
    """Draw product names: an adjective and/or a variant that suits the product."""
    adjectives = {kind: tuple(words) for kind, words in _commerce()["product_adjectives"].items()}
    products = tuple(
        (p["noun"], tuple(p["variants"]), adjectives[p["kind"]]) for p in _commerce()["products"]
    )

    def draw(rng: random.Random) -> str:
        noun, variants, styles = pick(rng, products)
        roll = rng.random()
        if roll < 0.45:
            return f"{pick(rng, styles)} {pick(rng, variants)} {noun}"
        if roll < 0.75:
            return f"{pick(rng, variants)} {noun}"
        return f"{pick(rng, styles)} {noun}"

    return draw


def product_name(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """``Classic Walnut Desk``, ``Wireless Earbuds``: an adjective, a fitting variant and a product."""
    shape = Shape.of(spec)
    if shape is None or shape.lo > 100:
        return None
    short = from_pool(Pool.of(p["noun"] for p in _commerce()["products"]), shape)
    colors = tuple(c.title() for c in _commerce()["colors"])
    return fitted(shape, product_draw(), extend=joined(lambda rng: pick(rng, colors), ", "), short=short)


def _chars(rng: random.Random, size: int) -> str:
    return "".join(rng.choices(CODE_ALPHABET, k=size))


def _exact_code(shape: Shape, typical: tuple[int, int]) -> Draw:
    """Codes of a random length within both the typical range and the field's bounds."""
    low, high = max(shape.lo, typical[0]), max(shape.lo, typical[1])
    if shape.hi is not None:
        low, high = min(low, shape.hi), min(high, shape.hi)
    return lambda rng: shape.apply(_chars(rng, rng.randint(low, high)))


def _coded(spec: TypeSpec, draw: Draw, typical: tuple[int, int] = (6, 10)) -> Draw | None:
    shape = Shape.of(spec)
    if shape is None or shape.lo > 64 or (shape.hi is not None and shape.hi < 1):
        return None
    exact = _exact_code(shape, typical)
    return fitted(shape, draw, extend=lambda _, rng: exact(rng), short=exact)


def code(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """An uppercase alphanumeric code without look-alike characters: ``7KX2QP``."""
    return _coded(spec, lambda rng: _chars(rng, rng.randint(6, 8)))


def sku(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A stock-keeping unit: ``CHA-48213`` or ``CHA-48213-BLK``."""
    nouns = tuple("".join(ch for ch in p["noun"].upper() if ch in string.ascii_uppercase)[:3]
                  for p in _commerce()["products"])  # fmt: skip
    tails = ("BLK", "WHT", "GRY", "NVY", "RED", "S", "M", "L", "XL")

    def draw(rng: random.Random) -> str:
        base = f"{pick(rng, nouns)}-{rng.randint(10000, 99999)}"
        return f"{base}-{pick(rng, tails)}" if rng.random() < 0.4 else base

    return _coded(spec, draw)


def promo_code(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A promotion code: ``SPRING25``, ``WELCOME10``."""
    return _coded(spec, lambda rng: f"{pick(rng, _PROMOS)}{pick(rng, (5, 10, 15, 20, 25, 30, 50))}")


def order_number(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """``ORD-2025-04817``: prefix, year of the reference date, sequence."""
    year = ctx.reference_date.year
    return _coded(spec, lambda rng: f"ORD-{year}-{rng.randint(1, 99999):05d}")


def invoice_number(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """``INV-2025-0042``."""
    year = ctx.reference_date.year
    return _coded(spec, lambda rng: f"INV-{year}-{rng.randint(1, 9999):04d}")


def tracking_number(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A parcel tracking number in the common ``1Z`` + 16 characters shape."""
    return _coded(spec, lambda rng: f"1Z{_chars(rng, 16)}", (10, 18))


def reference(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """``REF-7KX2QP``."""
    return _coded(spec, lambda rng: f"REF-{_chars(rng, 6)}")


def category(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A shop category: ``Home & Kitchen``, ``Sports & Outdoors``."""
    shape = Shape.of(spec)
    return None if shape is None else from_pool(Pool.of(_commerce()["categories"]), shape)


def department(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A company department: ``Engineering``, ``Customer Support``."""
    shape = Shape.of(spec)
    return None if shape is None else from_pool(Pool.of(_commerce()["departments"]), shape)


def currency(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """An ISO 4217 code, weighted toward the most traded currencies."""
    from pytest_forge.providers.codes import currency_code

    return currency_code(spec, ctx)
