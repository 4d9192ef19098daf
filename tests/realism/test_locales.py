"""Localized records: local names, addresses, fictional phone ranges and free text (issue 13)."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel

from pytest_forge import Forge

LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL", "ja_JP", "zh_CN"]


class Contact(BaseModel):
    first_name: str
    last_name: str
    phone: str
    street: str
    city: str
    postcode: str
    note: str


@pytest.mark.parametrize("locale", LOCALES)
def test_phones_are_in_a_fictional_or_reserved_range(locale):
    for contact in Forge(seed=13, locale=locale).create_batch(Contact, count=100):
        phone = contact.phone
        if locale == "en_GB":
            assert phone.startswith(("07700 900", "020 7946 0", "01632 960", "+44 7700 900", "+44 20 7946 0"))
        elif locale == "de_DE":
            assert re.search(r"(30 23125|69 90009|40 66969|221 4710|89 99998) ?\d{3}$", phone)
        else:
            assert "555-01" in phone


def test_japanese_addresses_have_no_english_street_suffix():
    for contact in Forge(seed=13, locale="ja_JP").create_batch(Contact, count=100):
        assert "Street" not in contact.street
        assert re.fullmatch(r".+\d+丁目\d+番\d+号", contact.street)


@pytest.mark.parametrize("locale", ["de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL", "ja_JP"])
def test_free_text_is_in_the_locales_language(locale):
    english = re.compile(r"\b(the|and|with|you|thanks)\b", re.IGNORECASE)  # "is" is Dutch too
    notes = [c.note for c in Forge(seed=13, locale=locale).create_batch(Contact, count=100)]
    assert not any(english.search(note) for note in notes)


@pytest.mark.parametrize("locale", LOCALES)
def test_names_are_the_locales_own(locale):
    from pytest_forge.providers.locale_data import names

    data = names(locale)
    given = set(data.first.items).union(*(p.items for p, _ in data.by_gender))
    family = set(data.last.items).union(*(p.items for _, p in data.by_gender))
    for contact in Forge(seed=13, locale=locale).create_batch(Contact, count=50):
        assert contact.first_name in given
        assert contact.last_name in family
