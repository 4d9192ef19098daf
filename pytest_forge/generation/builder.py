"""Draw a record's values and turn them into a validated instance, re-drawing what validators refuse."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError, ValidationRejectedError
from pytest_forge.spec import Rejection

if TYPE_CHECKING:
    from pytest_forge.generation.overrides import Override
    from pytest_forge.generation.plan import ModelPlan

__all__ = ["MAX_ATTEMPTS", "draw_record", "finish_record"]

#: how many times a record's failing fields are re-drawn before we give up
MAX_ATTEMPTS = 25


def draw_record(plan: ModelPlan, overrides: dict[str, Override]) -> dict[str, Any]:
    """Field name → value, in declaration order (overrides see the record built so far)."""
    record: dict[str, Any] = {}
    if not overrides:
        for fp in plan.fields:
            record[fp.field.name] = fp.gen(fp.rng)
        return record
    for fp in plan.fields:
        override = overrides.get(fp.field.name)
        record[fp.field.name] = fp.gen(fp.rng) if override is None else override(fp.rng, record)
    return record


def to_input(
    plan: ModelPlan, record: dict[str, Any], omitted: set[str] | frozenset[str] = frozenset()
) -> Any:
    """The dict given to the model's validation: values under their aliases and alias paths."""
    if plan.simple_keys and not omitted:
        return {fp.field.input_path[0]: record[fp.field.name] for fp in plan.fields}
    data: dict[Any, Any] = {}
    for fp in plan.fields:
        if fp.field.name in omitted:
            continue
        _put(data, fp.field.input_path, record[fp.field.name])
    return data


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


def nested_generator(plan: ModelPlan) -> Any:
    """Draws a nested model's value: its input dict when the parent's validation can build it
    (one validation for the whole tree), else a validated instance (models with their own
    validators are retried one by one; dataclasses must be instances under strict parents)."""
    if plan.spec.nests_as_input:

        def as_input(rng: Any) -> Any:
            return to_input(plan, draw_record(plan, {}))

        return as_input

    def as_instance(rng: Any) -> Any:
        return finish_record(plan, draw_record(plan, {}), {})

    return as_instance


def finish_record(plan: ModelPlan, record: dict[str, Any], overrides: dict[str, Override]) -> Any:
    """Validate the record into an instance; re-draw refused fields a bounded number of times.

    What counts as a refusal, and which fields it names, is the adapter's answer
    (``ModelSpec.failing_fields``); an error that is not a refusal is raised as it is.
    """
    spec = plan.spec
    omitted: set[str] = set()
    last = Rejection({}, "")
    for attempt in range(MAX_ATTEMPTS + 1):
        try:
            return spec.validate(to_input(plan, record, omitted))
        except Exception as exc:
            rejection = spec.failing_fields(exc)
            if rejection is None:
                raise
        last, failing = rejection, set(rejection.fields)
        _refuse_bad_overrides(plan, rejection, overrides)
        if attempt == MAX_ATTEMPTS - 1:
            omitted |= {n for n in failing if spec.by_name[n].has_default}
        _redraw(plan, record, failing or _drawn_fields(plan, overrides))
    raise _rejected(plan, last)


def _drawn_fields(plan: ModelPlan, overrides: dict[str, Override]) -> set[str]:
    return {fp.field.name for fp in plan.fields if fp.field.name not in overrides}


def _redraw(plan: ModelPlan, record: dict[str, Any], names: set[str]) -> None:
    for fp in plan.fields:
        if fp.field.name in names:
            record[fp.field.name] = fp.gen(fp.rng)


def _refuse_bad_overrides(plan: ModelPlan, rejection: Rejection, overrides: dict[str, Override]) -> None:
    bad = sorted(set(rejection.fields) & set(overrides))
    if not bad:
        return
    field = bad[0]
    raise ConstraintError(
        f"the value given for {plan.name}.{field} is not valid: {rejection.fields[field]}",
        model=plan.spec.model,
        field=field,
    )


def _rejected(plan: ModelPlan, rejection: Rejection) -> ValidationRejectedError:
    failing = sorted(rejection.fields)
    field = failing[0] if failing else None
    validators = plan.spec.validators(field)
    where = f"field {field!r}" if field else "the model as a whole"
    named = f" (validators: {', '.join(validators)})" if validators else ""
    message = rejection.fields[field] if field else rejection.message
    return ValidationRejectedError(
        f"{plan.name}: its validators rejected {MAX_ATTEMPTS} draws for {where}{named}; last error: "
        f"{message}. Pass a valid value as an override or register a provider",
        model=plan.spec.model,
        field=field,
    )
