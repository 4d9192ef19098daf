"""The field hook that gives sensitive and dangerous fields their own generators and tiers.

Runs after the engine compiled a field: a sensitive field gets a fake-by-construction
generator (tier "sensitive"), a dangerous one curated hostile payloads (tier "dangerous"),
and personal data (safe, never gated: birth dates, IP addresses) fake-by-construction values
under the engine's own tier.
When no such generator fits the field's type and constraints, the engine's own generator
stays, re-tiered, so provenance and the AI layer still see the level. Keys and foreign keys
are left to their own hooks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_forge.field_tags import ForeignKey, PrimaryKey
from pytest_forge.gates.classify import FieldVerdict, field_verdict
from pytest_forge.gates.hostile import hostile_values
from pytest_forge.gates.levels import DANGEROUS, SAFE
from pytest_forge.gates.rules import default_rules
from pytest_forge.gates.sensitive_values import sensitive_values
from pytest_forge.generation.compiler import Compiled

if TYPE_CHECKING:
    import datetime as dt
    import random
    from typing import Any

    from pytest_forge.gates.levels import Level
    from pytest_forge.generation.options import GenerationOptions
    from pytest_forge.generation.plan import FieldCompiler
    from pytest_forge.provenance import Tier
    from pytest_forge.spec import FieldSpec, ModelSpec, TypeSpec
    from pytest_forge.values import Gen

__all__ = ["gated_field_compiler"]


def gated_field_compiler(locale: str, reference_date: dt.date, options: GenerationOptions) -> FieldCompiler:
    """A field hook for ``Forge._field_hooks`` (``options.none_p`` is read at draw time)."""
    rules = default_rules()

    def hook(spec: ModelSpec, field: FieldSpec, current: Compiled, path: tuple[str, ...]) -> Compiled | None:
        if field.computed or _is_key(field, current):
            return None
        verdict = field_verdict(field, rules)
        if verdict.level == SAFE and verdict.category is None:
            return None
        inner = field.type.inner()
        # an encoded type (Base64Str) takes the engine's encoded values whatever the name says
        made = None if inner.encoder is not None else _values_for(verdict, inner, locale, reference_date)
        tier = _tier_of(verdict.level, current.tier)
        if made is None:
            return None if verdict.level == SAFE else Compiled(current.gen, current.source, tier)
        gen, source = made
        if field.type.kind == "optional":
            gen = _sometimes_none(gen, options)
        return Compiled(gen, source, tier)

    return hook


def _tier_of(level: Level, current: Tier) -> Tier:
    """A gated field's tier is its level; a safe one (a patterned identity kept fake) keeps its own."""
    if level == "safe":
        return current
    return "dangerous" if level == "dangerous" else "sensitive"


def _is_key(field: FieldSpec, current: Compiled | None) -> bool:
    keyed = field.tag(ForeignKey) is not None or field.tag(PrimaryKey) is not None
    return keyed or (current is not None and current.tier == "structural")


def _values_for(
    verdict: FieldVerdict, spec: TypeSpec, locale: str, reference_date: dt.date
) -> tuple[Gen, str] | None:
    if verdict.level == DANGEROUS:
        category = verdict.category or "any"
        hostile = hostile_values(category, spec)
        return None if hostile is None else (hostile, f"hostile.{category}")
    return sensitive_values(verdict.category, spec, locale, reference_date)


def _sometimes_none(draw: Gen, options: GenerationOptions) -> Gen:
    def gen(rng: random.Random) -> Any:
        if rng.random() < options.none_p:
            return None
        return draw(rng)

    return gen
