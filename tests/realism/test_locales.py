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


@pytest.mark.parametrize("locale", ["en_US", "de_DE"])
def test_phones_are_in_a_fictional_range(locale):
    """The other locales' ranges: tests/realism/test_locale_phones.py (checked with phonenumbers)."""
    for contact in Forge(seed=13, locale=locale).create_batch(Contact, count=100):
        phone = contact.phone
        if locale == "de_DE":
            assert re.search(r"(30 23125|69 90009|40 66969|221 4710|89 99998) ?\d{3}$", phone)
        else:
            assert "555-01" in phone


def test_japanese_addresses_have_no_english_street_suffix():
    for contact in Forge(seed=13, locale="ja_JP").create_batch(Contact, count=100):
        assert "Street" not in contact.street
        assert re.fullmatch(r".+\d+丁目\d+番\d+号", contact.street)


@pytest.mark.parametrize(
    "locale", ["de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL", "ja_JP", "zh_CN"]
)
def test_free_text_is_in_the_locales_language(locale):
    english = re.compile(
        r"\b(the|and|with|you|thanks|based|works|weekends)\b", re.IGNORECASE
    )  # "is" is Dutch too
    forge = Forge(seed=13, locale=locale)
    texts = [c.note for c in forge.create_batch(Contact, count=100)]
    texts += [p.bio for p in forge.create_batch(Profile, count=100)]
    assert not any(english.search(text) for text in texts)
    if locale in ("ja_JP", "zh_CN"):  # names, cities and jobs are in the script too (a job may say CEO)
        latin = sum(len(w) for text in texts for w in re.findall(r"[A-Za-z]+", text))
        assert latin / sum(map(len, texts)) < 0.01


class Profile(BaseModel):
    first_name: str
    city: str
    job_title: str
    bio: str


def local_jobs(locale: str) -> set[str]:
    """The locale's job titles: Faker's list for the locale, else our jobs_i18n.json (from mimesis)."""
    import importlib
    import json
    from pathlib import Path

    try:
        return set(importlib.import_module(f"faker.providers.job.{locale}").Provider.jobs)
    except ModuleNotFoundError:
        path = Path(__file__).parents[2] / "pytest_forge/providers/data/jobs_i18n.json"
        return set(json.loads(path.read_text(encoding="utf-8"))["jobs"][locale])


@pytest.mark.parametrize(
    "locale", ["de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL", "ja_JP", "zh_CN"]
)
def test_jobs_are_titles_of_the_locales_language_and_the_bio_names_them(locale):
    """Jobs come from the locale's own list (not ``lavora come Optometrist``: at most the few titles
    both languages share, Pilot or Barista); the bio names the record's own job."""
    from pytest_forge.providers.locale_data import load_data

    profiles = Forge(seed=13, locale=locale).create_batch(Profile, count=200)
    assert all(p.job_title in local_jobs(locale) for p in profiles)
    assert sum(p.job_title in set(load_data("people")["jobs"]) for p in profiles) / len(profiles) <= 0.06
    lowered = sum(p.job_title[0].lower() + p.job_title[1:] in p.bio or p.job_title in p.bio for p in profiles)
    assert lowered / len(profiles) >= 0.95


@pytest.mark.parametrize("locale", ["it_IT", "nl_NL"])
def test_italian_and_dutch_jobs_come_from_the_locales_occupation_list(locale):
    import json
    from pathlib import Path

    listed = json.loads(
        (Path(__file__).parents[2] / "pytest_forge/providers/data/jobs_i18n.json").read_text(encoding="utf-8")
    )["jobs"][locale]
    profiles = Forge(seed=13, locale=locale).create_batch(Profile, count=200)
    assert all(p.job_title in listed for p in profiles)
    assert len({p.job_title for p in profiles}) >= min(40, len(listed) // 2)


@pytest.mark.parametrize("locale", LOCALES)
def test_names_are_the_locales_own(locale):
    from pytest_forge.providers.locale_data import names

    data = names(locale)
    given = set(data.first.items).union(*(p.items for p, _ in data.by_gender))
    family = set(data.last.items).union(*(p.items for _, p in data.by_gender))
    for contact in Forge(seed=13, locale=locale).create_batch(Contact, count=50):
        assert contact.first_name in given
        assert contact.last_name in family
