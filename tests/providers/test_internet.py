from __future__ import annotations

import ipaddress
import random
from urllib.parse import urlsplit

import pytest
from pydantic import EmailStr, TypeAdapter

from pytest_forge.providers.catalog import ProviderContext, find_provider
from pytest_forge.spec import TypeSpec

EMAIL = TypeAdapter(EmailStr)
RESERVED_MAIL = ("@example.com", "@example.org", "@example.net")
RESERVED_HOSTS = (".example.com", ".example.org", ".example.net", ".test", ".example")
LOCALES = ["en_US", "de_DE", "ja_JP", "ru_RU", "zz_ZZ"]


def draws(field: str, spec: TypeSpec, locale: str = "en_US", seeds: int = 40) -> list[str]:
    draw = find_provider(field, spec).make(spec, ProviderContext(locale=locale))
    assert draw is not None
    return [draw(random.Random(seed)) for seed in range(seeds)]


def reserved_host(host: str) -> bool:
    return host in ("example.com", "example.org", "example.net") or host.endswith(RESERVED_HOSTS)


@pytest.mark.parametrize("locale", LOCALES)
def test_emails_validate_and_use_only_reserved_domains(locale):
    for value in draws("email", TypeSpec("str"), locale):
        assert EMAIL.validate_python(value) == value
        assert value.endswith(RESERVED_MAIL)


@pytest.mark.parametrize(("low", "high"), [(None, 13), (None, 20), (30, 40), (60, 76), (5, None)])
def test_emails_fit_tight_bounds_without_leaving_reserved_domains(low, high):
    for value in draws("email", TypeSpec("str", min_length=low, max_length=high)):
        assert EMAIL.validate_python(value) == value
        assert value.endswith(RESERVED_MAIL)
        assert (low or 0) <= len(value) <= (high or 1000)


def test_emails_look_like_people():
    local_parts = [value.partition("@")[0] for value in draws("email", TypeSpec("str"))]
    assert sum("." in part for part in local_parts) > len(local_parts) // 3
    assert all(part[0].isalpha() for part in local_parts)


def test_email_specs_get_valid_reserved_addresses():
    spec = TypeSpec("email")
    for value in draws("anything", spec):
        assert EMAIL.validate_python(value) == value
        assert value.endswith(RESERVED_MAIL)


def test_no_email_fits_twelve_characters():
    assert (
        find_provider("email", TypeSpec("str")).make(TypeSpec("str", max_length=12), ProviderContext())
        is None
    )


@pytest.mark.parametrize("field", ["url", "website", "avatar_url"])
@pytest.mark.parametrize(("low", "high"), [(None, None), (None, 19), (None, 24), (30, 32), (120, 140)])
def test_urls_are_https_on_reserved_hosts_even_when_cut_or_padded(field, low, high):
    for value in draws(field, TypeSpec("str", min_length=low, max_length=high)):
        parts = urlsplit(value)
        assert parts.scheme == "https"
        assert reserved_host(parts.hostname)
        assert (low or 0) <= len(value) <= (high or 10_000)


@pytest.mark.parametrize(("low", "high"), [(None, None), (None, 7), (None, 12), (20, 22), (60, 70)])
def test_domains_stay_under_reserved_names(low, high):
    for value in draws("domain", TypeSpec("str", min_length=low, max_length=high)):
        assert reserved_host(value)
        assert (low or 0) <= len(value) <= (high or 1000)
        assert all(
            label and not label.startswith("-") and not label.endswith("-") for label in value.split(".")
        )


def test_ip_addresses_come_from_documentation_ranges():
    nets = [ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24")]
    for value in draws("ip_address", TypeSpec("str")):
        assert any(ipaddress.ip_address(value) in net for net in nets)


def test_slugs_are_lowercase_words_joined_by_hyphens():
    for value in draws("slug", TypeSpec("str", max_length=20)):
        assert value == value.lower()
        assert " " not in value
        assert not value.endswith("-")
