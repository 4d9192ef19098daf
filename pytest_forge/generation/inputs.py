"""The dict a model's validation is given: a record's values under their aliases and alias paths."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError

if TYPE_CHECKING:
    from pytest_forge.generation.plan import ModelPlan

__all__ = ["to_input"]


def to_input(
    plan: ModelPlan, record: dict[str, Any], omitted: set[str] | frozenset[str] = frozenset()
) -> Any:
    """The dict given to the model's validation: values under their aliases and alias paths
    (a copy: adapters may take values out of it, and the record is kept for re-draws)."""
    if plan.simple_keys and not omitted:
        if plan.named_keys and len(record) == len(plan.fields):  # keys are the field names, no more
            return record.copy()
        return {fp.field.input_path[0]: record[fp.field.name] for fp in plan.fields}
    data: dict[Any, Any] = {}
    for fp in plan.fields:
        if fp.field.name in omitted:
            continue
        try:
            _put(data, fp.field.input_path, record[fp.field.name])
        except (TypeError, AttributeError, IndexError):  # the path runs through another field's value
            if not fp.field.has_default:
                raise _path_clash(plan, fp.field.name) from None
    return data


def _path_clash(plan: ModelPlan, name: str) -> ConstraintError:
    path = plan.spec.by_name[name].input_path
    owners = [fp.field.name for fp in plan.fields if fp.field.input_path == path[:1]]
    other = f"field {owners[0]!r}'s value" if owners else "another field's value"
    return ConstraintError(
        f"{plan.name}.{name}: its alias path {list(path)} runs through {other}, which is not a container "
        f"there; give {name} a default or change its validation_alias",
        model=plan.spec.model,
        field=name,
    )


def _put(data: dict[Any, Any], path: tuple[Any, ...], value: Any) -> None:
    target: Any = data
    for step, following in itertools.pairwise(path):
        if isinstance(target, list):
            while len(target) <= step:
                target.append({} if isinstance(following, str) else [])
            target = target[step]
        else:
            target = target.setdefault(step, {} if isinstance(following, str) else [])
    last = path[-1]
    if isinstance(target, list):
        while len(target) <= last:
            target.append(None)
    target[last] = value
