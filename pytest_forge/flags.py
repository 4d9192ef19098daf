"""Feature flags: ``is_enabled("dream")``, ``flag_summary()``, ``FORGE_FLAG_<NAME>=1`` / ``=0``.

Shipped features are on unless turned off; staged ones are off unless turned on. Every flag
listed here is read by the code it names: turning one off really turns the feature off.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from pytest_forge.errors import UsageError

__all__ = ["FLAGS", "Flag", "flag_summary", "is_enabled", "require"]

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")


@dataclass(frozen=True, slots=True)
class Flag:
    """A feature that can be switched: on by default when shipped, off when staged."""

    name: str
    shipped: bool
    description: str

    @property
    def variable(self) -> str:
        return f"FORGE_FLAG_{self.name.upper()}"


FLAGS: dict[str, Flag] = {
    flag.name: flag
    for flag in (
        Flag("memory", True, "domain rules from .forge applied to every call"),
        Flag("dream", True, "forge.dream() and pytest --forge-dream report data-coverage gaps"),
        Flag("strategy", True, "forge.strategy(): Hypothesis strategies of models"),
        Flag("dream_auto", False, "record data coverage on every pytest run, without --forge-dream"),
    )
}


def is_enabled(name: str) -> bool:
    """Whether feature ``name`` is on now (its FORGE_FLAG_<NAME> variable is read on each call)."""
    flag = FLAGS.get(name)
    if flag is None:
        raise UsageError(f"is_enabled({name!r}): no such feature flag (flags: {', '.join(FLAGS)})")
    raw = os.environ.get(flag.variable)
    if raw is None:
        return flag.shipped
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise UsageError(f"{flag.variable}={raw!r}: use 1 to turn {name} on or 0 to turn it off")


def flag_summary() -> dict[str, bool]:
    """Every flag's name and whether it is on now."""
    return {name: is_enabled(name) for name in FLAGS}


def require(name: str, what: str) -> None:
    """A UsageError saying how to turn ``name`` back on, when it is off."""
    if not is_enabled(name):
        raise UsageError(f"{what} is turned off by {FLAGS[name].variable}; unset it or set it to 1")
