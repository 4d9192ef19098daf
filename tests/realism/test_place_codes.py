"""A currency or language beside a place is that place's (issue 13): a customer in Texas pays in USD and
mostly speaks English. Checked against Babel's CLDR data read here independently of our data file."""

from __future__ import annotations

import collections
import subprocess
import sys
from pathlib import Path

import pytest
from babel.core import get_global
from babel.numbers import get_territory_currencies
from pydantic import BaseModel, Field

from pytest_forge import Forge

LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL", "ja_JP", "zh_CN"]


class Customer(BaseModel):
    first_name: str
    last_name: str
    city: str
    country: str = Field(max_length=2)
    currency: str
    preferred_language: str = Field(max_length=2)


class Storefront(BaseModel):
    country_code: str = Field(min_length=2, max_length=2)
    currency: str
    language: str


class Payment(BaseModel):
    amount: float
    currency: str


def _spoken(country: str) -> set[str]:
    return {code for code, info in get_global("territory_languages")[country].items() if len(code) == 2}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_persons_currency_and_language_are_their_countrys(locale):
    customers = Forge(seed=3, locale=locale).create_batch(Customer, count=200)
    for customer in customers:
        tender = get_territory_currencies(customer.country, tender=True)
        assert customer.currency in tender, customer
        assert customer.preferred_language in _spoken(customer.country), customer
    main = collections.Counter(c.preferred_language for c in customers).most_common(1)[0][1]
    assert main / len(customers) >= 0.75  # most speak the country's main language, not all


def test_a_storefronts_language_name_is_spoken_in_its_country():
    from babel import Locale

    english = Locale("en").languages
    for shop in Forge(seed=4, locale="nl_NL").create_batch(Storefront, count=100):
        assert shop.country_code == "NL"
        assert shop.currency == "EUR"
        assert shop.language in {english[code] for code in _spoken("NL")}, shop.language


def test_a_currency_with_no_place_beside_it_keeps_its_own_variety():
    currencies = {p.currency for p in Forge(seed=5).create_batch(Payment, count=200)}
    assert len(currencies) > 5


def test_the_territory_table_is_a_fresh_build_of_babels_data():
    tool = Path(__file__).resolve().parents[2] / "tools" / "build_territories.py"
    done = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
