"""Skeptical memory: which rules bind a model, which are stale, which conflict, what fits a prompt."""

from __future__ import annotations

import enum
import itertools
import operator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.relations.foreign_keys import snake_case

if TYPE_CHECKING:
    from pytest_forge.memory.rules import Rule
    from pytest_forge.spec import ModelSpec, TypeSpec

__all__ = ["PROMPT_BUDGET", "Conflict", "Stale", "applies_to", "conflicts", "fit_prompt", "stale_reason"]

#: characters of rule text one AI prompt may carry
PROMPT_BUDGET = 2000


@dataclass(frozen=True, slots=True)
class Stale:
    """A rule naming a field or value the model no longer has."""

    rule: Rule
    model: str
    reason: str


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two rules that set one field to different values for the same records."""

    first: Rule
    second: Rule
    field: str

    def describe(self) -> str:
        return (
            f"rules {self.first.id} and {self.second.id} ({self.first.topic}) both set {self.field}: "
            f"{self.first.then[self.field]!r} vs {self.second.then[self.field]!r}"
        )


def applies_to(rule: Rule, model_name: str) -> bool:
    """A rule binds the model its topic names (``user`` → ``User``) and the models it lists."""
    return rule.topic == snake_case(model_name) or model_name in rule.models


def stale_reason(rule: Rule, spec: ModelSpec) -> str | None:
    """Why ``rule`` no longer fits ``spec`` (a missing field, an enum/Literal value it lost), or None."""
    missing = sorted(rule.fields() - set(spec.by_name))
    if missing:
        return f"{spec.name} has no field {', '.join(missing)}"
    condition = rule.condition
    compared = condition.constants if condition is not None else {}
    for name, values in [*compared.items(), *((k, (v,)) for k, v in rule.then.items())]:
        choices = _choices(spec.by_name[name].type)
        lost = [v for v in values if choices is not None and v not in choices]
        if lost:
            known = ", ".join(map(repr, choices or ()))
            return f"{spec.name}.{name} has no value {lost[0]!r} (it has {known})"
    for name, value in rule.then.items():
        broken = _broken_bound(spec.by_name[name].type, value)
        if broken:
            return f"{spec.name}.{name} cannot be {value!r} ({broken})"
    return None


def _broken_bound(spec: TypeSpec, value: Any) -> str | None:
    """The numeric bound or length limit ``value`` breaks (a then= value the model would refuse)."""
    inner = spec.inner()
    if value is None:
        return None if spec.nullable() else "it is not optional"
    checks = (("ge", operator.ge), ("gt", operator.gt), ("le", operator.le), ("lt", operator.lt))
    for name, holds in checks:
        bound = getattr(inner, name)
        try:
            if bound is not None and not holds(value, bound):
                return f"{name}={bound!r}"
        except TypeError:
            return None  # not comparable here: the model's validation decides
    length = len(value) if isinstance(value, (str, list)) else None
    if length is not None and inner.max_length is not None and length > inner.max_length:
        return f"max_length={inner.max_length}"
    if length is not None and inner.min_length is not None and length < inner.min_length:
        return f"min_length={inner.min_length}"
    return None


def _choices(spec: TypeSpec) -> tuple[Any, ...] | None:
    inner = spec.inner()
    if inner.kind not in ("enum", "literal"):
        return None
    values = tuple(c.value if isinstance(c, enum.Enum) else c for c in inner.choices)
    return (*values, None) if spec.nullable() else values


def conflicts(rules: list[Rule]) -> list[Conflict]:
    """Pairs of rules setting a field to different values when both always hold or share a condition."""
    found = []
    for first, second in itertools.combinations(rules, 2):
        if first.when is not None and second.when is not None and first.when != second.when:
            continue
        for name in sorted(set(first.then) & set(second.then)):
            if first.then[name] != second.then[name]:
                found.append(Conflict(first, second, name))
    return found


def fit_prompt(rules: list[Rule], budget: int = PROMPT_BUDGET) -> tuple[list[str], list[Rule]]:
    """The rule texts that fit in ``budget`` characters (in order), and the rules left out."""
    kept: list[str] = []
    left_out: list[Rule] = []
    used = 0
    for rule in rules:
        if used + len(rule.text) + 1 <= budget:
            kept.append(rule.text)
            used += len(rule.text) + 1
        else:
            left_out.append(rule)
    return kept, left_out
