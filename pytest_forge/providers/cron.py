"""Cron expressions for fields named like one (``cron``, ``crontab``, ``cron_expression``).

Five standard fields (minute hour day-of-month month day-of-week), the shapes schedulers really
use: every few minutes, hourly at a minute, daily, on weekdays, monthly. Every value parses with
croniter and the classic cron grammar alike (no names, no ``L``/``W``/``?`` extensions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_forge.providers.shaping import Shape, fitted, pick

if TYPE_CHECKING:
    import random

    from pytest_forge.providers.catalog import ProviderContext
    from pytest_forge.providers.shaping import Draw
    from pytest_forge.spec import TypeSpec

__all__ = ["cron"]

#: the shortest expression there is (every minute)
EVERY_MINUTE = "* * * * *"
_STEPS = (5, 10, 15, 20, 30)
_HOUR_STEPS = (2, 3, 4, 6, 8, 12)
#: an extension adds at most ",NN" to the minute field (so it overshoots ``lo`` by at most 2)
_OVERSHOOT = 2


def _every_few_minutes(rng: random.Random) -> str:
    return f"*/{pick(rng, _STEPS)} * * * *"


def _hourly(rng: random.Random) -> str:
    return f"{rng.randrange(60)} * * * *"


def _every_few_hours(rng: random.Random) -> str:
    return f"{rng.randrange(60)} */{pick(rng, _HOUR_STEPS)} * * *"


def _daily(rng: random.Random) -> str:
    return f"{rng.randrange(60)} {rng.randrange(24)} * * *"


def _weekdays(rng: random.Random) -> str:
    return f"{rng.randrange(60)} {rng.randrange(6, 19)} * * 1-5"


def _weekly(rng: random.Random) -> str:
    return f"{rng.randrange(60)} {rng.randrange(24)} * * {rng.randrange(7)}"


def _monthly(rng: random.Random) -> str:
    return f"{rng.randrange(60)} {rng.randrange(24)} {rng.randint(1, 28)} * *"


_SHAPES = (_every_few_minutes, _hourly, _every_few_hours, _daily, _daily, _weekdays, _weekly, _monthly)


def _draw(rng: random.Random) -> str:
    return pick(rng, _SHAPES)(rng)


def _more_minutes(value: str, rng: random.Random) -> str:
    """The same schedule at one more minute of the hour (``5 2 * * *`` → ``5,41 2 * * *``)."""
    minute, _, rest = value.partition(" ")
    extra = str(rng.randrange(60))
    if minute.startswith("*"):  # a step or every minute: a list of plain minutes instead
        return f"{rng.randrange(60)},{extra} {rest}"
    return f"{minute},{extra} {rest}"


def cron(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A five-field cron expression: ``*/15 * * * *``, ``30 9 * * 1-5``; None when no expression fits
    the field's lengths."""
    shape = Shape.of(spec)
    if shape is None or shape.lo > 60:
        return None
    least = len(EVERY_MINUTE)
    if shape.hi is not None and (shape.hi < least or (shape.lo > least and shape.hi < shape.lo + _OVERSHOOT)):
        return None
    return fitted(shape, _draw, extend=_more_minutes, short=lambda rng: EVERY_MINUTE)
