from __future__ import annotations

import random

import pytest

from pytest_forge.providers.catalog import ProviderContext
from pytest_forge.providers.locale_data import faker_data, load_data, names, normalize_locale
from pytest_forge.providers.registry import MAKERS
from pytest_forge.spec import TypeSpec


def values(source: str, locale: str, count: int = 30, spec: TypeSpec | None = None) -> list[str]:
    draw = MAKERS[source](spec or TypeSpec("str"), ProviderContext(locale=locale))
    assert draw is not None
    return [draw(random.Random(seed)) for seed in range(count)]


@pytest.mark.parametrize(
    ("raw", "normal"), [("en-us", "en_US"), ("de_DE", "de_DE"), ("pt-br", "pt_BR"), ("123", "en_US")]
)
def test_locales_are_normalised(raw, normal):
    assert normalize_locale(raw) == normal


def test_german_names_come_from_fakers_german_lists():
    german_first = set(faker_data("person", "de_DE", "first_names"))
    german_last = set(faker_data("person", "de_DE", "last_names"))
    for name in values("person.full_name", "de_DE"):
        first, last = name.split(" ", 1)
        assert first in german_first
        assert last in german_last


def test_japanese_names_put_the_family_name_first():
    family = set(faker_data("person", "ja_JP", "last_names"))
    assert all(name.split(" ")[0] in family for name in values("person.full_name", "ja_JP"))


def test_chinese_names_are_written_without_a_space():
    assert all(" " not in name for name in values("person.full_name", "zh_CN"))


def test_gendered_family_names_match_the_given_name():
    female_first = set(faker_data("person", "ru_RU", "first_names_female"))
    female_last = set(faker_data("person", "ru_RU", "last_names_female"))
    for name in values("person.full_name", "ru_RU", count=60):
        first, last = name.split(" ")
        assert (first in female_first) == (last in female_last)


def test_unknown_locales_fall_back_to_us_data():
    us_first = set(names("en_US").first.items)
    assert all(name.split(" ")[0] in us_first for name in values("person.full_name", "xx_YY"))
    assert set(values("address.city", "xx_YY")) <= set(load_data("places")["cities"]["en_US"])


def test_cities_are_real_cities_of_the_locale():
    assert set(values("address.city", "en_US")) <= set(load_data("places")["cities"]["en_US"])
    assert set(values("address.city", "de_DE")) <= set(faker_data("address", "de_DE", "cities"))


def test_a_locale_whose_names_are_too_short_borrows_us_names():
    spec = TypeSpec("str", min_length=6)
    assert all(len(name) >= 6 for name in values("person.first_name", "zh_CN", spec=spec))


def test_usernames_and_emails_are_ascii_in_every_script():
    for locale in ("ja_JP", "ru_RU", "de_DE"):
        assert all(value.isascii() for value in values("person.username", locale))
        assert all(value.isascii() for value in values("internet.email", locale))


def test_accented_names_become_plain_ascii_not_shorter():
    umlauts = [name for name in faker_data("person", "de_DE", "last_names") if "ü" in name]
    assert umlauts
    ascii_names = set(names("de_DE").ascii_last.items)
    for name in umlauts:
        assert name.lower().replace("ü", "u").replace("ß", "ss") in ascii_names


def test_states_countries_and_jobs_follow_the_locale():
    assert set(values("address.state", "de_DE")) <= set(faker_data("address", "de_DE", "states"))
    assert set(values("address.country", "fr_FR")) <= set(faker_data("address", "fr_FR", "countries"))
    assert set(values("person.job", "fr_FR")) <= set(faker_data("job", "fr_FR", "jobs"))
    assert set(values("person.job", "en_US")) <= set(load_data("people")["jobs"])


def test_postcodes_follow_the_locale_format():
    assert all(len(code) in (5, 10) and code[:5].isdigit() for code in values("address.postcode", "en_US"))
    assert all(code.isdigit() and len(code) == 5 for code in values("address.postcode", "de_DE"))


def test_english_streets_have_a_number_and_a_street_type():
    suffixes = set(load_data("places")["streets"]["us"]["suffixes"])
    for street in values("address.street", "en_US"):
        number, _, rest = street.partition(" ")
        assert number.isdigit()
        assert rest.rsplit(" ", 1)[-1] in suffixes


def test_locales_without_a_city_list_use_fakers_city_formats():
    cities = values("address.city", "en_NZ")
    assert all(city and city[0].isupper() for city in cities)
    assert MAKERS["address.city"](TypeSpec("str", min_length=31), ProviderContext(locale="en_NZ")) is None


def test_us_postcodes_need_five_characters():
    assert MAKERS["address.postcode"](TypeSpec("str", max_length=4), ProviderContext()) is None
    assert all(
        len(code) == 10 for code in values("address.postcode", "en_US", spec=TypeSpec("str", min_length=6))
    )


def test_companies_take_the_locales_own_legal_forms():
    assert any("会社" in name for name in values("company.name", "ja_JP"))
    german_forms = ("GmbH", "AG", "KG", "e.V.", "OHG", "GbR", "e.G.")
    assert any(name.endswith(german_forms) for name in values("company.name", "de_DE"))
    assert not any(name.endswith(german_forms) for name in values("company.name", "en_US"))
