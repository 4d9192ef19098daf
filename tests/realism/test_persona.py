"""One person per record: names, handle, address, initials, salutation and bio agree (issue 13)."""

from __future__ import annotations

import pytest

from pytest_forge import Forge
from pytest_forge.providers.persona import ascii_spelling
from tests.realism.models import Customer, Review

LATIN = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL"]


def derives_from_name(handle: str, first: str, last: str) -> bool:
    """The handle spells the given or family name (``maria.lopez``, ``mlopez``, ``lopezm``)."""
    handle, first, last = handle.lower(), ascii_spelling(first), ascii_spelling(last)
    return bool(first and first in handle) or bool(last and last in handle)


@pytest.mark.parametrize("locale", LATIN)
def test_email_and_username_derive_from_the_name_in_at_least_90_percent(locale):
    customers = Forge(seed=13, locale=locale).create_batch(Customer, count=400)
    emails = sum(derives_from_name(c.email.split("@")[0], c.first_name, c.last_name) for c in customers)
    usernames = sum(derives_from_name(c.username, c.first_name, c.last_name) for c in customers)
    assert emails / len(customers) >= 0.9
    assert usernames / len(customers) >= 0.9


@pytest.mark.parametrize("locale", [*LATIN, "ja_JP", "zh_CN"])
def test_the_full_name_is_the_first_and_last_name_in_the_locales_order(locale):
    for c in Forge(seed=13, locale=locale).create_batch(Customer, count=100):
        assert c.first_name in c.full_name
        assert c.last_name in c.full_name
        family_first = locale in ("ja_JP", "zh_CN")
        assert c.full_name.startswith(c.last_name if family_first else c.first_name)


def test_japanese_handles_spell_the_romanized_name():
    customers = Forge(seed=13, locale="ja_JP").create_batch(Customer, count=200)
    initials_match = sum(c.initials[0].lower() == c.username[0] or c.initials[1].lower() == c.username[0]
                         for c in customers)  # fmt: skip
    assert initials_match / len(customers) >= 0.9
    assert all(c.email.isascii() for c in customers)


def test_initials_and_salutation_belong_to_the_same_person():
    for c in Forge(seed=13).create_batch(Customer, count=200):
        assert c.initials == (c.first_name[0] + c.last_name[0]).upper()
        assert c.salutation in ("Mr.", "Ms.", "Mrs.")


@pytest.mark.parametrize(("locale", "titles"), [("de_DE", {"Herr", "Frau"}), ("fr_FR", {"M.", "Mme"})])
def test_salutations_are_the_locales_own(locale, titles):
    assert {c.salutation for c in Forge(seed=13, locale=locale).create_batch(Customer, count=50)} == titles


def test_the_bio_names_the_person_their_job_and_their_city():
    customers = Forge(seed=13).create_batch(Customer, count=300)
    named = sum(c.first_name in c.bio for c in customers)
    placed = sum(c.city in c.bio for c in customers)
    employed = sum(c.job_title.split()[-1].lower() in c.bio.lower() for c in customers)
    assert named == len(customers)
    assert placed / len(customers) >= 0.9
    assert employed / len(customers) >= 0.9


def test_a_customers_fields_of_another_person_keep_to_that_person():
    from pydantic import BaseModel, EmailStr

    class Order(BaseModel):
        customer_name: str
        customer_email: EmailStr
        courier_name: str

    orders = Forge(seed=13).create_batch(Order, count=200)
    agreeing = sum(
        derives_from_name(o.customer_email.split("@")[0], *o.customer_name.split(" ", 1)) for o in orders
    )
    assert agreeing / len(orders) >= 0.9
    assert sum(o.customer_name == o.courier_name for o in orders) <= 2


def test_the_same_seed_gives_the_same_people_whatever_came_before():
    first = Forge(seed=99).create_batch(Customer, count=30)
    other = Forge(seed=99)
    other.create_batch(Review, count=20)
    assert other.create_batch(Customer, count=30) == first


def test_chinese_handles_spell_the_drawn_name_in_pinyin():
    pypinyin = pytest.importorskip("pypinyin", reason="the zh extra (pypinyin) is not installed")
    customers = Forge(seed=13, locale="zh_CN").create_batch(Customer, count=300)

    def pinyin(name: str) -> str:
        return "".join(pypinyin.lazy_pinyin(name))

    readings = [(pinyin(c.first_name), pinyin(c.last_name)) for c in customers]
    pairs = list(zip(customers, readings, strict=True))
    assert sum(derives_from_name(c.username, first, last) for c, (first, last) in pairs) >= 270
    assert sum(derives_from_name(c.email.split("@")[0], first, last) for c, (first, last) in pairs) >= 270
    assert all(c.initials == (first[0] + last[0]).upper() for c, (first, last) in pairs)


def test_without_pypinyin_chinese_handles_fall_back_and_nothing_else_changes(monkeypatch):
    from pytest_forge.providers import persona

    with_pinyin = Forge(seed=13, locale="zh_CN").create_batch(Customer, count=50)
    persona._spelling.cache_clear()
    monkeypatch.setattr(persona, "pinyin_romanizer", lambda: None)
    try:
        without = Forge(seed=13, locale="zh_CN").create_batch(Customer, count=50)
    finally:
        persona._spelling.cache_clear()
    assert all(c.username.isascii() and c.username for c in without)
    same = ("first_name", "last_name", "full_name", "city", "job_title", "salutation")
    assert [[getattr(c, f) for f in same] for c in without] == [
        [getattr(c, f) for f in same] for c in with_pinyin
    ]
