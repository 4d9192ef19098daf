"""Pick a realistic value provider for a field by its name: whole tokens, never substrings.

``shipping_address`` gets street addresses, ``product_name`` product names,
``capacity`` nothing (it is not a city).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.providers.rules import resolve, resolve_numeric
from pytest_forge.providers.tokens import split_name

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from pytest_forge.provenance import Tier
    from pytest_forge.spec import TypeSpec

__all__ = ["Provider", "ProviderContext", "find_provider", "numeric_hint"]

_STRING_KINDS = ("str", "email")


@dataclass(frozen=True, slots=True)
class ProviderContext:
    """What a provider may depend on besides the spec: the locale and the fixed reference date."""

    locale: str = "en_US"
    reference_date: datetime.date = datetime.date(2025, 1, 1)


@dataclass(frozen=True, slots=True)
class Provider:
    """A value provider: where values come from, its routing tier, and how to build a generator.

    ``make(spec, ctx)`` returns a function of a ``random.Random`` that draws values valid for
    ``spec`` (lengths and case transforms included), or None when it cannot (e.g. a pattern).
    """

    source: str
    tier: Tier
    make: Callable[[TypeSpec, ProviderContext], Callable[[random.Random], Any] | None]


@lru_cache(maxsize=128)
def _provider(source: str) -> Provider | None:
    from pytest_forge.providers.registry import MAKERS, tier_of  # lazy: keeps Faker out of import time

    make = MAKERS.get(source)
    return None if make is None else Provider(source, tier_of(source), make)


@lru_cache(maxsize=4096)
def _source(field_name: str, model_name: str) -> str | None:
    return resolve(split_name(field_name), split_name(model_name))


def find_provider(field_name: str, spec: TypeSpec, *, model_name: str = "") -> Provider | None:
    """The provider a str field's name asks for (``product_name`` -> product), or None.

    Only str specs (also under ``optional``) are matched; an ``email`` spec always gets emails on
    reserved domains.  Sensitive names (password, ssn, iban, card, token ...) get None: another
    helper owns those values.
    """
    kind = spec.inner().kind
    if kind == "email":
        return _provider("internet.email")
    if kind not in _STRING_KINDS:
        return None
    source = _source(field_name, model_name)
    return None if source is None else _provider(source)


def numeric_hint(field_name: str) -> tuple[float, float] | None:
    """A realistic range for a number field (``age`` -> 18..90, ``latitude`` -> -90..90), or None."""
    return resolve_numeric(split_name(field_name))
