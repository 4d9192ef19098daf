"""What one Forge knows about relations: models by name, blueprints, foreign keys, unique groups.

The Forge holds one :class:`RelationContext`. Its field hook gives foreign-key fields
their generator when a plan is compiled; :meth:`RelationContext.prepare` turns a
call's options (and the model's blueprint) into overrides and a
:class:`~pytest_forge.relations.calls.RelationCall`. A model with no foreign keys,
unique fields or blueprint pays nothing per record.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sys
import threading
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from pytest_forge.blueprints import BLUEPRINTS, BlueprintDefaults, BlueprintRegistry, read_defaults
from pytest_forge.errors import RelationError
from pytest_forge.field_tags import Children
from pytest_forge.generation.compiler import Compiled
from pytest_forge.generation.keys import is_primary_key
from pytest_forge.relations.auto_parents import GenerateFk, ParentCycle, ParentRule
from pytest_forge.relations.batch_parents import batch_self_links
from pytest_forge.relations.calls import PLAIN_CALL, RelationCall, build_call
from pytest_forge.relations.foreign_keys import FieldLink, links_of, snake_case
from pytest_forge.relations.unique import UniqueGroup, unique_fields, unique_group

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytest_forge.blueprints import Blueprint
    from pytest_forge.generation.options import CallOptions, GenerationOptions
    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.relations.registry import Registry
    from pytest_forge.spec import FieldSpec, ModelSpec

__all__ = ["ModelRelations", "RelationContext"]


@dataclass(frozen=True, slots=True)
class ModelRelations:
    """A model's foreign keys, unique fields and primary keys, read once from its description."""

    links: dict[str, FieldLink]
    #: every name that designates a foreign-key field in paths (``author`` and ``author_id``) → field
    names: dict[str, str]
    unique: tuple[tuple[str, ...], ...]
    keys: frozenset[str]
    #: one-to-many fields (``Children`` tags): ``orders=3`` makes three children per record
    children: dict[str, Children] = dataclasses.field(default_factory=dict)
    #: optional references to the model itself (later records of a batch point at earlier ones)
    self_links: tuple[FieldLink, ...] = ()

    def touched_by(self, overrides: dict[str, Any]) -> bool:
        """True when overrides set a primary key, go through a foreign key (``author__name``) or ask
        for children."""
        return any(
            k in self.keys or k in self.children or k.partition("__")[0] in self.names for k in overrides
        )


class RecordMaker(Protocol):
    """What relations need from the façade: make one record of a model (a parent is a record too)."""

    def create(self, model: Any, **kwargs: Any) -> Any: ...

    def create_batch(self, model: Any, count: int = 10, **kwargs: Any) -> list[Any]: ...


class RelationContext:
    """The relation state of one Forge (classes seen, blueprints, per-model relation facts).

    It holds no Forge: ``maker`` makes parents, ``registry()`` is the running call's registry.
    """

    def __init__(
        self, maker: RecordMaker, registry: Callable[[], Registry], options: GenerationOptions
    ) -> None:
        #: makes parent records, and is handed to blueprints (``Blueprint.forge``)
        self.maker = maker
        self._registry = registry
        self._options = options
        #: this Forge's own blueprints (looked up before the process-wide ones)
        self.blueprints = BlueprintRegistry()
        self._hooked: BlueprintRegistry | None = None
        self._classes: dict[str, Any] = {}
        self._snakes: dict[str, str] = {}
        self._infos: dict[Any, ModelRelations] = {}
        self._defaults: dict[tuple[Any, Any], BlueprintDefaults] = {}
        self._rules: dict[tuple[Any, str], ParentRule] = {}
        self._groups: dict[tuple[Any, tuple[str, ...]], UniqueGroup] = {}
        self._local = threading.local()
        #: per registry, the models whose stored rows were offered as parents
        self._offered: weakref.WeakKeyDictionary[Registry, set[str]] = weakref.WeakKeyDictionary()
        #: the last registry asked about and its set (a weak dictionary makes a new reference per lookup)
        self._last_offered: tuple[weakref.ref[Registry], set[str]] | None = None

    def inherit(self, parent: RelationContext) -> None:
        """Fall back on another Forge's blueprints (a test's Forge on the session's)."""
        self.blueprints.parent = parent.blueprints

    @property
    def registry(self) -> Registry:
        """The running call's registry (a stream records into its own; the plugin sets one per test)."""
        return self._registry()

    def none_p(self) -> float:
        """The chance an optional foreign key stays None (the Forge's, or the call's)."""
        return self._options.none_p

    def parents_per_child(self) -> float:
        """The share of children given a new parent while a batch makes its own parents."""
        return self._options.parents_per_child

    # -- compile time ---------------------------------------------------------------------
    def field_hook(
        self, spec: ModelSpec, field: FieldSpec, compiled: Compiled, path: tuple[str, ...]
    ) -> Compiled | None:
        """A plan-compile hook: foreign-key fields draw their parent's key."""
        info = self.info(spec)
        link = info.links.get(field.name)
        if link is None:
            return None
        rule = ParentRule(
            link,
            self,
            compiled.gen,
            create=link.one_to_one or _unique_by_parents(info, link),
            accept=link.accept,
            values=dict(link.values),
        )
        if len(path) == 2:
            self._rules[(spec.model, field.name)] = rule
        if link.conventional:  # a key only once its model is known: keep the field's own provenance
            return Compiled(rule.draw, compiled.source, compiled.tier)
        return Compiled(rule.draw, "relation.parent", "structural")

    def info(self, spec: ModelSpec) -> ModelRelations:
        """The relation facts of a model (computed once)."""
        found = self._infos.get(spec.model)
        if found is None:
            links = links_of(spec)
            names = {name: field for field, link in links.items() for name in link.names()}
            keys = frozenset(f.name for f in spec.fields if is_primary_key(f))
            children = {f.name: tag for f in spec.fields if isinstance(tag := f.tag(Children), Children)}
            found = ModelRelations(links, names, unique_fields(spec), keys, children, batch_self_links(links))
            self.remember(spec.model)
            for link in links.values():
                if isinstance(link.target, type):
                    self.remember(link.target)
            self._infos[spec.model] = found
        return found

    def remember(self, model: Any) -> None:
        """Know a model class by its name (for ``ForeignKey("Name")`` and ``<name>_id`` fields)."""
        name = getattr(model, "__name__", None)
        if isinstance(name, str) and name not in self._classes:
            self._classes[name] = model
            self._snakes[snake_case(name)] = name

    def default_rule(self, model: Any, field: str) -> ParentRule:
        """The rule the plan compiled for a top-level foreign-key field."""
        return self._rules[(model, field)]

    def unique_groups(self, spec: ModelSpec, groups: tuple[tuple[str, ...], ...]) -> tuple[UniqueGroup, ...]:
        """Checked unique groups of a model (each measured once)."""
        made = []
        for names in dict.fromkeys(groups):
            key = (spec.model, names)
            if key not in self._groups:
                self._groups[key] = unique_group(spec, names)
            made.append(self._groups[key])
        return tuple(made)

    # -- call time ------------------------------------------------------------------------
    def prepare(self, plan: ModelPlan, options: CallOptions) -> tuple[CallOptions, RelationCall]:
        """The call's options with blueprint values and relation rules merged in, and its extra steps."""
        info = self.info(plan.spec)
        if (
            not options.relational
            and not info.unique
            and not info.self_links
            and self.find_blueprint(plan.spec.model) is None
            and not (options.overrides and info.touched_by(options.overrides))
        ):
            return options, PLAIN_CALL
        return build_call(self, plan, info, options)

    def find_blueprint(self, model: Any) -> type[Blueprint] | None:
        """This Forge's blueprint of ``model``, else the process-wide one, else a plugin's."""
        return self.blueprints.find(model) or BLUEPRINTS.find(model) or self._hook_blueprints().find(model)

    def defaults(self, spec: ModelSpec) -> BlueprintDefaults | None:
        """What the model's blueprint contributes (read once per blueprint)."""
        bp = self.find_blueprint(spec.model)
        if bp is None:
            return None
        key = (bp, spec.model)
        if key not in self._defaults:
            self._defaults[key] = read_defaults(bp, spec.model, set(spec.by_name))
        return self._defaults[key]

    def _hook_blueprints(self) -> BlueprintRegistry:
        if self._hooked is None:
            from pytest_forge.extensions import plugin_manager

            hooked = BlueprintRegistry()
            for found in plugin_manager().hook.forge_blueprints():
                for bp in found or ():
                    hooked.register(bp)
            self._hooked = hooked
        return self._hooked

    def _blueprint_model(self, name: str) -> Any:
        for book in (self.blueprints, BLUEPRINTS, self._hook_blueprints()):
            model = book.find_name(name)
            if model is not None:
                return model
        return None

    # -- drawing ----------------------------------------------------------------------------
    def target_of(self, link: FieldLink) -> str | None:
        """The model a link points at, or None for a ``<model>_id`` field whose model is not known."""
        if not link.conventional:
            return link.target_name
        name = self._snakes.get(link.snake, link.target_name)
        if self.registry.known(name) or self._blueprint_model(name) is not None:
            return name
        return None

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
                f"({cycle}): these foreign keys form a cycle; make one optional or create a {target} first",
                model=link.model_name,
                field=link.field,
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

    def resolve(self, name: str, link: FieldLink) -> Any:
        """The class called ``name``: seen here, blueprinted, in the owner's module, or registered."""
        if isinstance(link.target, type):
            return link.target
        found = self._classes.get(name) or self._blueprint_model(name) or _module_class(link.owner, name)
        if found is None and self.registry.size(name):
            found = type(self.registry.record_at(name, 0))
        if found is None:
            raise RelationError(
                f"{link.model_name}.{link.field} points at {name}, but no model class of that name is known; "
                f"pass the class itself (ForeignKey({name})) or create a {name} first",
                model=link.model_name,
                field=link.field,
            )
        self.remember(found)
        return found


def _unique_by_parents(info: ModelRelations, link: FieldLink) -> bool:
    """True when the key is in a unique group made only of foreign keys (a one-to-one, an association
    row): such a key gets a new parent each time, since a taken combination could never be chosen."""
    if link.many or link.conventional:
        return False
    links = info.links
    return any(
        link.field in group and all(n in links and not links[n].conventional for n in group)
        for group in info.unique
    )


def _module_class(owner: Any, name: str) -> Any:
    module = sys.modules.get(getattr(owner, "__module__", ""))
    found = getattr(module, name, None) if module is not None else None
    return found if isinstance(found, type) else None
