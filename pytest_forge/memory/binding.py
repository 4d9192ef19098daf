"""The rules that bind one model now: checked against the live model, applied to drawn records.

Precedence for a field: the call's overrides > rules > blueprint values > generated values.
A stale rule (see :func:`~pytest_forge.memory.checks.stale_reason`) and the later rule of a
conflicting pair are left out and reported once per process.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.memory.checks import Conflict, Stale, applies_to, conflicts, fit_prompt, stale_reason
from pytest_forge.memory.notices import MEMORY_NOTICES

if TYPE_CHECKING:
    from collections.abc import Collection

    from pytest_forge.generation.overrides import Override
    from pytest_forge.memory.expressions import Condition
    from pytest_forge.memory.rules import Rule
    from pytest_forge.spec import ModelSpec

__all__ = ["BoundRules", "RuleApplication", "bind_rules"]


@dataclass(frozen=True, slots=True)
class _Binding:
    rule: Rule
    condition: Condition | None
    values: dict[str, Any]


@dataclass(frozen=True, slots=True)
class BoundRules:
    """A model's usable rules, and those left out (stale or conflicting)."""

    model: str
    active: tuple[Rule, ...]
    stale: tuple[Stale, ...]
    conflicts: tuple[Conflict, ...]
    bindings: tuple[_Binding, ...]

    def apply(self, record: dict[str, Any], held: Collection[str]) -> set[str]:
        """Set the ``then`` values of every rule whose ``when`` holds (fields in ``held`` stay);
        the names of the fields set."""
        changed: set[str] = set()
        for binding in self.bindings:
            if binding.condition is None or binding.condition.holds(record):
                for name, value in binding.values.items():
                    if name not in held:
                        record[name] = value
                        changed.add(name)
        return changed

    def prompt_rules(self) -> list[str]:
        """The active rules' texts within the prompt budget; rules left out are reported once."""
        kept, left_out = fit_prompt(list(self.active))
        for rule in left_out:
            MEMORY_NOTICES.warn(
                f"budget:{self.model}:{rule.id}",
                f"memory rule {rule.id} ({rule.topic}) left out of {self.model}'s AI prompt: the rules "
                "exceed the 2,000-character budget; shorten or remove some (forge memory list)",
            )
        return kept


def bind_rules(rules: list[Rule], spec: ModelSpec, *, report: bool = True) -> BoundRules:
    """The rules of ``spec``'s model, checked; stale and conflicting ones reported when ``report``."""
    mine = [r for r in rules if applies_to(r, spec.name)]
    stale = []
    fresh = []
    for rule in mine:
        reason = stale_reason(rule, spec)
        if reason is None:
            fresh.append(rule)
        else:
            stale.append(Stale(rule, spec.name, reason))
    clashes = conflicts(fresh)
    dropped = {c.second.id for c in clashes}
    active = tuple(r for r in fresh if r.id not in dropped)
    if report:
        _report(stale, clashes)
    bindings = tuple(_Binding(r, r.condition, _typed(r.then, spec)) for r in active if r.then)
    return BoundRules(spec.name, active, tuple(stale), tuple(clashes), bindings)


def _report(stale: list[Stale], clashes: list[Conflict]) -> None:
    for item in stale:
        MEMORY_NOTICES.warn(
            f"stale:{item.model}:{item.rule.id}",
            f"memory rule {item.rule.id} ({item.rule.topic}: {item.rule.text!r}) is stale: {item.reason}; "
            f"it is left out. Fix or remove it: forge memory remove {item.rule.topic} {item.rule.id}",
        )
    for clash in clashes:
        MEMORY_NOTICES.warn(
            f"conflict:{clash.first.id}:{clash.second.id}",
            f"memory rules conflict: {clash.describe()}; {clash.second.id} is left out",
        )


def _typed(then: dict[str, Any], spec: ModelSpec) -> dict[str, Any]:
    """Enum values as the enum's members (strict models accept nothing else)."""
    typed = {}
    for name, value in then.items():
        inner = spec.by_name[name].type.inner()
        members = [c for c in inner.choices if isinstance(c, enum.Enum) and c.value == value]
        typed[name] = members[0] if inner.kind == "enum" and members else value
    return typed


class RuleApplication:
    """One call's use of a model's rules: ``then`` values set on its records and kept through re-draws."""

    def __init__(self, bound: BoundRules, call_overrides: frozenset[str]) -> None:
        self.bound = bound
        self.call_overrides = call_overrides
        self._fired: dict[int, dict[str, Any]] = {}

    def apply(self, records: list[dict[str, Any]]) -> None:
        """Apply the rules to every record (the call's overrides win)."""
        if not self.bound.bindings:
            return
        for index, record in enumerate(records):
            for name in self.bound.apply(record, self.call_overrides):
                self._fired.setdefault(index, {})[name] = record[name]

    def restore(self, records: list[dict[str, Any]]) -> None:
        """Put back the values rules set, where a batch hook (the AI layer) wrote over them."""
        for index, fired in self._fired.items():
            records[index].update(fired)

    def held(self, index: int, overrides: dict[str, Override]) -> dict[str, Override]:
        """``overrides`` plus the rule-set fields of record ``index``: validation re-draws neither."""
        fired = self._fired.get(index)
        if not fired:
            return overrides
        return {**overrides, **{name: _constant(value) for name, value in fired.items()}}


def _constant(value: Any) -> Override:
    return lambda rng, record: value
