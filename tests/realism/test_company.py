"""A company record is one company (issue 13): name, domain, website, email, industry and catch
phrase agree, and VAT/tax numbers are valid for python-stdnum in the record's country."""

from __future__ import annotations

import pycountry
import pytest
from pydantic import BaseModel, EmailStr, Field

from pytest_forge import Forge
from pytest_forge.providers.persona import ascii_spelling
from pytest_forge.providers.tax_numbers import COUNTRIES, LOCALE_COUNTRY, is_valid_tax_number


class Company(BaseModel):
    name: str
    domain: str
    website: str
    email: EmailStr
    industry: str
    catch_phrase: str
    country: str = Field(max_length=2)
    vat_number: str
    tax_id: str


class Supplier(BaseModel):
    company_name: str
    country: str
    vat_number: str = Field(max_length=20)


class Employee(BaseModel):
    first_name: str
    last_name: str
    email: EmailStr
    company_name: str
    company_email: EmailStr


LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL", "ja_JP", "zh_CN"]


def brand_of(domain: str) -> str:
    return domain.split(".")[0]


@pytest.mark.parametrize("locale", LOCALES)
def test_vat_and_tax_numbers_are_valid_for_stdnum_in_the_records_country(locale):
    companies = Forge(seed=13, locale=locale, allow_pii=True).create_batch(Company, count=150)
    assert {c.country for c in companies} <= set(COUNTRIES)
    assert sum(c.country == LOCALE_COUNTRY[locale] for c in companies) >= 60
    for c in companies:
        assert is_valid_tax_number(c.country, "vat", c.vat_number), (c.country, c.vat_number)
        assert is_valid_tax_number(c.country, "tax", c.tax_id), (c.country, c.tax_id)


def test_a_country_given_by_name_is_the_locales_and_the_vat_number_is_its():
    suppliers = Forge(seed=13, locale="de_DE").create_batch(Supplier, count=40)
    assert {s.country for s in suppliers} == {"Deutschland"}
    assert all(
        s.vat_number.startswith("DE") and is_valid_tax_number("DE", "vat", s.vat_number) for s in suppliers
    )


@pytest.mark.parametrize("locale", ["en_US", "de_DE", "fr_FR"])
def test_domain_website_and_email_are_the_companys_on_reserved_names(locale):
    for c in Forge(seed=13, locale=locale, allow_pii=True).create_batch(Company, count=200):
        host = c.email.split("@")[1]
        assert host == c.domain
        assert c.website == f"https://www.{c.domain}"
        assert c.domain.split(".", 1)[1] in ("example.com", "example.org", "example.net")
        spelled = ascii_spelling(c.name.replace("&", " "))
        assert brand_of(c.domain)[:6] in spelled or brand_of(c.domain) in spelled


def test_the_industry_agrees_with_the_name_and_the_catch_phrase_with_the_industry():
    companies = Forge(seed=13, allow_pii=True).create_batch(Company, count=300)
    logistics = [c for c in companies if "Logistics" in c.name.split()]
    assert logistics
    assert {c.industry for c in logistics} == {"Logistics"}
    phrases = [c for c in companies if "{" not in c.catch_phrase]
    assert len(phrases) == len(companies)
    mentioning = sum(
        c.industry.lower() in c.catch_phrase.lower() or c.name in c.catch_phrase for c in companies
    )
    assert mentioning / len(companies) >= 0.6


def test_a_persons_email_stays_theirs_and_the_company_email_is_the_companys():
    for e in Forge(seed=13).create_batch(Employee, count=100):
        assert "example." in e.email.split("@")[1]
        assert (
            ascii_spelling(e.first_name)[:1] in e.email.split("@")[0]
            or ascii_spelling(e.last_name) in e.email
        )
        brand = brand_of(e.company_email.split("@")[1])
        assert brand[:6] in ascii_spelling(e.company_name.replace("&", " "))


def test_company_emails_do_not_repeat():
    companies = Forge(seed=13, allow_pii=True).create_batch(Company, count=3000)
    assert len({c.email for c in companies}) == 3000


def test_every_country_we_give_numbers_for_is_an_iso_code():
    assert all(pycountry.countries.get(alpha_2=code) is not None for code in COUNTRIES)
