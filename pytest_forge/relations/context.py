"""What one Forge knows about relations: models by name, blueprints, foreign keys, unique groups.

The Forge holds one :class:`RelationContext`. Its field hook gives foreign-key fields
their generator when a plan is compiled; :meth:`RelationContext.prepare` turns a
call's options (and the model's blueprint) into overrides and a
:class:`~pytest_forge.relations.calls.RelationCall`. A model with no foreign keys,
unique fields or blueprint pays nothing per record. Which blueprint applies
(relations/blueprint_lookup.py), how parents are made (relations/parent_making.py) and how
cycles of required keys are closed after saving (relations/cycle_closing.py) are its mixins.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from pytest_forge.blueprints import BlueprintDefaults, BlueprintRegistry
from pytest_forge.errors import RelationError
from pytest_forge.field_tags import Children
from pytest_forge.generation.compiler import Compiled
from pytest_forge.generation.keys import is_primary_key
from pytest_forge.generation.weak_calls import weak_owner
from pytest_forge.relations.agreeing import agreeing
from pytest_forge.relations.auto_parents import ParentRule
from pytest_forge.relations.batch_parents import batch_self_links
from pytest_forge.relations.blueprint_lookup import BlueprintLookup
from pytest_forge.relations.calls import PLAIN_CALL, RelationCall, build_call
from pytest_forge.relations.cycle_closing import CycleClosing
from pytest_forge.relations.foreign_keys import FieldLink, links_of, snake_case
from pytest_forge.relations.parent_making import ParentMaking
from pytest_forge.relations.unique import UniqueGroup, unique_fields, unique_group

if TYPE_CHECKING:
    from collections.abc import Callable

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


class RelationContext(BlueprintLookup, ParentMaking, CycleClosing):
    """The relation state of one Forge (classes seen, blueprints, per-model relation facts).

    It holds no Forge: ``maker`` makes parents, ``registry()`` is the running call's registry.
    """

    def __init__(
        self, maker: RecordMaker, registry: Callable[[], Registry], options: GenerationOptions
    ) -> None:
        self._maker = weak_owner(maker)  # held weakly: the Forge holds this context
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

    @property
    def maker(self) -> RecordMaker:
        """Makes parent records, and is handed to blueprints (``Blueprint.forge``)."""
        return self._maker()  # type: ignore[no-any-return]

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

    def filling(self) -> bool:
        """True while a re-draw fills a field a refusal needs set (an optional key then makes a parent
        when none exists)."""
        return self._options.filling

    def fresh_parents_of(self) -> str | None:
        """The model whose required keys take new parents in this context (see GenerationOptions)."""
        return self._options.fresh_parents_of

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
            weakref.proxy(self),  # held by self._rules: a strong reference would be a cycle
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
            mend = agreeing(self, plan.spec, info.links, options.overrides)
            return options, PLAIN_CALL if mend is None else RelationCall(mend=mend)
        return build_call(self, plan, info, options)

    # -- drawing ----------------------------------------------------------------------------
    def target_of(self, link: FieldLink) -> str | None:
        """The model a link points at, or None for a ``<model>_id`` field whose model is not known."""
        if not link.conventional:
            return link.target_name
        name = self._snakes.get(link.snake, link.target_name)
        if self.registry.known(name) or self._blueprint_model(name) is not None:
            return name
        return None

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
