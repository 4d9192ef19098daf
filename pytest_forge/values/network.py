"""Emails, URLs and IP values that can never reach a real mailbox, host or network.

Domains are the reserved ``example.*`` names (RFC 2606) and addresses come only from the
documentation ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any

from pydantic.networks import NameEmail

from pytest_forge.errors import ConstraintError

if TYPE_CHECKING:
    import random

    from pytest_forge.spec import TypeSpec
    from pytest_forge.values import Gen

__all__ = [
    "email_values",
    "ip_address_values",
    "ip_interface_values",
    "ip_network_values",
    "name_email_values",
    "url_values",
]

FIRST_NAMES = (
    "ada", "alan", "grace", "edsger", "barbara", "donald", "margaret", "linus", "guido", "katherine",
    "dennis", "ken", "frances", "john", "radia", "hedy", "tim", "annie", "claude", "niklaus",
    "leslie", "shafi", "sophie", "mary", "karen", "jean", "evelyn", "carl", "yukihiro", "anita",
)  # fmt: skip
LAST_NAMES = (
    "lovelace", "turing", "hopper", "dijkstra", "liskov", "knuth", "hamilton", "torvalds", "rossum",
    "johnson", "ritchie", "thompson", "allen", "mccarthy", "perlman", "lamarr", "easley", "shannon",
    "wirth", "lamport", "goldwasser", "wilson", "keller", "jones", "sammet", "boyd", "kay", "borg",
)  # fmt: skip
# email-validator refuses the special-use *.test names, so mail stays on example.* only
MAIL_DOMAINS = ("example.com", "example.net", "example.org", "mail.example.com", "staff.example.org")
WEB_HOSTS = ("example.com", "www.example.com", "api.example.net", "docs.example.org", "shop.example")
SERVICE_HOSTS = ("db.example.com", "cache.example.net", "queue.example.org")
URL_PATHS = (
    "/", "/about", "/docs/getting-started", "/reports/2024/summary", "/users/42", "/blog/hello-world",
    "/api/v1/orders", "/products/blue-widget", "/help/faq", "/static/img/logo.png",
)  # fmt: skip
_MAX_LOCAL = 64
# the usual port of each service family, written out so the URL reads like a real DSN
SERVICE_PORTS = (
    ("postgres", 5432), ("cockroachdb", 26257), ("mysql", 3306), ("mariadb", 3306), ("redis", 6379),
    ("mongodb", 27017), ("amqp", 5672), ("kafka", 9092), ("nats", 4222), ("tls", 4222), ("clickhouse", 9000),
)  # fmt: skip
_WEB_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp"})
_V4_NETWORKS = (0xC0000200, 0xC6336400, 0xCB007100)  # 192.0.2.0, 198.51.100.0, 203.0.113.0 (/24 each)
_V6_PREFIX = 0x20010DB8 << 96  # 2001:db8::/32


def _local_part(rng: random.Random) -> tuple[str, str]:
    """A realistic ``(display name, mailbox)`` pair such as ``("Ada Lovelace", "ada.lovelace42")``."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    style = rng.randrange(4)
    local = (f"{first}.{last}", f"{first[0]}.{last}", f"{first}_{last}", f"{first}{last}")[style]
    if rng.random() < 0.5:
        local += str(rng.randint(1, 99))
    return f"{first.title()} {last.title()}", local


def _fit_local(local: str, room: int, need: int) -> str:
    """Cut or pad the mailbox so it has between ``need`` and ``room`` characters."""
    if len(local) > room:
        local = local[:room].rstrip("._") or local[0]
    if len(local) < need:
        local += "7" * (need - len(local))
    return local


def email_values(spec: TypeSpec) -> Gen:
    """Addresses like ``ada.lovelace42@example.com`` within min_length/max_length."""
    lo, hi = spec.min_length or 0, spec.max_length
    if hi is not None and lo > hi:
        raise ConstraintError(f"min_length={lo} is greater than max_length={hi}")
    shortest = min(len(d) for d in MAIL_DOMAINS) + 2
    if hi is not None and hi < shortest:
        raise ConstraintError(
            f"max_length={hi} is too short for an email address (needs at least {shortest})"
        )
    # the mailbox is limited to 64 characters, so long addresses need long domains
    domains = tuple(
        d for d in MAIL_DOMAINS if (hi is None or len(d) + 2 <= hi) and lo - len(d) - 1 <= _MAX_LOCAL
    )
    if not domains:
        raise ConstraintError(f"min_length={lo} is longer than an email address on a reserved domain can be")

    def draw(rng: random.Random) -> str:
        domain = rng.choice(domains)
        room = _MAX_LOCAL if hi is None else min(_MAX_LOCAL, hi - len(domain) - 1)
        local = _fit_local(_local_part(rng)[1], room, lo - len(domain) - 1)
        return f"{local}@{domain}"

    return draw


def name_email_values(spec: TypeSpec) -> Gen:
    """pydantic ``NameEmail`` objects whose name matches the mailbox, e.g. Ada Lovelace."""
    del spec

    def draw(rng: random.Random) -> NameEmail:
        name, local = _local_part(rng)
        return NameEmail(name, f"{local}@{rng.choice(MAIL_DOMAINS)}")

    return draw


def url_values(spec: TypeSpec) -> Gen:
    """URLs (as str) on reserved hosts, with one of ``spec.schemes`` (https by default)."""
    schemes = spec.schemes or ("https",)
    hi = spec.max_length
    fitting = tuple(s for s in schemes if hi is None or len(_url(s, "example.com", "/")) <= hi)
    if not fitting:
        shortest = min(len(_url(s, "example.com", "/")) for s in schemes)
        raise ConstraintError(
            f"max_length={hi} is too short for a URL (needs at least {shortest} characters)"
        )
    host_required = spec.host_required

    def draw(rng: random.Random) -> str:
        scheme = rng.choice(fitting)
        web = scheme in _WEB_SCHEMES
        host = rng.choice(WEB_HOSTS) if web else rng.choice(SERVICE_HOSTS) + _service_port(scheme)
        path = rng.choice(URL_PATHS) if web else "/0" if scheme.startswith("redis") else "/app"
        if scheme == "file" and not host_required:
            host, path = "", rng.choice(("/srv/data/report.csv", "/home/ada/notes.txt", "/tmp/forge.log"))
        url = _url(scheme, host, path)
        if hi is not None and len(url) > hi:
            url = _url(scheme, "example.com", "/")
        return url

    return draw


def _service_port(scheme: str) -> str:
    if scheme.endswith("+srv"):  # SRV lookups never carry a port
        return ""
    return next((f":{port}" for family, port in SERVICE_PORTS if scheme.startswith(family)), "")


def _url(scheme: str, host: str, path: str) -> str:
    return f"{scheme}://{host}{path}"


def _version(spec: TypeSpec) -> int | None:
    if spec.ip_version not in (None, 4, 6):
        raise ConstraintError(f"ip_version={spec.ip_version} is not an IP version (4 or 6)")
    return spec.ip_version


def _pick_version(rng: random.Random, version: int | None) -> int:
    if version is not None:
        return version
    return 4 if rng.random() < 0.5 else 6


def ip_address_values(spec: TypeSpec) -> Gen:
    """IPv4/IPv6 addresses from the documentation ranges only."""
    version = _version(spec)

    def draw(rng: random.Random) -> Any:
        if _pick_version(rng, version) == 4:
            return ipaddress.IPv4Address(rng.choice(_V4_NETWORKS) + rng.randint(1, 254))
        return ipaddress.IPv6Address(_V6_PREFIX | rng.getrandbits(32) << 64 | rng.getrandbits(16))

    return draw


def ip_network_values(spec: TypeSpec) -> Gen:
    """Networks inside the documentation ranges, host bits zero (/24-/30 and /32-/64)."""
    version = _version(spec)

    def draw(rng: random.Random) -> Any:
        if _pick_version(rng, version) == 4:
            prefix = rng.randint(24, 30)
            host_bits = 32 - prefix
            offset = rng.getrandbits(8 - host_bits) << host_bits
            return ipaddress.IPv4Network((rng.choice(_V4_NETWORKS) + offset, prefix))
        prefix = rng.choice((32, 48, 56, 64))
        return ipaddress.IPv6Network((_V6_PREFIX | rng.getrandbits(prefix - 32) << (128 - prefix), prefix))

    return draw


def ip_interface_values(spec: TypeSpec) -> Gen:
    """Interfaces such as ``192.0.2.17/24`` or ``2001:db8:1:2::5/64`` on documentation ranges."""
    version = _version(spec)

    def draw(rng: random.Random) -> Any:
        if _pick_version(rng, version) == 4:
            return ipaddress.IPv4Interface((rng.choice(_V4_NETWORKS) + rng.randint(1, 254), 24))
        address = _V6_PREFIX | rng.getrandbits(32) << 64 | rng.getrandbits(16)
        return ipaddress.IPv6Interface((address, 64))

    return draw
