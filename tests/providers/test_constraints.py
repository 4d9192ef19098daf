from __future__ import annotations

import random
from functools import lru_cache
from typing import Annotated

import pytest
from pydantic import StringConstraints, TypeAdapter

from pytest_forge.providers.catalog import ProviderContext
from pytest_forge.providers.registry import MAKERS
from pytest_forge.spec import TypeSpec

SOURCES = sorted(MAKERS)
SEEDS = range(6)
SHAPES = [
    {},
    {"max_length": 5},
    {"max_length": 1},
    {"min_length": 12},
    {"min_length": 3, "max_length": 8},
    {"min_length": 30, "max_length": 40},
    {"min_length": 25, "max_length": 25},
    {"to_lower": True},
    {"to_upper": True, "max_length": 30},
    {"strip_whitespace": True, "min_length": 6, "max_length": 12},
]
#: the sources every plain str field of that name must be able to fill, even with max_length=5 (a cron
#: expression has at least 9 characters: that provider declines, the engine falls back)
SHORT_NEVER = ("internet.", "phone.", "misc.hex", "misc.cron", "address.secondary")
ALWAYS = [s for s in SOURCES if not s.startswith(SHORT_NEVER)]


def spec_of(shape: dict) -> TypeSpec:
    return TypeSpec("str", **shape)


@lru_cache(maxsize=64)
def adapter(items: tuple) -> TypeAdapter:
    return TypeAdapter(Annotated[str, StringConstraints(**dict(items))])


def assert_valid(value: str, shape: dict) -> None:
    assert isinstance(value, str)
    # pydantic accepts it, and it is already in the stored shape (lowered, stripped ...)
    assert adapter(tuple(sorted(shape.items()))).validate_python(value) == value


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: ",".join(f"{k}={v}" for k, v in s.items()) or "plain")
def test_every_provider_respects_lengths_and_case_transforms(source, shape):
    draw = MAKERS[source](spec_of(shape), ProviderContext())
    if draw is None:
        return  # the provider declined; the engine falls back to a generic generator
    for seed in SEEDS:
        assert_valid(draw(random.Random(seed)), shape)


@pytest.mark.parametrize("locale", ["de_DE", "ja_JP", "fr_FR", "pt_BR", "en_GB", "xx_XX"])
@pytest.mark.parametrize("source", SOURCES)
def test_every_provider_stays_valid_in_other_locales(source, locale):
    for shape in ({}, {"max_length": 6}, {"min_length": 20, "max_length": 30}):
        draw = MAKERS[source](spec_of(shape), ProviderContext(locale=locale))
        if draw is not None:
            for seed in SEEDS:
                assert_valid(draw(random.Random(seed)), shape)


@pytest.mark.parametrize("source", SOURCES)
def test_every_provider_fills_an_unconstrained_field(source):
    draw = MAKERS[source](TypeSpec("str"), ProviderContext())
    assert draw is not None
    values = {draw(random.Random(seed)) for seed in range(20)}
    assert all(values)
    assert len(values) > 1


@pytest.mark.parametrize("source", ALWAYS)
def test_names_and_words_still_fit_a_five_character_field(source):
    draw = MAKERS[source](TypeSpec("str", max_length=5), ProviderContext())
    assert draw is not None
    for seed in SEEDS:
        assert 1 <= len(draw(random.Random(seed))) <= 5


def test_a_short_name_field_gets_a_real_first_name():
    draw = MAKERS["person.full_name"](TypeSpec("str", max_length=5), ProviderContext())
    names = {draw(random.Random(seed)) for seed in range(30)}
    assert all(name.isalpha() and name[0].isupper() for name in names)


def test_a_long_name_field_gets_middle_names_not_filler():
    draw = MAKERS["person.full_name"](TypeSpec("str", min_length=30, max_length=40), ProviderContext())
    for seed in SEEDS:
        value = draw(random.Random(seed))
        assert 30 <= len(value) <= 40
        assert all(part.isalpha() for part in value.replace("'", "").replace("-", " ").split())


@pytest.mark.parametrize("source", ["address.country", "address.city", "person.first_name", "misc.color"])
def test_list_providers_decline_lengths_no_real_value_has(source):
    assert MAKERS[source](TypeSpec("str", min_length=80), ProviderContext()) is None


def test_optional_specs_are_filled_like_their_inner_spec():
    spec = TypeSpec("optional", args=(TypeSpec("str", max_length=8),))
    draw = MAKERS["address.city"](spec, ProviderContext())
    assert all(len(draw(random.Random(seed))) <= 8 for seed in SEEDS)


def test_product_names_read_like_products():
    draw = MAKERS["commerce.product_name"](TypeSpec("str"), ProviderContext())
    for seed in range(20):
        words = draw(random.Random(seed)).split()
        assert len(words) >= 2
        assert words[0][0].isupper()


def test_company_names_are_not_people():
    draw = MAKERS["company.name"](TypeSpec("str"), ProviderContext())
    people = MAKERS["person.full_name"](TypeSpec("str"), ProviderContext())
    assert {draw(random.Random(s)) for s in range(30)}.isdisjoint(
        {people(random.Random(s)) for s in range(30)}
    )


@pytest.mark.parametrize("source", SOURCES)
def test_every_provider_declines_patterns_and_other_kinds(source):
    for spec in (
        TypeSpec("str", pattern=r"^\d+$"),
        TypeSpec("int"),
        TypeSpec("str", min_length=9, max_length=3),
    ):
        assert MAKERS[source](spec, ProviderContext()) is None
