"""The values a call fixed for its records (``create(User, first_name="Ann")``), seen by record groups.

Overridden fields never draw, so a group (a person, a review, a product) would otherwise build
its draft without them: ``first_name="Ann"`` beside an email of someone else, ``rating=1`` beside
a glowing review. ``Forge`` opens :func:`fixing` around a call; its overrides report each value
they give (:func:`watched`), and a group making its draft reads :func:`fixed_for` the values that
belong to the record being drawn: constants always, a callable's value only when its field comes
before the field making the draft (fields are drawn in declaration order, so it is this record's).
"""

from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import random
    from collections.abc import Callable, Iterator, Mapping, Sequence

    Override = Callable[[random.Random, dict[str, Any]], Any]

__all__ = ["Fixed", "call_for", "current_call", "fixed_for", "fixing", "record_facts"]


@dataclass(slots=True)
class Fixed:
    """The overridden fields of one model in the running call and the last value each gave; and what
    each record's groups drew (its person, company, product), in record order, for the AI prompt."""

    positions: dict[str, int]
    constants: dict[str, Any] = field(default_factory=dict)
    latest: dict[str, Any] = field(default_factory=dict)
    #: group -> (describer, one drawn value per record made so far)
    drawn: dict[str, tuple[Callable[[Any], dict[str, Any]], list[Any]]] = field(default_factory=dict)

    def before(self, position: int) -> dict[str, Any]:
        """The values of this record seen from the field at ``position`` (declaration order)."""
        if not self.positions:
            return {}
        found = dict(self.constants)
        for name, value in self.latest.items():
            if self.positions[name] < position:
                found[name] = value
        return found

    def note(self, group: str, describe: Callable[[Any], dict[str, Any]], value: Any) -> None:
        """Remember what ``group`` drew for the record being made (read back by :func:`record_facts`)."""
        found = self.drawn.get(group)
        if found is None:
            found = self.drawn[group] = (describe, [])
        found[1].append(value)


_CALLS: contextvars.ContextVar[dict[Any, Fixed] | None] = contextvars.ContextVar("forge_fixed", default=None)


#: an object that changes with every call (None outside calls): a draft left half-read by one call
#: (its overridden members never drew) starts afresh in the next
current_call = _CALLS.get


def fixed_for(model: Any, position: int) -> dict[str, Any]:
    """The values the running call fixed for ``model``'s record, as seen from field ``position``."""
    found = call_for(model)
    return {} if found is None else found.before(position)


def call_for(model: Any) -> Fixed | None:
    """The running call's state for ``model`` (None outside ``Forge`` calls)."""
    calls = _CALLS.get()
    return None if calls is None else calls.get(model)


def record_facts(model: Any, count: int) -> list[dict[str, Any]] | None:
    """What each of the call's ``count`` records is about (``{"person": "Ann Ross", "job": ...}``),
    from the groups that drew once per record; None when no group did."""
    found = call_for(model)
    if found is None:
        return None
    facts: list[dict[str, Any]] = [{} for _ in range(count)]
    for describe, values in found.drawn.values():
        if len(values) != count:  # a group that did not draw for every record cannot be matched up
            continue
        for row, value in zip(facts, values, strict=True):
            row.update(describe(value))
    return facts if any(facts) else None


@contextlib.contextmanager
def fixing(
    model: Any, field_names: Sequence[str], raw: Mapping[str, Any], overrides: dict[str, Override]
) -> Iterator[dict[str, Override]]:
    """For the block: ``model``'s groups see the call's overrides; yields the overrides to draw with."""
    positions = {name: i for i, name in enumerate(field_names)}
    names = [name for name in overrides if name in positions]
    fixed = Fixed({name: positions[name] for name in names})
    watched = dict(overrides)
    for name in names:
        value = raw.get(name, overrides)
        drawn = value is overrides or callable(value) or getattr(value, "forge_draw", None) is not None
        if not drawn:
            fixed.constants[name] = value
        else:
            watched[name] = _watch(fixed, name, overrides[name])
    # a new mapping per call, even without overrides: drafts start afresh in every call (see current_call)
    token = _CALLS.set({**(_CALLS.get() or {}), model: fixed})
    try:
        yield watched
    finally:
        _CALLS.reset(token)


def _watch(fixed: Fixed, name: str, override: Override) -> Override:
    def drawn(rng: random.Random, record: dict[str, Any]) -> Any:
        value = override(rng, record)
        fixed.latest[name] = value
        return value

    return drawn
