"""Draw a record's values and turn them into a validated instance, re-drawing what validators refuse."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError, ForgeError, ValidationRejectedError
from pytest_forge.generation.budget import (
    MAX_REFUSALS,
    current_record,
    enter_record,
    leave_record,
    spend_record_model,
)
from pytest_forge.generation.lessons import outside_init
from pytest_forge.generation.redraws import MAX_ATTEMPTS, drawn_fields, fresh_parents, left_out, redraw
from pytest_forge.spec import Rejection

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.generation.overrides import Override
    from pytest_forge.generation.plan import ModelPlan

__all__ = ["MAX_ATTEMPTS", "draw_record", "finish_record"]


def draw_record(plan: ModelPlan, overrides: dict[str, Override]) -> dict[str, Any]:
    """Field name → value, in declaration order (overrides see the record built so far)."""
    if current_record() is not None:  # a nested model: it shares its parent's budget
        return _draw(plan, overrides)
    token = enter_record()  # nested models drawn and validated meanwhile share one budget
    try:
        return _draw(plan, overrides)
    finally:
        leave_record(token)


def _draw(plan: ModelPlan, overrides: dict[str, Override]) -> dict[str, Any]:
    variants = plan.lessons.variants
    if not overrides and not variants:
        return {fp.field.name: fp.gen(fp.rng) for fp in plan.fields}
    record: dict[str, Any] = {}
    for fp in plan.fields:
        name = fp.field.name
        override = overrides.get(name)
        if override is not None:
            record[name] = override(fp.rng, record)
        elif name in variants and fp.variant is not None:
            record[name] = fp.variant(fp.rng)
        else:
            record[name] = fp.gen(fp.rng)
    return record


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


def nested_generator(plan: ModelPlan, instance: bool = False) -> Any:
    """Draws a nested model's value: its input dict when the parent's validation can build it
    (one validation for the whole tree), else (or with ``instance``) a validated instance (models
    with their own validators are retried one by one; dataclasses must be instances under strict
    parents; a union's arms are told apart at once)."""
    if getattr(plan.spec.model, "__pydantic_root_model__", False):  # a RootModel field: its root value

        def as_root(rng: Any) -> Any:
            spend_record_model()
            return draw_record(plan, {})["root"]

        return as_root
    if plan.spec.nests_as_input and not instance:

        def as_input(rng: Any) -> Any:
            spend_record_model()
            return to_input(plan, draw_record(plan, {}))

        return as_input

    def as_instance(rng: Any) -> Any:
        spend_record_model()
        return finish_record(plan, draw_record(plan, {}), {})

    return as_instance


def finish_record(
    plan: ModelPlan,
    record: dict[str, Any],
    overrides: dict[str, Override],
    commit: Callable[[Any], Any] | None = None,
) -> Any:
    """Validate the record into an instance; re-draw refused fields a bounded number of times.

    ``commit`` (saving one by one) saves the validated instance; a refusal it raises (a rule of the
    model's own ``save``) is re-drawn like a validation refusal.

    What counts as a refusal, and which fields it names, is the adapter's answer
    (``ModelSpec.failing_fields``); an error that is not a refusal is raised as it is. A refusal of
    the model as a whole (``only one of a, b``) leaves out all but one of the optional fields its
    message names, else (after ordinary re-draws) a growing share of its optional fields; a field
    refused for being left out is never left out again. What passed is remembered by the plan's
    lessons (generation/lessons.py).
    """
    if current_record() is not None:  # a nested model: its re-draws spend its parent's budget
        return _finish(plan, record, overrides, commit)
    token = enter_record()  # the outermost record: its nested models' re-draws share one budget
    try:
        return _finish(plan, record, overrides, commit)
    finally:
        leave_record(token)


def _finish(
    plan: ModelPlan,
    record: dict[str, Any],
    overrides: dict[str, Override],
    commit: Callable[[Any], Any] | None,
) -> Any:
    spec, lessons = plan.spec, plan.lessons
    first: BaseException | None = None
    if not lessons.omitted and not lessons.variants:  # the usual case: one validation, nothing learned
        try:
            instance = (plan.validate or spec.validate)(to_input(plan, record))
            return instance if commit is None else commit(instance)
        except ForgeError:
            raise
        except Exception as exc:
            first = exc
    try:
        return _retried(plan, record, overrides, first, commit)
    finally:
        first = None  # its traceback holds this frame: no cycle left behind for the garbage collector


def _retried(
    plan: ModelPlan,
    record: dict[str, Any],
    overrides: dict[str, Override],
    first: BaseException | None,
    commit: Callable[[Any], Any] | None,
) -> Any:
    """The validation loop with re-draws (``first``: the first attempt's error, when it was made)."""
    budget = current_record()
    assert budget is not None
    spec, lessons = plan.spec, plan.lessons
    omitted = set(lessons.omitted) - set(overrides)
    needed: set[str] = set()
    drawn_as = {n: True for n in lessons.variants if n not in overrides}  # name → from its variant
    refused_as: dict[str, bool] = {}
    wanted: set[str] = set()  # fields validators asked for: re-drawn in full even past a size budget
    whole = bool(omitted)
    rejection = Rejection({}, "")
    error = first
    for attempt in range(MAX_ATTEMPTS + 1):
        if error is None:
            try:
                instance = (plan.validate or spec.validate)(to_input(plan, record, omitted))
                if commit is not None:
                    instance = commit(instance)
            except ForgeError:
                raise
            except Exception as exc:
                error = exc
            else:
                if refused_as:
                    lessons.learn_variants(refused_as, drawn_as)
                if whole:
                    lessons.omitted = frozenset(omitted)
                return instance
        refused = spec.failing_fields(error)
        if refused is None:
            raise error
        error, rejection = None, refused
        budget.refusals -= 1
        if budget.refusals < 0:
            spent = f"{MAX_REFUSALS} refused validations of it and its nested models"
            raise _rejected(plan, rejection, spent)
        failing = set(rejection.fields)
        _refuse_bad_overrides(plan, rejection, overrides)
        refused_as.update((n, drawn_as.get(n, False)) for n in failing)
        needed |= failing & omitted
        omitted -= failing
        wanted |= failing
        kept: set[str] = set()
        left_to_init = outside_init(plan, needed | set(overrides))
        whole |= bool(left_to_init - omitted)
        omitted |= left_to_init
        if not failing:
            whole = True
            omitted, kept = left_out(plan, rejection, overrides, attempt, omitted, needed | set(overrides))
            wanted |= kept
        if attempt == MAX_ATTEMPTS - 1:
            omitted |= {n for n in failing if spec.by_name[n].has_default}
        names = failing or drawn_fields(plan, overrides)
        fresh = fresh_parents(plan, rejection, attempt)
        redraw(plan, record, names, drawn_as, wanted, kept | (needed & names), fresh)
    raise _rejected(plan, rejection)


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


def _rejected(plan: ModelPlan, rejection: Rejection, spent: str = "") -> ValidationRejectedError:
    failing = sorted(rejection.fields)
    field = failing[0] if failing else None
    validators = plan.spec.validators(field)
    where = f"field {field!r}" if field else "the model as a whole"
    named = f" (validators: {', '.join(validators)})" if validators else ""
    message = rejection.fields[field] if field else rejection.message
    return ValidationRejectedError(
        f"{plan.name}: its validators rejected {spent or f'{MAX_ATTEMPTS} draws'} for {where}{named}; "
        f"last error: "
        f"{message}. Pass a valid value as an override or register a provider",
        model=plan.spec.model,
        field=field,
    )
