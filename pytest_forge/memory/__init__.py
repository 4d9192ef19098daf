"""ForgeMemory: domain rules kept in the repository (``.forge/``), read again on every call.

``forge.memory.add_rule("user", "Users under 18 get restricted account type", when="age < 18",
then={"account_type": "restricted"})`` writes the rule to ``.forge/topics/user.md``; every later
``create`` of ``User`` puts its text in AI prompts and applies ``then`` wherever ``when`` holds.
The directory is ``Forge(memory_dir=...)``, else ``$FORGE_MEMORY_DIR``, else ``.forge`` in the
pytest rootdir (under pytest) or the current directory. See docs/memory-and-coverage.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import UsageError
from pytest_forge.flags import is_enabled
from pytest_forge.memory.binding import BoundRules, bind_rules
from pytest_forge.memory.notices import ForgeMemoryWarning
from pytest_forge.memory.rules import Rule, check_topic, make_rule
from pytest_forge.memory.store import RuleStore

if TYPE_CHECKING:
    from pytest_forge.spec import ModelSpec

__all__ = ["MEMORY_DIR_VARIABLE", "ForgeMemory", "ForgeMemoryWarning", "Rule"]

MEMORY_DIR_VARIABLE = "FORGE_MEMORY_DIR"


class ForgeMemory:
    """The domain rules of one Forge (``forge.memory``)."""

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self._explicit = None if directory is None else Path(directory)
        #: where ``.forge`` goes when neither memory_dir nor FORGE_MEMORY_DIR says (the plugin: rootdir)
        self.default_root: Path | None = None
        self._stores: dict[tuple[str | None, Path | None, str | None], RuleStore] = {}
        self._bound: dict[tuple[Any, str, tuple[Any, ...]], BoundRules] = {}

    @property
    def directory(self) -> Path:
        """The memory directory now (FORGE_MEMORY_DIR is read on each use)."""
        if self._explicit is not None:
            return self._explicit
        from_env = os.environ.get(MEMORY_DIR_VARIABLE)
        if from_env:
            return Path(from_env)
        return (self.default_root or Path.cwd()) / ".forge"

    def _store(self) -> RuleStore:
        cwd = None if self._explicit is not None or self.default_root is not None else os.getcwd()
        key = (os.environ.get(MEMORY_DIR_VARIABLE), self.default_root, cwd)  # what the directory depends on
        store = self._stores.get(key)
        if store is None:
            store = self._stores[key] = RuleStore(self.directory.absolute())
        return store

    def add_rule(
        self,
        topic: str,
        text: str,
        *,
        when: str | None = None,
        then: dict[str, Any] | None = None,
        models: list[str] | tuple[str, ...] | None = None,
    ) -> Rule:
        """Store a rule (the same rule twice is kept once) and return it."""
        names = tuple(models or ())
        if not all(isinstance(m, str) and m.isidentifier() for m in names):
            raise UsageError(f"add_rule({topic!r}, models={models!r}): models are class names such as 'Loan'")
        rule = make_rule(topic, text, when, then, names)

        def add(rules: list[Rule]) -> list[Rule]:
            return rules if any(r.id == rule.id for r in rules) else [*rules, rule]

        self._store().update(topic, add)
        return rule

    def rules(self, topic: str | None = None) -> list[Rule]:
        """Every stored rule, or a topic's, as the files say now."""
        found = self._store().read()
        return found if topic is None else [r for r in found if r.topic == check_topic(topic)]

    def remove_rule(self, topic: str, rule_id: str) -> Rule:
        """Delete a rule; a UsageError listing the topic's rule ids when there is no such rule."""
        removed: list[Rule] = []

        def remove(rules: list[Rule]) -> list[Rule]:
            removed.extend(r for r in rules if r.id == rule_id)
            return [r for r in rules if r.id != rule_id]

        self._store().update(check_topic(topic), remove)
        if not removed:
            known = ", ".join(r.id for r in self.rules(topic)) or "none"
            raise UsageError(f"memory topic {topic!r} has no rule {rule_id!r} (its rules: {known})")
        return removed[0]

    def bind(self, spec: ModelSpec, *, report: bool = True) -> BoundRules:
        """The rules binding ``spec``'s model now (files re-read), stale and conflicting ones left out."""
        if not is_enabled("memory"):
            return bind_rules([], spec, report=report)
        version, rules = self._store().snapshot()
        key = (spec.model, spec.name, version)
        bound = self._bound.get(key) if report else None
        if bound is None:
            bound = bind_rules(rules, spec, report=report)
            if report:
                if len(self._bound) > 256:
                    self._bound.clear()
                self._bound[key] = bound
        return bound

    def check(self, model: Any) -> BoundRules:
        """``model``'s rules checked, without warnings: ``.stale``, ``.conflicts``, ``.active``."""
        from pytest_forge.adapters import model_spec

        return self.bind(model_spec(model), report=False)

    def __repr__(self) -> str:
        return f"ForgeMemory({str(self.directory)!r})"
