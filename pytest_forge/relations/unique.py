"""Unique fields and ``unique_together``: claimed in the registry, re-drawn on collision.

A group's values are claimed in the Forge's registry, so they hold across a batch
and across every record the registry has seen. A collision re-draws the group's
fields a bounded number of times; a finite domain (Literal, Enum, bool, bounded
int) is then searched for an unused combination, and when none is left a
``ConstraintError`` says how big the domain is: never an endless loop.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError, UsageError
from pytest_forge.field_tags import Unique

if TYPE_CHECKING:
    from pytest_forge.generation.overrides import Override
    from pytest_forge.generation.plan import FieldPlan, ModelPlan
    from pytest_forge.relations.registry import Registry
    from pytest_forge.spec import FieldSpec, ModelSpec, TypeSpec

__all__ = ["UniqueGroup", "enforce_unique", "unique_fields", "unique_group"]

#: random re-draws of a colliding group before the domain is searched (or we give up)
REDRAWS = 100
#: the largest domain we enumerate to find an unused combination
ENUMERABLE = 10_000


@dataclass(frozen=True, slots=True)
class UniqueGroup:
    """Fields whose values, together, may appear only once per model."""

    fields: tuple[str, ...]
    #: registry slot the combinations are claimed under
    slot: str
    #: how many combinations exist (None when unbounded, e.g. text)
    domain: int | None
    #: each field's possible values when all are small and enumerable (None otherwise)
    values: tuple[tuple[Any, ...], ...] | None
    nullable: tuple[bool, ...]


def unique_fields(spec: ModelSpec) -> tuple[tuple[str, ...], ...]:
    """Groups of one for every field tagged ``Unique`` (primary keys are handled by the key counter),
    then the model's own multi-field groups (``ModelSpec.unique_together``)."""
    from pytest_forge.field_tags import annotation_tag

    def tagged(field: FieldSpec) -> bool:
        return field.tag(Unique) is not None or annotation_tag(spec.model, field.name, Unique) is not None

    singles = tuple((f.name,) for f in spec.fields if f.name != "id" and tagged(f))
    return (*singles, *spec.unique_together)


def unique_group(spec: ModelSpec, names: tuple[str, ...]) -> UniqueGroup:
    """Check the names against the model and measure the group's domain."""
    unknown = [n for n in names if n not in spec.by_name]
    if unknown or not names:
        listed = ", ".join(spec.by_name) or "(none)"
        raise UsageError(
            f"unique_together for {spec.name} names {', '.join(map(repr, unknown)) or 'no field'}; "
            f"its fields are: {listed}",
            model=spec.model,
            field=unknown[0] if unknown else None,
        )
    types = [spec.by_name[n].type for n in names]
    sizes = [_size_of(t) for t in types]
    domain = None if any(s is None for s in sizes) else math.prod(s for s in sizes if s is not None)
    values = tuple(_values_of(t) for t in types) if domain is not None and domain <= ENUMERABLE else None
    return UniqueGroup(
        fields=names,
        slot="unique:" + ",".join(names),
        domain=domain,
        values=values,
        nullable=tuple(t.nullable() for t in types),
    )


def _size_of(spec: TypeSpec) -> int | None:
    spec = spec.inner()
    if spec.kind in ("literal", "enum"):
        return len(spec.choices)
    if spec.kind == "bool":
        return 2
    bounds = _int_bounds(spec)
    return bounds[1] - bounds[0] + 1 if bounds is not None else None


def _int_bounds(spec: TypeSpec) -> tuple[int, int] | None:
    if spec.kind != "int" or spec.multiple_of is not None:
        return None
    low = spec.ge if spec.ge is not None else (spec.gt + 1 if spec.gt is not None else None)
    high = spec.le if spec.le is not None else (spec.lt - 1 if spec.lt is not None else None)
    if low is None or high is None:
        return None
    return int(low), max(int(low) - 1, int(high))


def _values_of(spec: TypeSpec) -> tuple[Any, ...]:
    spec = spec.inner()
    if spec.kind in ("literal", "enum"):
        return tuple(spec.choices)
    if spec.kind == "bool":
        return (False, True)
    low, high = _int_bounds(spec) or (0, -1)
    return tuple(range(low, high + 1))


def enforce_unique(
    plan: ModelPlan,
    groups: tuple[UniqueGroup, ...],
    records: list[dict[str, Any]],
    overrides: dict[str, Override],
    registry: Registry,
) -> None:
    """Claim every record's groups, re-drawing colliding fields (records are changed in place)."""
    fields = {fp.field.name: fp for fp in plan.fields}
    for record in records:
        for group in groups:
            _settle(plan, group, record, fields, overrides, registry)


def _settle(
    plan: ModelPlan,
    group: UniqueGroup,
    record: dict[str, Any],
    fields: dict[str, FieldPlan],
    overrides: dict[str, Override],
    registry: Registry,
) -> None:
    tries = REDRAWS if group.domain is None else min(REDRAWS, group.domain)
    for _ in range(tries + 1):
        combo = tuple(record[n] for n in group.fields)
        if _claim(plan, group, combo, registry):
            return
        for name in group.fields:
            fp, override = fields[name], overrides.get(name)
            record[name] = fp.gen(fp.rng) if override is None else override(fp.rng, record)
    if group.values is not None and _from_domain(plan, group, record, fields, overrides, registry):
        return
    raise _exhausted(plan, group, registry)


def _claim(plan: ModelPlan, group: UniqueGroup, combo: tuple[Any, ...], registry: Registry) -> bool:
    if any(value is None for value in combo):
        return True  # like SQL NULLs, None never collides
    try:
        hash(combo)
    except TypeError:
        return registry.claim(plan.name, group.slot, repr(combo))
    return registry.claim(plan.name, group.slot, combo)


def _from_domain(
    plan: ModelPlan,
    group: UniqueGroup,
    record: dict[str, Any],
    fields: dict[str, FieldPlan],
    overrides: dict[str, Override],
    registry: Registry,
) -> bool:
    """Pick an unused combination of the free fields (overridden ones keep their value)."""
    assert group.values is not None
    options = [
        (record[name],) if name in overrides else values
        for name, values in zip(group.fields, group.values, strict=True)
    ]
    free = [c for c in itertools.product(*options) if not registry.taken(plan.name, group.slot, c)]
    if not free:
        return _none_instead(group, record, overrides)
    rng = fields[group.fields[0]].rng
    chosen = free[int(rng.random() * len(free))]
    registry.claim(plan.name, group.slot, chosen)
    record.update(zip(group.fields, chosen, strict=True))
    return True


def _none_instead(group: UniqueGroup, record: dict[str, Any], overrides: dict[str, Override]) -> bool:
    for name, nullable in zip(group.fields, group.nullable, strict=True):
        if nullable and name not in overrides:
            record[name] = None
            return True
    return False


def _exhausted(plan: ModelPlan, group: UniqueGroup, registry: Registry) -> ConstraintError:
    where = f"{plan.name}.{group.fields[0]}" if len(group.fields) == 1 else f"{plan.name}{group.fields}"
    field = group.fields[0]
    if group.domain is not None:
        return ConstraintError(
            f"{where} must be unique, but all {group.domain} values of its domain "
            f"(domain size {group.domain}) "
            f"are taken; ask for fewer records, widen the field's type, or clear the registry",
            model=plan.spec.model,
            field=field,
        )
    return ConstraintError(
        f"{where} must be unique, but {REDRAWS} draws in a row gave values already taken; "
        f"an override that returns the same value every time cannot be unique",
        model=plan.spec.model,
        field=field,
    )
