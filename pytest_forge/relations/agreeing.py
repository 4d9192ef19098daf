"""Two parents that must agree, made to agree only after the row was refused as a whole.

A row X with keys ``a`` → A and ``b`` → B, where B has a key ``back`` → A, may need its B to belong to
its A: django-organizations' ``OrganizationOwner`` (``organization``, and ``organization_user`` whose
``organization`` must be the same) raises from its ``save()`` otherwise. Nothing in the schema says
so, and most such shapes need no agreement (a review's ``author`` and its product's ``owner``), so
this runs only after the row's own validation or ``save()`` refused it as a whole, and only while the
two disagree: B is made again with ``back`` set to the row's A (what factory_boy users write by hand,
``SubFactory(BFactory, a=SelfAttribute("..a"))``). A given value, ``generate_fk=False``, a value given
for ``b__back``, a cycle or an fk_filter refusing the new parent leave the row as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.field_tags import RECORD
from pytest_forge.relations.auto_parents import ParentCycle, ParentRule

if TYPE_CHECKING:
    from pytest_forge.relations.context import RelationContext
    from pytest_forge.relations.foreign_keys import FieldLink
    from pytest_forge.spec import ModelSpec

__all__ = ["Agreement", "ParentsAgreeing", "agreeing"]


@dataclass(frozen=True, slots=True, eq=False)
class Agreement:
    """``shared`` (X → A), ``through`` (X → B) and B's ``back`` key (B → A); compared by identity."""

    shared: str
    through: FieldLink
    back: str


class ParentsAgreeing:
    """The mend of one call (generation/builder.py ``Mend``): remake ``b``'s parent to share ``a``'s."""

    __slots__ = ("_agreements", "_context", "_given", "_refused", "_rules", "_spec", "_tried")

    def __init__(
        self, context: RelationContext, spec: ModelSpec, rules: dict[str, Any], given: frozenset[str]
    ) -> None:
        self._context, self._spec, self._given = context, spec, given
        #: the call's own foreign-key rules (the plan's default ones for the other keys)
        self._rules = rules
        self._agreements: tuple[Agreement, ...] | None = None  # found at the first refusal
        #: the record last mended, with the parents its mend replaced (made, then the one drawn)
        self._tried: tuple[dict[str, Any], dict[Agreement, tuple[Any, Any]]] | None = None
        #: agreements that did not help once: not tried again in this call
        self._refused: set[Agreement] = set()

    def __call__(self, record: dict[str, Any]) -> None:
        """Mend a record its model refused as a whole; refused again right after, it gets its drawn
        parents back (the agreement was not what the model wanted: oscar's "you cannot vote on your
        own reviews" wants the opposite) and the call tries that agreement no more."""
        tried, self._tried = self._tried, None
        if tried is not None and tried[0] is record:
            for agreement, (made, drawn) in tried[1].items():
                self._refused.add(agreement)
                if record.get(agreement.through.field) is made:
                    record[agreement.through.field] = drawn
            return
        if self._agreements is None:
            self._agreements = agreements(self._context, self._spec)
        replaced = {}
        for agreement in self._agreements:
            through = agreement.through
            if through.field in self._given or agreement in self._refused:
                continue
            shared, parent = record.get(agreement.shared), record.get(through.field)
            if shared is None or parent is None or _same(getattr(parent, agreement.back, None), shared):
                continue
            made = self._remade(agreement, shared)
            if made is not None:
                record[through.field] = made
                replaced[agreement] = (made, parent)
        if replaced:
            self._tried = (record, replaced)

    def _remade(self, agreement: Agreement, shared: Any) -> Any:
        through = agreement.through
        rule = self._rules.get(through.field)
        if not isinstance(rule, ParentRule):
            try:
                rule = self._context.default_rule(self._spec.model, through.field)
            except KeyError:  # a nested model's key: no rule of its own to follow
                return None
        if not rule.may_create or agreement.back in rule.values:
            return None
        values = {**rule.values, agreement.back: shared}
        try:
            made = self._context.create_parent(through, through.target_name, values, rule.deep)
        except ParentCycle:
            return None
        return made if rule.accept is None or rule.accept(made) else None


def agreeing(
    context: RelationContext, spec: ModelSpec, links: dict[str, FieldLink], overrides: dict[str, Any]
) -> ParentsAgreeing | None:
    """The call's mend, for a model with two keys to parent records or more (``overrides``: the call's,
    its foreign-key rules among them)."""
    if sum(_to_record(link) for link in links.values()) < 2:
        return None
    given = frozenset(name for name, value in overrides.items() if not isinstance(value, ParentRule))
    return ParentsAgreeing(context, spec, overrides, given)


def agreements(context: RelationContext, spec: ModelSpec) -> tuple[Agreement, ...]:
    """Each pair of the model's keys to parent records (``a`` → A, ``b`` → B) where B has a key to A."""
    from pytest_forge.adapters import model_spec

    links = [link for link in context.info(spec).links.values() if _to_record(link)]
    found = []
    for through in links:
        if through.self_ref:
            continue
        backs = [back for back in context.info(model_spec(through.target)).links.values() if _to_record(back)]
        for shared in links:
            for back in backs:
                if shared is not through and back.target is shared.target:
                    found.append(Agreement(shared.field, through, back.field))
    return tuple(found)


def _to_record(link: FieldLink) -> bool:
    return link.key == RECORD and not link.many and isinstance(link.target, type)


def _same(left: Any, right: Any) -> bool:
    return left is right or bool(left == right)
