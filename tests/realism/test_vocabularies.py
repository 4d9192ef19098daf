"""No syllable soup: real words for unknown names, real vocabularies, ISO codes by constraint (issue 13)."""

from __future__ import annotations

import importlib
import re

import pycountry
import pytest
from pydantic import BaseModel

from pytest_forge import Forge
from pytest_forge.providers.locale_data import load_data
from tests.realism.models import Order, Place, Ticket, Widget

LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL", "ja_JP", "zh_CN"]


def locale_dictionary(locale: str) -> set[str]:
    """The locale's dictionary: Faker's word list for the language (our own list for pt_BR)."""
    if locale == "pt_BR":
        return set(load_data("vocab")["words_pt_BR"].split())
    name = {"en_GB": "en_US"}.get(locale, locale)
    return set(importlib.import_module(f"faker.providers.lorem.{name}").Provider.word_list)


def tokens(value: str, locale: str, dictionary: set[str]) -> list[str]:
    if locale in ("ja_JP", "zh_CN"):  # unspaced scripts: split greedily on dictionary words
        found, rest = [], value
        while rest:
            word = next((w for w in sorted(dictionary, key=len, reverse=True) if rest.startswith(w)), rest)
            found.append(word)
            rest = rest[len(word) :]
        return found
    return value.split()


@pytest.mark.parametrize("locale", LOCALES)
def test_at_least_99_percent_of_unknown_name_tokens_are_dictionary_words(locale):
    dictionary = locale_dictionary(locale)
    widgets = Forge(seed=13, locale=locale).create_batch(Widget, count=200)
    values = [v for w in widgets for v in (w.flange, w.sprocket, w.gizmo_blob) if v is not None]
    found = [t for v in values for t in tokens(v, locale, dictionary)]
    assert len(found) >= 400
    assert sum(t in dictionary for t in found) / len(found) >= 0.99


def test_statuses_priorities_and_severities_come_from_real_vocabularies():
    vocab = load_data("vocab")
    tickets = Forge(seed=13).create_batch(Ticket, count=200)
    assert {t.status for t in tickets} <= set(vocab["status"]["ticket"])
    assert {t.priority for t in tickets} == set(vocab["words"]["priority"])
    assert {t.severity for t in tickets} == set(vocab["words"]["severity"])
    orders = Forge(seed=13).create_batch(Order, count=200)
    assert {o.status for o in orders} <= set(vocab["status"]["order"])
    assert "shipped" in {o.status for o in orders}


def test_no_vocabulary_value_is_syllable_soup():
    for ticket in Forge(seed=13).create_batch(Ticket, count=100):
        for value in (ticket.status, ticket.priority, ticket.severity):
            assert re.fullmatch(r"[a-z_]+", value)


def test_codes_follow_the_fields_length_and_come_from_iso_lists():
    alpha2 = {c.alpha_2 for c in pycountry.countries}
    alpha3 = {c.alpha_3 for c in pycountry.countries}
    currencies = {c.alpha_3 for c in pycountry.currencies}
    languages = {lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")}
    places = Forge(seed=13).create_batch(Place, count=300)
    assert {p.country for p in places} <= alpha2
    assert {p.country3 for p in places} <= alpha3
    assert {p.country_code for p in places} <= alpha2
    assert {p.currency for p in places} <= currencies
    assert {p.language for p in places} <= languages
    assert not {p.currency for p in places} & {"GGP", "TVD", "XXX", "XAU", "XTS"}


def test_common_codes_are_the_common_ones():
    places = Forge(seed=13).create_batch(Place, count=300)
    assert sum(p.country in ("US", "GB", "DE", "FR") for p in places) > 100
    assert sum(p.currency in ("USD", "EUR", "GBP") for p in places) > 100


class Gadget(BaseModel):
    sprockets: list[str]
    flanges: set[str]
    cogs: tuple[str, ...] | None = None
    tags: list[str]


@pytest.mark.parametrize("locale", ["en_US", "de_DE", "fr_FR", "ja_JP"])
def test_unknown_name_str_items_inside_containers_are_dictionary_words(locale):
    dictionary = locale_dictionary(locale)
    gadgets = Forge(seed=13, locale=locale).create_batch(Gadget, count=150)
    values = [v for g in gadgets for v in (*g.sprockets, *g.flanges, *(g.cogs or ()))]
    found = [t for v in values for t in tokens(v, locale, dictionary)]
    assert len(found) >= 300
    assert sum(t in dictionary for t in found) / len(found) >= 0.99
    assert all(isinstance(g.flanges, set) and g.flanges for g in gadgets)


def test_known_names_inside_containers_keep_their_vocabulary():
    tags = {t for g in Forge(seed=13).create_batch(Gadget, count=100) for t in g.tags}
    assert tags <= set(load_data("commerce")["tags"])
