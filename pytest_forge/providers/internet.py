"""Internet values on reserved names only: example.com/.net/.org, .test and .example (RFC 2606),
documentation IP ranges (RFC 5737).  Values are never cut inside a host name, so a
shortened value cannot turn into a real domain.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from pytest_forge.providers.locale_data import load_data, names, normalize_locale
from pytest_forge.providers.shaping import Pool, Shape, fitted, from_pool, pick

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from pytest_forge.providers.catalog import ProviderContext
    from pytest_forge.providers.locale_data import Names
    from pytest_forge.providers.shaping import Draw
    from pytest_forge.spec import TypeSpec

__all__ = ["domain", "email", "image_url", "ip_address", "slug", "url", "website"]

_MAIL_DOMAINS = Pool.of({"example.com": 6.0, "example.org": 2.0, "example.net": 2.0})
_HOSTS = ("www.example.com", "example.org", "shop.example.net", "blog.example.com", "docs.example.org")
_SECTIONS = ("blog", "products", "docs", "events", "news", "help", "guides", "stories")
_TEST_NETS = ("192.0.2", "198.51.100", "203.0.113")
_LOCAL_LIMIT = 64
_MAIL_SUFFIX = len("@example.com")


def _local_part(data: Names) -> Draw:
    def draw(rng: random.Random) -> str:
        first, last, roll = data.ascii_first.draw(rng), data.ascii_last.draw(rng), rng.random()
        if roll < 0.35:
            return f"{first}.{last}"
        if roll < 0.45:
            return f"{first}{last}"
        if roll < 0.6:
            return f"{first[0]}{last}"
        if roll < 0.7:
            return f"{first}.{last}{rng.randint(1, 99)}"
        if roll < 0.8:
            return f"{first}{rng.randint(1, 999)}"
        if roll < 0.87:
            return f"{first}_{last}"
        if roll < 0.94:
            return f"{last}.{first}"
        return f"{first}.{last[0]}"

    return draw


def email(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """``maria.lopez@example.com``: a name-like local part on a reserved domain."""
    shape = Shape.of(spec)
    if shape is None or shape.lo > _LOCAL_LIMIT + _MAIL_SUFFIX or (shape.hi is not None and shape.hi < 13):
        return None
    data = names(normalize_locale(ctx.locale))
    local = _local_part(data)

    def draw(rng: random.Random) -> str:
        return f"{local(rng)}@{_MAIL_DOMAINS.draw(rng)}"

    def sized(rng: random.Random) -> str:
        room = (shape.hi or 0) - _MAIL_SUFFIX
        letters = f"{data.ascii_first.draw(rng)}{data.ascii_last.draw(rng)}{rng.randrange(10**9):09d}"
        return shape.apply(f"{letters.ljust(room, '7')[:room]}@example.com")

    def longer(value: str, rng: random.Random) -> str:
        # a middle name while it still fits the field, digits for the last few characters
        local, _, host = value.partition("@")
        middle = data.ascii_first.draw(rng)
        if local.count(".") < 2 and len(value) + len(middle) + 1 <= shape.lo:
            head, dot, tail = local.partition(".")
            return f"{head}.{middle}{dot}{tail}@{host}" if dot else f"{local}.{middle}@{host}"
        return f"{local}{rng.randint(0, 9)}@{host}"

    return fitted(shape, draw, extend=longer, short=sized)


@lru_cache(maxsize=1)
def _words() -> tuple[str, ...]:
    words = load_data("commerce")["title_words"]
    return tuple(w.lower() for w in words["adjective"] + words["noun"]) + tuple(load_data("commerce")["tags"])


def _slug_draw(rng: random.Random) -> str:
    return "-".join(rng.sample(_words(), rng.randint(2, 4)))


def _url_draw(rng: random.Random) -> str:
    return f"https://{pick(rng, _HOSTS)}/{pick(rng, _SECTIONS)}/{_slug_draw(rng)}"


def _letters(rng: random.Random, size: int) -> str:
    """Exactly ``size`` characters of hyphen-joined words (never ending on a hyphen)."""
    text = pick(rng, _words())
    while len(text) < size:
        text += "-" + pick(rng, _words())
    text = text[:size]
    return f"{text[:-1]}s" if text.endswith("-") else text


def _target(shape: Shape, least: int) -> Callable[[random.Random], int]:
    """A length in ``[max(lo, least), hi]`` (exactly that floor when unbounded)."""
    low = max(shape.lo, least)
    high = low if shape.hi is None else shape.hi
    return lambda rng: rng.randint(low, high)


def _web(spec: TypeSpec, draw: Draw) -> Draw | None:
    """Fit an https URL draw: a reserved root plus a path of exactly the size the field allows."""
    shape = Shape.of(spec)
    root = "https://example.com"
    if shape is None or shape.lo > 2000 or (shape.hi is not None and shape.hi < len(root)):
        return None
    size = _target(shape, len(root))

    def exact(rng: random.Random) -> str:
        extra = size(rng) - len(root)
        path = "" if extra == 0 else "/" + _letters(rng, extra - 1)
        return shape.apply(root + path)

    return fitted(shape, draw, extend=lambda _, rng: exact(rng), short=exact)


def url(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A page on a reserved host: ``https://blog.example.com/guides/quiet-harbor``."""
    return _web(spec, _url_draw)


def _brand(rng: random.Random) -> str:
    word = pick(rng, load_data("commerce")["company_words"]).lower().replace(" ", "")
    return f"{word}{pick(rng, ('', 'labs', 'works', 'studio', 'co', 'hq'))}"


def website(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A home page: ``https://northwind.example.com``."""
    return _web(spec, lambda rng: f"https://{_brand(rng)}.example.{pick(rng, ('com', 'org', 'net'))}")


def image_url(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """An image on a reserved CDN host: ``https://images.example.com/640x480/quiet-harbor.jpg``."""

    def draw(rng: random.Random) -> str:
        size = pick(rng, ("640x480", "800x600", "1200x800", "256x256", "1080x1080"))
        ext = pick(rng, ("jpg", "png", "webp"))
        return f"https://images.example.com/{size}/{_slug_draw(rng)}.{ext}"

    return _web(spec, draw)


def domain(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A host name under a reserved name: ``bluepeak.example.com``, ``atlas.test``."""
    shape = Shape.of(spec)
    if shape is None or shape.lo > 75 or (shape.hi is not None and shape.hi < 7):
        return None
    size = _target(shape, 7)

    def draw(rng: random.Random) -> str:
        return f"{_brand(rng)}.{pick(rng, ('example.com', 'example.org', 'example.net', 'test', 'example'))}"

    def exact(rng: random.Random) -> str:
        length = size(rng)
        suffix = ".example.com" if length >= 14 else ".test"
        return shape.apply(_letters(rng, length - len(suffix)) + suffix)

    return fitted(shape, draw, extend=lambda _, rng: exact(rng), short=exact)


def slug(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A URL slug of two to four words: ``quiet-harbor-guide``."""
    shape = Shape.of(spec)
    if shape is None:
        return None
    return fitted(shape, _slug_draw, extend=lambda value, rng: f"{value}-{pick(rng, _words())}")


def ip_address(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """An IPv4 address in a documentation range (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24)."""
    shape = Shape.of(spec)
    addresses = Pool(tuple(f"{net}.{host}" for net in _TEST_NETS for host in range(1, 255)))
    return None if shape is None else from_pool(addresses, shape, cut=False)
