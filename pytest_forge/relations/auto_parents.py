"""Filling a foreign key: pick a registered parent with the field's stream, or make one.

A :class:`ParentRule` is what one field does in one call: the plan holds a default rule
per foreign-key field (pick an existing parent; make one when none exists), and a call
with ``generate_fk``, ``fk_filter``, ``generate_m2m`` or ``author__name=...`` replaces it
by a rule of its own, given as a named generator (``forge_draw``) among the overrides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import RelationError
from pytest_forge.field_tags import LATER, RECORD
from pytest_forge.relations.foreign_keys import key_of

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from pytest_forge.generation.compiler import Gen
    from pytest_forge.relations.context import RelationContext
    from pytest_forge.relations.foreign_keys import FieldLink

__all__ = ["GenerateFk", "ParentCycle", "ParentRule", "why_not_later"]

#: ``generate_fk``: True for every key (and the parents' keys), or field paths, or None/False
GenerateFk = bool | tuple[str, ...] | None


class ParentCycle(RelationError):
    """A new parent would need a new record of a model being made already (required keys in a cycle)."""

    def __init__(self, message: str, *, link: FieldLink, target: str) -> None:
        super().__init__(message, model=link.model_name, field=link.field)
        #: the key that met the cycle, and the model being made that it needs a new record of
        self.link, self.target = link, target


class _NoSelf(RelationError):
    """A required self reference with no record to point at (a RelationError to the caller)."""


def why_not_later(link: FieldLink) -> str:
    """Why the key cannot be left empty until its parent is saved (relations/cycle_closing.py)."""
    if not link.null_column:
        return " (its database column does not accept NULL, so it cannot be set after saving either)"
    return " (its column accepts NULL, but this model kind cannot set keys after saving)"


@dataclass(slots=True)
class ParentRule:
    """How one foreign-key field gets its value in one call."""

    link: FieldLink
    context: RelationContext
    #: the field's ordinary generator, for a ``<model>_id`` field whose model is not known
    fallback: Gen
    #: make a new parent for every record (generate_fk names this field)
    create: bool = False
    #: the ``generate_fk`` given to the parents this rule makes
    deep: GenerateFk = None
    #: field values for the parents this rule makes (from ``author__name=...``)
    values: dict[str, Any] = field(default_factory=dict)
    #: which registered parents may be chosen (fk_filter)
    accept: Callable[[Any], bool] | None = None
    #: how many parents a many-to-many field gets (generate_m2m)
    count: tuple[int, int] | None = None
    #: False with ``generate_fk=False``: a missing parent is an error, not made
    may_create: bool = True
    #: True once this rule had to make a parent itself: the batch spreads over new parents from then on
    _making: bool = False
    _cached: tuple[int, int, str] = (0, -1, "")
    _pool: list[Any] = field(default_factory=list)
    #: parents made ahead for the running batch (``make_ahead``), taken from the end
    _ahead: list[Any] = field(default_factory=list)
    #: True while the running batch found that a new parent closes a cycle (this key stays None)
    _cycle: bool = False

    def make_ahead(self, count: int) -> None:
        """Make the ``count`` new parents a batch will take, in one call (a rule that makes new ones)."""
        target = self.context.target_of(self.link)
        if target is None or not self._makes_new(target):
            return
        try:
            made = self.context.create_parent(self.link, target, self.values, self.deep, count)
        except ParentCycle:
            if not self.link.optional:
                if self.context.closes_later(self.link):
                    return  # each record meets the cycle as it is drawn, and leaves the key for later
                raise
            self._cycle = True  # the batch's records leave this key None (see _make_unless_cycle)
            return
        self._ahead = list(reversed(made))

    def drop_ahead(self) -> None:
        """Forget parents the batch did not take (they are saved and registered like any other)."""
        self._ahead = []
        self._cycle = False

    def forge_draw(self, rng: random.Random, record: dict[str, Any], state: dict[str, Any]) -> Any:
        return self.draw(rng)

    def draw(self, rng: random.Random) -> Any:
        """The key (or keys) this field gets for one record."""
        link = self.link
        target = self.context.target_of(link)
        if target is None:
            if self.create:
                raise self._unknown()
            return self.fallback(rng)
        if link.key == RECORD and not self._makes_new(target):
            self.context.offer_stored(target, link)
        if link.many:
            return link.collect([key_of(p, link) for p in self._many(target, rng)])
        if self._makes_new(target):
            made = self._make_unless_cycle(target)
            return None if made is None else self._key(made, rng)
        if self.create and self.context.creating(target):
            # a new parent would close a cycle (and a one-to-one's old ones are taken): None, or LATER
            if link.optional:
                return None
            if self.context.closes_later(link):
                return self.context.later(link)
        if link.optional and rng.random() < self.context.none_p():
            return None
        if self._making and rng.random() < self.context.parents_per_child() and self._can_make(target):
            made = self._make_unless_cycle(target)  # like real data: a few children per parent
            return None if made is None else self._key(made, rng)
        if (
            self.context.fresh_parents_of() == link.model_name
            and self.accept is None
            and self._can_make(target)
        ):
            made = self._make_unless_cycle(target)  # re-drawn after whole-model refusals: a new parent
            return None if made is None else self._key(made, rng)
        parent = self._pick(target, rng)
        if parent is not None:
            return self._key(parent, rng)
        if link.optional:
            return self._fill(target, rng) if self.context.filling() else None
        self._making = True
        return self._key(self._make_or_later(target), rng)

    def _key(self, parent: Any, rng: random.Random) -> Any:
        if parent is LATER:
            return parent
        if self.link.conventional and not _has_field(parent, self.link.key):
            return self.fallback(rng)  # a <model>_id field of a model without that key: an ordinary value
        key = key_of(parent, self.link)
        expected = self.link.key_type
        if expected is not None and not isinstance(key, expected):
            return self.fallback(rng)  # a <model>_id field whose type is not that model's key type
        return key

    def _makes_new(self, target: str) -> bool:
        # self references and cycles never make new parents: they would recurse without end
        return self.create and target != self.link.model_name and not self.context.creating(target)

    def _pick(self, target: str, rng: random.Random) -> Any:
        if self.accept is None:
            registry = self.context.registry
            size = registry.size(target)
            return registry.record_at(target, int(rng.random() * size)) if size else None
        pool = self._candidates(target)
        return pool[int(rng.random() * len(pool))] if pool else None

    def _candidates(self, target: str) -> list[Any]:
        """Registered parents that pass the filter (recomputed only when the registry grew)."""
        registry = self.context.registry
        stamp = (id(registry), registry.size(target), target)
        if stamp != self._cached:
            records = registry.records(target)
            accept = self.accept
            self._pool = records if accept is None else [r for r in records if accept(r)]
            self._cached = stamp
        return self._pool

    def _fill(self, target: str, rng: random.Random) -> Any:
        """An optional key a refusal needs set (kept by a re-draw) with no parent to pick: a new parent
        (django-celery-beat's ``PeriodicTask`` wants one of its schedule keys, whose tables may be
        empty); None where the rule may not make one (``generate_fk=False``, a self reference, a cycle)
        or fk_filter refuses the new one."""
        if not self._can_make(target):
            return None
        try:
            made = self.context.create_parent(self.link, target, self.values, self.deep)
        except ParentCycle:
            return None
        return self._key(made, rng) if self.accept is None or self.accept(made) else None

    def _make_unless_cycle(self, target: str) -> Any:
        """A new parent; an optional key whose new parent would need a new record of a model being
        made (wagtail's ``WorkflowState.current_task_state`` → ``TaskState.workflow_state``) is None; a
        required one whose column accepts NULL is LATER (relations/cycle_closing.py)."""
        if not self.link.optional:
            return self._make_or_later(target, False)
        if self._cycle:
            return None
        try:
            return self._make(target)
        except ParentCycle:
            return None

    def _many(self, target: str, rng: random.Random) -> list[Any]:
        low, high = self.count or self.link.length
        wanted = low if low == high else rng.randint(low, high)
        if self._makes_new(target):
            return [self._make(target) for _ in range(wanted)]
        pool = self._candidates(target)
        if len(pool) < wanted and self._can_make(target):
            for _ in range(wanted - len(pool)):
                self._make(target)
            pool = self._candidates(target)
        if len(pool) < low:
            raise self._missing(target, f"{low} distinct {target} records are needed, {len(pool)} exist")
        return rng.sample(pool, min(wanted, len(pool)))

    def _can_make(self, target: str) -> bool:
        return self.may_create and target != self.link.model_name and not self.context.creating(target)

    def _make_or_later(self, target: str, missing: bool = True) -> Any:
        """A new parent; LATER where the key closes a cycle (or is a required self reference with no
        row to point at) and can be set once its parent is saved."""
        try:
            return self._make(target, missing)
        except _NoSelf:
            if self.context.closes_later(self.link):
                return self.context.later(self.link)
            raise
        except ParentCycle as cycle:
            if not self.context.closes_later(self.link):
                raise
            if cycle.link is self.link:
                return self.context.later(self.link)  # set to the row of the cycle's start, once saved
            back = cycle.link
            if back.model_name != target or cycle.target != self.link.model_name or back.many:
                raise  # a longer cycle whose keys back to this model are NOT NULL
            return self.context.later(self.link, back.field)  # a new parent made after this row is saved

    def _make(self, target: str, missing: bool = False) -> Any:
        link = self.link
        if missing and target == link.model_name:
            raise _NoSelf(
                f"{link.model_name}.{link.field} is a required reference to {target} itself and no {target} "
                f"exists to point at{why_not_later(link)}; make it optional (roots get None) or make the "
                f"first one with {link.field}=...",
                model=link.model_name,
                field=link.field,
            )
        if missing and not self.may_create:
            raise self._missing(target, f"no {target} exists to point at")
        if self._ahead and not missing:
            parent = self._ahead.pop()
        else:
            parent = self.context.create_parent(link, target, self.values, self.deep)
        if self.accept is not None and not self.accept(parent):
            raise self._missing(target, f"a new {target} was made but fk_filter refuses it too")
        return parent

    def _missing(self, target: str, why: str) -> RelationError:
        link = self.link
        filtered = " that fk_filter accepts" if self.accept is not None else ""
        hint = "create one first" if not self.may_create else "create one that it accepts first"
        if not self.may_create:
            hint += ", or drop generate_fk=False to let the Forge make one"
        return RelationError(
            f"{link.model_name}.{link.field} needs a {target}{filtered}: {why}; {hint}",
            model=link.model_name,
            field=link.field,
        )

    def _unknown(self) -> RelationError:
        link = self.link
        return RelationError(
            f"{link.model_name}.{link.field} is named like a key of {link.target_name}, but no model of that "
            f"name is known to this Forge; tag it Annotated[..., ForeignKey({link.target_name})]",
            model=link.model_name,
            field=link.field,
        )


def _has_field(parent: Any, name: str) -> bool:
    return name in parent if isinstance(parent, dict) else hasattr(parent, name)
