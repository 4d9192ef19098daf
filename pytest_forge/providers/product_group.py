"""A product record describes one product: its name, category, description and price agree.

The description names the product (``The Walnut Chair is ...``), the category fits it (a chair is
Furniture or Home & Kitchen) and the price lies in a range usual for it (socks are not $450).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.providers.coherence import Draft, Member
from pytest_forge.providers.fits import as_number
from pytest_forge.providers.fixed import call_for
from pytest_forge.providers.locale_data import load_data
from pytest_forge.providers.shaping import Shape, pick
from pytest_forge.providers.tokens import split_name

if TYPE_CHECKING:
    import datetime
    import random

    from pytest_forge.providers.coherence import Gen, Render
    from pytest_forge.spec import FieldSpec, ModelSpec

__all__ = ["Product", "product_members"]

_NAME, _NOUN = "\x04", "\x05"
_TEXT_SOURCES = frozenset({"text.description", "text.product"})
_PRICE_WORDS = frozenset({"price", "cost", "msrp"})
_ROOM = 40


@dataclass(frozen=True, slots=True)
class Product:
    """One product: its display name, noun, category and price."""

    name: str
    noun: str
    category: str
    price: float


@lru_cache(maxsize=1)
def _catalog() -> tuple[
    tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[float, float]], ...
]:
    """(noun, variants, adjectives, categories, price range) for every product we know."""
    commerce, vocab = load_data("commerce"), load_data("vocab")
    kinds, prices, categories = vocab["product_kinds"], vocab["product_prices"], vocab["product_categories"]
    found = []
    for entry in commerce["products"]:
        noun, kind = entry["noun"], kinds[entry["kind"]]
        own = categories.get(noun)
        low, high = prices.get(noun, kind["price"])
        found.append(
            (
                noun,
                tuple(entry["variants"]),
                tuple(commerce["product_adjectives"][entry["kind"]]),
                (own,) if own else tuple(kind["categories"]),
                (float(low), float(high)),
            )
        )
    return tuple(found)


def draw_product(rng: random.Random) -> Product:
    """A product with a fitting name, category and a price like a shop's (``49.99``)."""
    noun, variants, adjectives, categories, (low, high) = pick(rng, _catalog())
    roll = rng.random()
    if roll < 0.45:
        name = f"{pick(rng, adjectives)} {pick(rng, variants)} {noun}"
    elif roll < 0.75:
        name = f"{pick(rng, variants)} {noun}"
    else:
        name = f"{pick(rng, adjectives)} {noun}"
    amount = math.exp(rng.uniform(math.log(low), math.log(high)))
    price = max(1.0, round(amount)) - (0.01 if rng.random() < 0.7 else 0.0)
    return Product(name, noun, pick(rng, categories), price)


def named_product(drawn: Product, name: str) -> Product:
    """The product a given name describes (``create(Product, name="Oak Desk")``): its noun, category
    and price range from our catalog when a known noun ends the name, else the drawn ones."""
    words = name.lower().split()
    for noun, _, _, categories, (low, high) in _catalog():
        if words and noun.lower().split()[-1] == words[-1]:
            price = drawn.price if low <= drawn.price <= high else round(math.sqrt(low * high)) - 0.01
            category = drawn.category if drawn.category in categories else categories[0]
            return Product(name, noun, category, max(price, 0.99))
    return Product(name, words[-1] if words else drawn.noun, drawn.category, drawn.price)


def _describe(product: Product) -> dict[str, Any]:
    return {"product": product.name, "category": product.category, "price": product.price}


def _role(fspec: FieldSpec, source: str | None) -> str | None:
    tokens = split_name(fspec.name)
    kind = fspec.type.inner().kind
    if kind in ("int", "float", "decimal"):
        return "price" if tokens and tokens[-1] in _PRICE_WORDS else None
    if source == "commerce.product_name":
        return "name"
    if source == "commerce.category" and len(tokens) == 1:
        return "category"
    return "text" if source in _TEXT_SOURCES else None


def product_members(
    spec: ModelSpec, sources: dict[str, str | None], locale: str, reference: datetime.date
) -> dict[str, Member]:
    """The product fields of a model that names a product, bound to one shared product."""
    roles = {
        f.name: role
        for f in spec.fields
        if (role := _role(f, sources.get(f.name))) is not None
        and (role == "price" or Shape.of(f.type) is not None)  # text roles need a text shape to fill
    }
    if "name" not in roles.values():
        return {}
    names = [name for name, role in roles.items() if role == "name"]
    positions = [i for i, f in enumerate(spec.fields) if f.name in roles]
    model = spec.model

    def make(draft: Draft, rng: random.Random) -> Product:
        product = draw_product(rng)
        call = call_for(model)
        if call is None:
            return product
        fixed = call.before(positions[draft.maker])
        given = next((fixed[n] for n in names if isinstance(fixed.get(n), str) and fixed[n]), None)
        product = product if given is None else named_product(product, given)
        call.note("product", _describe, product)
        return product

    draft = Draft(make)
    members = {}
    for index, fspec in enumerate(f for f in spec.fields if f.name in roles):
        role = roles[fspec.name]
        source = None if role == "price" else sources.get(fspec.name)
        members[fspec.name] = Member(draft, index, source, _renderer(role, fspec, locale, reference))
    return members


def _renderer(role: str, fspec: FieldSpec, locale: str, reference: datetime.date) -> Render:
    if role == "price":
        return _price(fspec)
    if role == "text":
        return _description(fspec, locale, reference)
    shape = Shape.of(fspec.type)
    assert shape is not None
    attr = "name" if role == "name" else "category"

    def render(product: Product, original: Gen, rng: random.Random, again: bool) -> Any:
        value = shape.apply(getattr(product, attr))
        return value if not again and shape.fits(value) else original(rng)

    return render


def _price(fspec: FieldSpec) -> Render:
    def render(product: Product, original: Gen, rng: random.Random, again: bool) -> Any:
        value = None if again else as_number(fspec.type, product.price)
        return original(rng) if value is None else value

    return render


def _description(fspec: FieldSpec, locale: str, reference: datetime.date) -> Render:
    """Descriptions composed once into a pool with markers, filled with the record's product."""
    from pytest_forge.providers.persona_text import pooled_shape, shape_key
    from pytest_forge.providers.text_pool import text_pool

    shape = Shape.of(fspec.type)
    assert shape is not None
    inner = pooled_shape(shape, _ROOM)
    key = ("product.description", locale, reference.isoformat(), *shape_key(inner))
    pool = (
        None
        if inner.hi is not None and inner.hi < 60
        else text_pool(key, lambda: _composer(inner, locale, reference))
    )

    def render(product: Product, original: Gen, rng: random.Random, again: bool) -> Any:
        if pool is None or again:
            return original(rng)
        for _ in range(4):
            text = pool.draw(rng).replace(_NAME, product.name).replace(_NOUN, product.noun.lower())
            text = shape.apply(text)
            if shape.fits(text):
                return text
        return original(rng)

    return render


def _composer(shape: Shape, locale: str, reference: datetime.date) -> Gen:
    from pytest_forge.providers.templates import vocabulary, voices
    from pytest_forge.providers.text import _compose, _finish, _target

    slots = dict(vocabulary(locale, reference))
    slots.update(product_full=lambda rng: _NAME, product=lambda rng: _NOUN)
    compose = _compose(voices()["product"], slots)
    return lambda rng: _finish(compose(rng, _target(shape, rng), shape), shape)
