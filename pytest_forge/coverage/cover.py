"""``forge.coverage(Model)``: few valid instances that together reach every field's targets.

With ``strength=1`` row *i* takes target *i* of every field that has one (other fields are
generated as usual), so the count is the largest number of targets of one field. With
``strength=2`` rows are chosen greedily until every pair of targets of two fields shares a row.
Rules with a ``when`` are then shown both holding and not holding (from drawn records).
A row the model's validators refuse as a whole is split into one row per target.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from pytest_forge.coverage.targets import Target, type_targets
from pytest_forge.errors import ForgeError, UsageError
from pytest_forge.rng import field_stream

if TYPE_CHECKING:
    import random

    from pytest_forge.forge import Forge
    from pytest_forge.generation.compiler import Gen
    from pytest_forge.spec import ModelSpec, TypeSpec

__all__ = ["field_values", "make_coverage", "model_targets"]

Row = dict[str, Target]
MAX_NESTING = 3
RULE_SAMPLES = 400


class _FieldSource:
    """Draws realistic values for one field's sub-types, on that field's own coverage stream."""

    def __init__(self, forge: Forge, path: tuple[str, ...], ancestors: tuple[Any, ...]) -> None:
        self.forge = forge
        self.path = path
        self.ancestors = ancestors
        self.rng: random.Random = field_stream(forge.seed, *path, "coverage")
        self._gens: dict[int, Gen] = {}

    def draw(self, spec: TypeSpec) -> Any:
        gen = self._gens.get(id(spec))
        if gen is None:
            gen = self._gens[id(spec)] = self.forge.value_generator(spec, self.path)
        return gen(self.rng)

    def nested(self, model: Any) -> list[Any]:
        if model in self.ancestors or len(self.ancestors) >= MAX_NESTING:
            return []
        return _instances(self.forge, model, 1, self.ancestors)


def model_targets(forge: Forge, spec: ModelSpec, ancestors: tuple[Any, ...] = ()) -> dict[str, list[Target]]:
    """Each generated field's targets (fields the model computes are left out)."""
    found = {}
    for field in spec.fields:
        if field.computed:
            continue
        source = _FieldSource(forge, (spec.name, field.name), (*ancestors, spec.model))
        targets = type_targets(field.type, source)
        if targets:
            found[field.name] = targets
    return found


def make_coverage(forge: Forge, model: Any, strength: int = 1) -> list[Any]:
    """The coverage set of ``model`` (see the module docstring)."""
    if strength not in (1, 2):
        raise UsageError(f"coverage({model.__name__}, strength={strength!r}): strength is 1 or 2")
    return _instances(forge, model, strength, ())


def _instances(forge: Forge, model: Any, strength: int, ancestors: tuple[Any, ...]) -> list[Any]:
    spec = forge.plan(model).spec
    targets = model_targets(forge, spec, ancestors)
    rows = _single_rows(targets) if strength == 1 else _pair_rows(targets)
    instances = [made for row in rows for made in _make(forge, model, row)]
    return instances + _rule_cases(forge, model, spec, instances)


def _single_rows(targets: dict[str, list[Target]]) -> list[Row]:
    count = max((len(t) for t in targets.values()), default=1)
    return [{name: ts[i] for name, ts in targets.items() if i < len(ts)} for i in range(count)]


def _pair_rows(targets: dict[str, list[Target]]) -> list[Row]:
    """Greedy all-pairs: each new row starts at an uncovered pair and adds what covers most pairs."""
    names = list(targets)
    uncovered = {
        (a, i, b, j)
        for a, b in itertools.combinations(names, 2)
        for i in range(len(targets[a]))
        for j in range(len(targets[b]))
    }
    if not uncovered:
        return _single_rows(targets)
    rows: list[Row] = []
    while uncovered:
        a, i, b, j = min(uncovered)
        chosen = {a: i, b: j}
        for name in names:
            if name not in chosen:
                gains = [_gain(chosen, name, k, uncovered) for k in range(len(targets[name]))]
                chosen[name] = gains.index(max(gains))
        uncovered -= {(x, chosen[x], y, chosen[y]) for x, y in itertools.combinations(names, 2)}
        rows.append({name: targets[name][k] for name, k in chosen.items()})
    return rows


def _gain(chosen: dict[str, int], name: str, index: int, uncovered: set[tuple[str, int, str, int]]) -> int:
    pairs = (
        (other, at, name, index) if other < name else (name, index, other, at) for other, at in chosen.items()
    )
    return sum(pair in uncovered for pair in pairs)


def _make(forge: Forge, model: Any, row: Row) -> list[Any]:
    try:
        return [forge.create(model, **{name: target.fresh() for name, target in row.items()})]
    except ForgeError:
        if len(row) == 1:
            return []  # the model's validators refuse this value whatever the rest: left out
        return [made for name, target in row.items() for made in _make(forge, model, {name: target})]


def field_values(instance: Any, names: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """``{field: value}`` of an instance (a TypedDict's instance is a dict)."""
    if isinstance(instance, dict):
        return {n: instance.get(n) for n in names}
    return {n: getattr(instance, n, None) for n in names}


def _rule_cases(forge: Forge, model: Any, spec: ModelSpec, instances: list[Any]) -> list[Any]:
    """Drawn records that show each conditional rule holding and not holding, where the set lacks one."""
    names = [f.name for f in spec.fields]
    extra: list[Any] = []
    for rule in forge.memory.bind(spec).active:
        condition = rule.condition
        if condition is None:
            continue
        seen = {condition.holds(field_values(i, names)) for i in [*instances, *extra]}
        for wanted in (True, False):
            if wanted not in seen:
                found = _sample(forge, model, names, lambda r, w=wanted, c=condition: c.holds(r) is w)
                extra += found
    return extra


def _sample(forge: Forge, model: Any, names: list[str], accept: Any) -> list[Any]:
    for made in forge.create_batch(model, count=RULE_SAMPLES):
        if accept(field_values(made, names)):
            return [made]
    return []
