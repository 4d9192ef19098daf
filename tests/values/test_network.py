from __future__ import annotations

import ipaddress
import random
from typing import Annotated
from urllib.parse import urlsplit

import pydantic
import pytest
from pydantic import (
    EmailStr,
    Field,
    HttpUrl,
    IPvAnyAddress,
    IPvAnyInterface,
    IPvAnyNetwork,
    NameEmail,
    TypeAdapter,
    UrlConstraints,
)

from pytest_forge.errors import ConstraintError
from pytest_forge.spec import TypeSpec
from pytest_forge.values.network import (
    email_values,
    ip_address_values,
    ip_interface_values,
    ip_network_values,
    name_email_values,
    url_values,
)

SEEDS = (0, 1, 2, 3, 4)
RESERVED = ("example.com", "example.net", "example.org", ".example")
DOC_V4 = [ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24")]
DOC_V6 = ipaddress.ip_network("2001:db8::/32")


def draw(gen, n=200, seeds=SEEDS):
    return [gen(rng) for seed in seeds for rng in [random.Random(seed)] for _ in range(n)]


def is_reserved(host):
    return host.endswith(RESERVED)


def in_documentation_range(address):
    nets = DOC_V4 if address.version == 4 else [DOC_V6]
    return any(address in net for net in nets)


@pytest.mark.parametrize(
    "constraints",
    [{}, {"max_length": 20}, {"max_length": 13}, {"min_length": 60}, {"min_length": 30, "max_length": 30}],
)
def test_emails_pass_emailstr_on_reserved_domains(constraints):
    values = draw(email_values(TypeSpec("email", **constraints)))
    adapter = TypeAdapter(Annotated[EmailStr, Field(**constraints)])
    for value in values:
        assert adapter.validate_python(value) == value
        local, domain = value.split("@")
        assert is_reserved(domain)
        assert not local.endswith(".")
    assert len(set(values)) > 200 or constraints.get("max_length") == 13


def test_emails_look_like_people():
    values = draw(email_values(TypeSpec("email")), n=50)
    assert sum("." in v.split("@")[0] for v in values) > 50
    assert all(v == v.lower() for v in values)


@pytest.mark.parametrize(
    ("constraints", "message"),
    [
        ({"max_length": 12}, "max_length=12 is too short for an email address"),
        ({"min_length": 200}, "min_length=200 is longer than an email address"),
        ({"min_length": 30, "max_length": 20}, "min_length=30 is greater than max_length=20"),
    ],
)
def test_impossible_email_lengths_raise(constraints, message):
    with pytest.raises(ConstraintError, match=message):
        email_values(TypeSpec("email", **constraints))


def test_name_emails_pass_pydantic():
    values = draw(name_email_values(TypeSpec("name_email")), n=50)
    adapter = TypeAdapter(NameEmail)
    for value in values:
        assert isinstance(value, NameEmail)
        assert adapter.validate_python(value) == value
        assert adapter.validate_python(str(value)) == value
        first = value.name.split()[0].lower()
        assert value.email.startswith((first, first[0]))
        assert is_reserved(value.email.split("@")[1])


URL_TYPES = [
    "AnyUrl", "AnyHttpUrl", "HttpUrl", "FileUrl", "FtpUrl", "WebsocketUrl", "PostgresDsn", "CockroachDsn",
    "AmqpDsn", "RedisDsn", "MongoDsn", "KafkaDsn", "NatsDsn", "MySQLDsn", "MariaDBDsn", "ClickHouseDsn",
    "SnowflakeDsn",
]  # fmt: skip


def url_spec(url_type, **extra):
    schema = TypeAdapter(url_type).core_schema["schema"]
    return TypeSpec(
        "url",
        schemes=tuple(schema.get("allowed_schemes", ())),
        host_required=schema.get("host_required", False),
        **extra,
    )


@pytest.mark.parametrize("name", URL_TYPES)
def test_urls_pass_pydantics_url_types_unchanged(name):
    url_type = getattr(pydantic, name)
    spec = url_spec(url_type)
    values = draw(url_values(spec), n=40)
    adapter = TypeAdapter(url_type)
    for value in values:
        assert isinstance(value, str)
        validated, parts = urlsplit(str(adapter.validate_python(value))), urlsplit(value)
        # pydantic may only add the type's default port (NatsDsn puts 4222 on ws:// URLs)
        assert validated._replace(netloc=validated.hostname) == parts._replace(netloc=parts.hostname)
        assert parts.port in (None, validated.port)
        assert parts.scheme in (spec.schemes or ("https",))
        assert (parts.scheme == "file" and not parts.hostname) or is_reserved(parts.hostname)
    if "default_port" not in TypeAdapter(url_type).core_schema["schema"]:
        assert all(str(adapter.validate_python(v)) == v for v in values)


@pytest.mark.parametrize("max_length", [20, 26, 40])
def test_urls_respect_max_length(max_length):
    annotation = Annotated[HttpUrl, UrlConstraints(max_length=max_length)]
    values = draw(url_values(TypeSpec("url", schemes=("http", "https"), max_length=max_length)), n=40)
    adapter = TypeAdapter(annotation)
    assert all(len(v) <= max_length and str(adapter.validate_python(v)) == v for v in values)


def test_url_max_length_too_short_raises():
    with pytest.raises(ConstraintError, match="max_length=10 is too short for a URL"):
        url_values(TypeSpec("url", schemes=("https",), max_length=10))


@pytest.mark.parametrize(
    ("version", "annotation"),
    [(4, ipaddress.IPv4Address), (6, ipaddress.IPv6Address), (None, IPvAnyAddress)],
)
def test_ip_addresses_come_from_documentation_ranges(version, annotation):
    values = draw(ip_address_values(TypeSpec("ip_address", ip_version=version)))
    adapter = TypeAdapter(annotation)
    assert all(adapter.validate_python(v) == v and in_documentation_range(v) for v in values)
    assert {v.version for v in values} == ({4, 6} if version is None else {version})


@pytest.mark.parametrize(
    ("version", "annotation"),
    [(4, ipaddress.IPv4Network), (6, ipaddress.IPv6Network), (None, IPvAnyNetwork)],
)
def test_ip_networks_have_zero_host_bits_inside_documentation_ranges(version, annotation):
    values = draw(ip_network_values(TypeSpec("ip_network", ip_version=version)))
    adapter = TypeAdapter(annotation)
    for value in values:
        assert adapter.validate_python(str(value)) == value
        assert ipaddress.ip_network(str(value), strict=True) == value
        doc = DOC_V4 if value.version == 4 else [DOC_V6]
        assert any(value.subnet_of(net) for net in doc if net.version == value.version)
    assert len({v.prefixlen for v in values}) > 3


@pytest.mark.parametrize(
    ("version", "annotation"),
    [(4, ipaddress.IPv4Interface), (6, ipaddress.IPv6Interface), (None, IPvAnyInterface)],
)
def test_ip_interfaces_sit_on_documentation_ranges(version, annotation):
    values = draw(ip_interface_values(TypeSpec("ip_interface", ip_version=version)))
    adapter = TypeAdapter(annotation)
    for value in values:
        assert adapter.validate_python(str(value)) == value
        assert in_documentation_range(value.ip)
        assert value.ip != value.network.network_address


@pytest.mark.parametrize("factory", [ip_address_values, ip_network_values, ip_interface_values])
def test_unknown_ip_version_raises(factory):
    with pytest.raises(ConstraintError, match="ip_version=5 is not an IP version"):
        factory(TypeSpec("ip_address", ip_version=5))


@pytest.mark.parametrize(
    "make",
    [
        lambda: email_values(TypeSpec("email")),
        lambda: name_email_values(TypeSpec("name_email")),
        lambda: url_values(TypeSpec("url", schemes=("http", "https"))),
        lambda: ip_address_values(TypeSpec("ip_address")),
        lambda: ip_network_values(TypeSpec("ip_network")),
        lambda: ip_interface_values(TypeSpec("ip_interface")),
    ],
)
def test_same_seed_same_sequence(make):
    gen = make()
    random.seed(8)
    state = random.getstate()
    assert draw(gen, n=30, seeds=(1,)) == draw(make(), n=30, seeds=(1,))
    assert draw(gen, n=30, seeds=(1,)) != draw(gen, n=30, seeds=(2,))
    assert random.getstate() == state
