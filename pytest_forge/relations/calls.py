"""One call's relation work: blueprint and trait values, foreign-key rules, unique groups, hooks.

:func:`build_call` merges (call overrides > traits > blueprint values), turns
``generate_fk``, ``fk_filter``, ``generate_m2m`` and ``author__name=...`` paths into
:class:`~pytest_forge.relations.auto_parents.ParentRule` overrides, and returns a
:class:`RelationCall` that runs around validation: unique groups and ``pre_process``
before it, ``post_process`` and the registration of given primary keys after it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import UsageError
from pytest_forge.provenance import Origin
from pytest_forge.relations.agreeing import agreeing
from pytest_forge.relations.auto_parents import GenerateFk, ParentRule
from pytest_forge.relations.batch_parents import link_within_batch
from pytest_forge.relations.existing import claim_stored, settle_stored
from pytest_forge.relations.unique import UniqueGroup, enforce_unique

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from pytest_forge.blueprints import Blueprint, BlueprintDefaults
    from pytest_forge.generation.builder import Mend
    from pytest_forge.generation.options import CallOptions
    from pytest_forge.generation.overrides import Override
    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.relations.context import ModelRelations, RelationContext
    from pytest_forge.relations.foreign_keys import FieldLink

__all__ = ["PLAIN_CALL", "RelationCall", "build_call"]

_USER = Origin("override", "user")
_BLUEPRINT = Origin("override", "blueprint")


@dataclass(frozen=True, slots=True)
class RelationCall:
    """The steps a call adds around validation (none at all for a plain model)."""

    context: RelationContext | None = None
    unique: tuple[UniqueGroup, ...] = ()
    blueprint: Blueprint | None = None
    pre: bool = False
    post: bool = False
    #: primary keys the call sets itself: registered so the key counter skips them
    keys: tuple[str, ...] = ()
    user: frozenset[str] = frozenset()
    from_blueprint: frozenset[str] = frozenset()
    #: one-to-many fields asked for by count (``orders=3``): (field, child model, back field, count)
    children: tuple[tuple[str, Any, str, int], ...] = ()
    self_links: tuple[FieldLink, ...] = ()
    #: what a record refused as a whole gets before its next validation (relations/agreeing.py)
    mend: Mend | None = None

    def before_validation(
        self, plan: ModelPlan, records: list[dict[str, Any]], overrides: dict[str, Override]
    ) -> None:
        """Settle unique groups, then let the blueprint change the field dicts."""
        if self.self_links and self.context is not None:
            context = self.context
            link_within_batch(
                plan, records, self.self_links, set(overrides), context.registry, context.none_p()
            )
        if self.unique and self.context is not None:
            claim_stored(self.context.registry, plan.spec, self.unique)
            enforce_unique(plan, self.unique, records, overrides, self.context.registry)
            settle_stored(plan, self.unique, records, overrides, self.context.registry)
        if self.pre and self.blueprint is not None:
            pre = self.blueprint.pre_process
            records[:] = [changed if (changed := pre(record)) is not None else record for record in records]

    def after_validation(self, plan: ModelPlan, instances: list[Any]) -> list[Any]:
        """The blueprint's replacements, and given primary keys claimed in the registry."""
        if self.post and self.blueprint is not None:
            post = self.blueprint.post_process
            instances = [new if (new := post(instance)) is not None else instance for instance in instances]
        if self.keys and self.context is not None:
            registry = self.context.registry
            for name in self.keys:
                for instance in instances:
                    value = instance[name] if isinstance(instance, dict) else getattr(instance, name, None)
                    if value is not None:
                        registry.claim(plan.name, name, value)
        if self.children and self.context is not None:
            make = self.context.maker.create
            for instance in instances:
                for _, model, back, count in self.children:
                    for _ in range(count):
                        make(model, **{back: instance})
        return instances

    def origins(self, overridden: Iterable[str]) -> dict[str, Origin]:
        """Where overridden fields came from: the caller, or a blueprint (relation rules keep theirs)."""
        if self.context is None:
            return dict.fromkeys(overridden, _USER)
        found = {name: _BLUEPRINT for name in overridden if name in self.from_blueprint}
        found.update({name: _USER for name in overridden if name in self.user})
        return found


#: the call of a model without relations, unique fields or blueprint
PLAIN_CALL = RelationCall()


def build_call(
    context: RelationContext, plan: ModelPlan, info: ModelRelations, options: CallOptions
) -> tuple[CallOptions, RelationCall]:
    """Merge blueprint values, build foreign-key rules and unique groups for one call."""
    spec = plan.spec
    user = frozenset(options.overrides)
    defaults = context.defaults(spec)
    if defaults is not None:
        options = _with_blueprint(options, defaults, spec.name)
    elif options.traits:
        raise UsageError(
            f"{spec.name} has no blueprint, so it has no traits {list(options.traits)}; "
            f"register a Blueprint with traits = {{...}} for it",
            model=spec.model,
        )
    overrides, through = _split_paths(info, options.overrides, spec.name)
    children = _children(info, overrides, spec.name)
    overrides.update(_rules(context, plan, info, options, through, set(overrides)))
    groups = context.unique_groups(spec, (*info.unique, *options.unique_together))
    given = set(overrides) - {n for n, v in overrides.items() if isinstance(v, ParentRule)}
    call = RelationCall(
        context=context,
        unique=groups,
        blueprint=defaults.blueprint(context.maker) if defaults is not None else None,
        pre=defaults.pre if defaults is not None else False,
        post=defaults.post if defaults is not None else False,
        keys=tuple(sorted(info.keys & given)),
        user=user,
        from_blueprint=frozenset(given - user),
        children=children,
        self_links=info.self_links,
        mend=agreeing(context, spec, info.links, overrides),
    )
    return dataclasses.replace(options, overrides=overrides), call


def _children(
    info: ModelRelations, overrides: dict[str, Any], model_name: str
) -> tuple[tuple[str, Any, str, int], ...]:
    """Pull ``orders=3`` out of the overrides: children made after each record (a list stays a value)."""
    found = []
    for name, tag in info.children.items():
        count = overrides.get(name)
        if isinstance(count, bool) or not isinstance(count, int):
            continue
        if count < 0:
            raise UsageError(
                f"{model_name}.{name}={count}: a number of children must be >= 0 "
                f"(or pass a list of {tag.model.__name__} records)",
                model=model_name,
                field=name,
            )
        del overrides[name]
        found.append((name, tag.model, tag.back, count))
    return tuple(found)


def _with_blueprint(options: CallOptions, defaults: BlueprintDefaults, model_name: str) -> CallOptions:
    values = {**defaults.values, **defaults.trait_values(options.traits, model_name), **options.overrides}
    unset = {
        name: value for name, value in defaults.options.items() if getattr(options, name) in (None, {}, ())
    }
    return dataclasses.replace(options, overrides=values, **unset)


def _split_paths(
    info: ModelRelations, overrides: dict[str, Any], model_name: str
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Pull ``author__name=...`` out of the overrides: values for the parents the key's rule makes."""
    flat: dict[str, Any] = {}
    through: dict[str, dict[str, Any]] = {}
    for key, value in overrides.items():
        head, sep, rest = key.partition("__")
        field = info.names.get(head) if sep and rest else None
        if field is None:
            flat[key] = value
        else:
            through.setdefault(field, {})[rest] = value
    clash = sorted(set(flat) & set(through))
    if clash:
        raise UsageError(
            f"{model_name}.{clash[0]} is given a value and also {clash[0]}__... values "
            f"for a new parent; pass one",
            model=model_name,
            field=clash[0],
        )
    return flat, through


def _rules(
    context: RelationContext,
    plan: ModelPlan,
    info: ModelRelations,
    options: CallOptions,
    through: dict[str, dict[str, Any]],
    given: set[str],
) -> dict[str, ParentRule]:
    """A rule for each foreign key this call treats differently from the plan's default."""
    spec = plan.spec
    paths = _generate_paths(info, options.generate_fk, spec.name)
    filters = _per_field(info, options.fk_filter, "fk_filter", spec.name)
    counts = _per_field(info, options.generate_m2m, "generate_m2m", spec.name, many=True)
    rules: dict[str, ParentRule] = {}
    for name, link in info.links.items():
        create = name in paths or name in through or (options.generate_fk is True and not link.many)
        create = create or (link.one_to_one and options.generate_fk is not False)
        if name in given or not (create or name in filters or name in counts or options.generate_fk is False):
            continue
        rules[name] = ParentRule(
            link,
            context,
            context.default_rule(spec.model, name).fallback,
            create=create,
            deep=True if options.generate_fk is True else paths.get(name) or None,
            values={**dict(link.values), **through.get(name, {})},
            accept=_both(link.accept, _predicate(filters.get(name))),
            count=counts.get(name),
            may_create=options.generate_fk is not False,
        )
    return rules


def _generate_paths(
    info: ModelRelations, generate_fk: GenerateFk, model_name: str
) -> dict[str, tuple[str, ...]]:
    """``["author", "author__user"]`` → ``{"author_id": ("user",)}`` (a deeper path implies its head)."""
    if not isinstance(generate_fk, tuple):
        return {}
    paths: dict[str, tuple[str, ...]] = {}
    for path in generate_fk:
        head, _, rest = path.partition("__")
        field = _field_named(info, head, "generate_fk", model_name)
        paths[field] = (*paths.get(field, ()), *((rest,) if rest else ()))
    return paths


def _per_field(
    info: ModelRelations, given: dict[str, Any], option: str, model_name: str, many: bool = False
) -> dict[str, Any]:
    found = {}
    for name, value in given.items():
        field = _field_named(info, name, option, model_name)
        if many and not info.links[field].many:
            raise UsageError(
                f"{option} names {model_name}.{field}, which is not a many-to-many field", field=field
            )
        found[field] = value
    return found


def _field_named(info: ModelRelations, name: str, option: str, model_name: str) -> str:
    field = info.names.get(name)
    if field is None:
        listed = ", ".join(info.links) or "(none)"
        raise UsageError(
            f"{option} names {name!r}, but {model_name} has no foreign key of that name; "
            f"its foreign keys are: {listed}",
            model=model_name,
            field=name,
        )
    return field


def _predicate(rule: Any) -> Callable[[Any], bool] | None:
    if rule is None:
        return None
    if callable(rule):
        accept: Callable[[Any], bool] = rule
        return accept
    expected = dict(rule)
    return lambda parent: all(_attribute(parent, k) == v for k, v in expected.items())


def _both(
    first: Callable[[Any], bool] | None, second: Callable[[Any], bool] | None
) -> Callable[[Any], bool] | None:
    """The model's own limit and the call's fk_filter together (either alone when the other is None)."""
    if first is None or second is None:
        return first or second
    return lambda parent: first(parent) and second(parent)


def _attribute(parent: Any, name: str) -> Any:
    return parent.get(name) if isinstance(parent, dict) else getattr(parent, name, None)
