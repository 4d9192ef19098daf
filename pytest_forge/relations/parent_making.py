"""Making parents while drawing: the rows a database already holds offered as parents, new parents made
ahead for a batch, and cycles of required keys refused (a mixin of
:class:`~pytest_forge.relations.context.RelationContext`)."""

from __future__ import annotations

import contextlib
import weakref
from typing import TYPE_CHECKING, Any

from pytest_forge.relations.auto_parents import GenerateFk, ParentCycle, ParentRule, why_not_later

if TYPE_CHECKING:
    import threading
    from collections.abc import Iterator

    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.relations.context import ModelRelations, RecordMaker
    from pytest_forge.relations.foreign_keys import FieldLink
    from pytest_forge.relations.registry import Registry
    from pytest_forge.spec import ModelSpec

__all__ = ["ParentMaking"]


class ParentMaking:
    """Parents for foreign keys: stored rows offered once per registry, new ones made (ahead for a batch)."""

    if TYPE_CHECKING:  # set and defined by RelationContext
        _rules: dict[tuple[Any, str], ParentRule]
        _local: threading.local
        _offered: weakref.WeakKeyDictionary[Registry, set[str]]
        _last_offered: tuple[weakref.ref[Registry], set[str]] | None

        @property
        def registry(self) -> Registry: ...

        @property
        def maker(self) -> RecordMaker: ...

        def info(self, spec: ModelSpec) -> ModelRelations: ...

        def resolve(self, name: str, link: FieldLink) -> Any: ...

    def forget_offers(self, registry: Registry) -> None:
        """Offer stored rows again (a rolled-back call took the ones it offered out of ``registry``)."""
        self._offered.pop(registry, None)
        self._last_offered = None

    def offer_stored(self, target: str, link: FieldLink) -> None:
        """Register the rows the target's database already holds as candidate parents (once per registry;
        never inside ``forge.build``, which does not touch the database)."""
        from pytest_forge.spec import building

        registry = self.registry
        last = self._last_offered
        if last is not None and last[0]() is registry:
            offered = last[1]
        else:
            offered = self._offered.setdefault(registry, set())
            self._last_offered = (weakref.ref(registry), offered)
        if target in offered or building() or not isinstance(link.target, type):
            return
        offered.add(target)
        from pytest_forge.adapters import model_spec

        storage = model_spec(link.target).storage
        if storage is not None and storage.existing is not None:
            stored = storage.existing(registry.records(target))
            if stored:
                registry.add(target, stored)

    @contextlib.contextmanager
    def parents_ahead(self, plan: ModelPlan, overrides: dict[str, Any], count: int) -> Iterator[None]:
        """A batch whose foreign keys each make a new parent per record gets them in one call per
        key, made before its records are drawn (one call for ``count`` parents costs far less than
        ``count`` calls); a lone record makes its parent as it is drawn."""
        rules = [] if count < 2 else self._new_parent_rules(plan, overrides)
        try:
            for rule in rules:
                rule.make_ahead(count)
            yield
        finally:
            for rule in rules:
                rule.drop_ahead()

    def _new_parent_rules(self, plan: ModelPlan, overrides: dict[str, Any]) -> list[ParentRule]:
        found = []
        for name, link in self.info(plan.spec).links.items():
            rule = overrides.get(name)
            if name not in overrides and (plan.spec.model, name) in self._rules:
                rule = self._rules[(plan.spec.model, name)]
            if isinstance(rule, ParentRule) and rule.create and not link.many:
                found.append(rule)
        return found

    def creating(self, model_name: str) -> bool:
        """True while this thread is making records of ``model_name`` for a foreign key."""
        return model_name in self._chain()

    def create_parent(
        self, link: FieldLink, target: str, values: dict[str, Any], deep: GenerateFk, count: int = 0
    ) -> Any:
        """Make one parent (``count``: a list of that many, in one call) with its blueprint, refusing
        cycles of required keys."""
        chain = self._chain()
        if target in chain:
            cycle = " → ".join([*chain[chain.index(target) :], target])
            raise ParentCycle(
                f"{link.model_name}.{link.field} needs a new {target} while a {target} is being made "
                f"({cycle}): these foreign keys form a cycle{why_not_later(link)}; make one optional, let "
                f"its column accept NULL (Django: null=True) to close the cycle after saving, or create a "
                f"{target} first",
                link=link,
                target=target,
            )
        model = self.resolve(target, link)
        pushed = [name for name in dict.fromkeys((link.model_name, target)) if name not in chain]
        chain.extend(pushed)
        try:
            if count:
                return self.maker.create_batch(model, count, generate_fk=deep, field_values=values)
            return self.maker.create(model, generate_fk=deep, field_values=values)
        finally:
            del chain[len(chain) - len(pushed) :]

    def _chain(self) -> list[str]:
        chain: list[str] | None = getattr(self._local, "chain", None)
        if chain is None:
            chain = self._local.chain = []
        return chain
