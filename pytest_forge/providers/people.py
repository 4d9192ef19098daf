"""People: full, first and last names, usernames and job titles, in the context's locale."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from pytest_forge.providers.locale_data import DEFAULT_LOCALE, faker_data, load_data, names, normalize_locale
from pytest_forge.providers.shaping import Pool, Shape, fitted, from_pool, pick

if TYPE_CHECKING:
    import random

    from pytest_forge.providers.catalog import ProviderContext
    from pytest_forge.providers.locale_data import Names
    from pytest_forge.providers.shaping import Draw, Extend
    from pytest_forge.spec import TypeSpec

__all__ = ["first_name", "full_name", "job", "last_name", "username"]

#: below this max_length a "First Last" rarely fits: use a first name straight away
_SHORT_NAME = 10


def full_name(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """``First Last`` in the locale's order; a first name when short, middle names when long."""
    shape = Shape.of(spec)
    if shape is None or shape.lo > 60:
        return None
    data = names(normalize_locale(ctx.locale))
    short = from_pool(data.first, shape, fallback=names(DEFAULT_LOCALE).first)
    if shape.hi is not None and shape.hi < _SHORT_NAME and short is not None:
        return short
    return fitted(shape, data.full, extend=_middle_name(data), short=short)


def _middle_name(data: Names) -> Extend:
    def extend(value: str, rng: random.Random) -> str:
        middle = data.first.draw(rng)
        if data.family_first or not data.sep:
            return f"{value}{data.sep}{middle}"
        head, _, tail = value.rpartition(data.sep)
        return f"{head}{data.sep}{middle}{data.sep}{tail}" if head else f"{middle}{data.sep}{tail}"

    return extend


def first_name(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A given name of the locale, weighted by frequency where Faker knows it."""
    shape = Shape.of(spec)
    if shape is None:
        return None
    return from_pool(names(normalize_locale(ctx.locale)).first, shape, fallback=names(DEFAULT_LOCALE).first)


def last_name(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A family name of the locale."""
    shape = Shape.of(spec)
    if shape is None:
        return None
    return from_pool(names(normalize_locale(ctx.locale)).last, shape, fallback=names(DEFAULT_LOCALE).last)


def username(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A handle built from ASCII names (``jsmith``, ``maria_lopez``, ``sunny_tom84``)."""
    shape = Shape.of(spec)
    if shape is None or shape.lo > 40:
        return None
    data = names(normalize_locale(ctx.locale))
    draw = _handle(data, tuple(load_data("people")["username_words"]))
    short = from_pool(data.ascii_first, shape)

    def longer(value: str, rng: random.Random) -> str:
        word = data.ascii_last.draw(rng)  # another name while it fits, then single digits
        return f"{value}_{word}" if len(value) + len(word) + 1 <= shape.lo else f"{value}{rng.randint(0, 9)}"

    return fitted(shape, draw, extend=longer, short=short)


def _handle(data: Names, words: tuple[str, ...]) -> Draw:
    def draw(rng: random.Random) -> str:
        first, last, roll = data.ascii_first.draw(rng), data.ascii_last.draw(rng), rng.random()
        if roll < 0.25:
            return f"{first}{last}"
        if roll < 0.45:
            return f"{first}_{last}"
        if roll < 0.6:
            return f"{first[0]}{last}"
        if roll < 0.75:
            return f"{first}{rng.randint(1, 99)}"
        if roll < 0.85:
            return f"{first}.{last}"
        if roll < 0.93:
            return f"{pick(rng, words)}_{first}{rng.randint(70, 99)}"
        return f"{last}{first[0]}"

    return draw


def job(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A job title: our English list for English locales, Faker's list for others."""
    shape = Shape.of(spec)
    if shape is None:
        return None
    return from_pool(jobs(normalize_locale(ctx.locale)), shape, fallback=jobs("en_US"))


@lru_cache(maxsize=32)
def jobs(locale: str) -> Pool:
    """Job titles for a locale: Faker's, then ours (``jobs_i18n.json``: Italian and Dutch, from mimesis),
    English ones for English locales and those we have none for."""
    local = None if locale.startswith("en") else faker_data("job", locale, "jobs", fallback=False)
    ours = None if local else load_data("jobs_i18n")["jobs"].get(locale)
    return Pool.of(local or ours or load_data("people")["jobs"])
