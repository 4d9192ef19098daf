"""Identity numbers with a ``pattern``: fake-by-construction shapes the pattern accepts, or a clear error.

A field's pattern would otherwise let the generic generator draw any matching text, and a
patterned SSN would come out in an issued area (``503-56-1096``). Here every shape of the
category's maker (each length the field allows) is drawn and kept only when the pattern
accepts it; when none does, the field raises a ``ConstraintError`` instead of making a value
that might be real. Passwords, tokens, PINs and amounts are random already, so their
patterns keep the generic generator.
"""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

from pytest_forge.errors import ConstraintError
from pytest_forge.gates.sensitive_text import TEXT_MAKERS

if TYPE_CHECKING:
    from pytest_forge.gates.sensitive_text import TextGen
    from pytest_forge.spec import TypeSpec

__all__ = ["IDENTITY_CATEGORIES", "patterned_values"]

#: categories whose values could identify a real person or account if drawn freely
IDENTITY_CATEGORIES = frozenset({"ssn", "nino", "document_number", "card_number", "iban"})
_LONGEST = 64
_PROBES = 64
_TRIES = 1000
_WHAT = {
    "ssn": "SSN (area 900-999)",
    "nino": "National Insurance number (prefix QQ)",
    "document_number": "document number (XX + 7 digits)",
    "card_number": "card number (published test prefixes, valid Luhn digit)",
    "iban": "IBAN (test bank codes)",
}


def patterned_values(category: str, spec: TypeSpec, locale: str) -> TextGen | None:
    """A generator of never-issued values matching ``spec.pattern``; None when not an identity number."""
    maker = TEXT_MAKERS.get(category)
    pattern = spec.pattern
    if category not in IDENTITY_CATEGORIES or maker is None or pattern is None:
        return None
    try:
        regex = re.compile(pattern)
    except re.error:  # a pattern Python cannot read (pydantic's Rust regex can): keep the generic one
        return None
    lo = spec.min_length or 0
    hi = spec.max_length if spec.max_length is not None else _LONGEST
    shapes = [gen for size in range(lo, hi + 1) if (gen := maker(size, size, locale)) is not None]
    probe = random.Random(0)
    fitting = [gen for gen in shapes if any(regex.search(gen(probe)) for _ in range(_PROBES))]
    if not fitting:
        raise ConstraintError(_no_fit(category, pattern))

    def draw(rng: random.Random) -> str:
        for _ in range(_TRIES):
            value = fitting[rng.randrange(len(fitting))](rng)
            if regex.search(value):
                return value
        raise ConstraintError(_no_fit(category, pattern))

    return draw


def _no_fit(category: str, pattern: str) -> str:
    return (
        f"no never-issued {_WHAT[category]} matches pattern {pattern!r}, and a value drawn from the "
        "pattern alone could belong to a real person; widen the pattern, pass the field as an "
        "override, or mark it Annotated[..., Safe] if its values are not personal"
    )
