"""Draw a record's values and turn them into a validated instance, re-drawing what validators refuse."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ForgeError
from pytest_forge.generation.budget import (
    current_record,
    enter_record,
    leave_record,
    spend_record_model,
)
from pytest_forge.generation.encodings import encode
from pytest_forge.generation.inputs import to_input
from pytest_forge.generation.redraws import MAX_ATTEMPTS
from pytest_forge.generation.refusals import Mend, retried

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.generation.overrides import Override
    from pytest_forge.generation.plan import ModelPlan

__all__ = ["MAX_ATTEMPTS", "Mend", "draw_record", "finish_record", "to_input"]


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
    variants, encodings = plan.lessons.variants, plan.lessons.encodings
    if not overrides and not variants and not encodings:
        return {fp.field.name: fp.gen(fp.rng) for fp in plan.fields}
    record: dict[str, Any] = {}
    for fp in plan.fields:
        name = fp.field.name
        override = overrides.get(name)
        if override is not None:
            record[name] = override(fp.rng, record)
        elif name in variants and fp.variant is not None:
            record[name] = fp.variant(fp.rng)
        elif name in encodings:
            record[name] = encode(fp.gen(fp.rng), encodings[name])
        else:
            record[name] = fp.gen(fp.rng)
    return record


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
            if plan.lessons.as_instance:  # a parent's refusal pointed inside it: its own re-draws
                return finish_record(plan, draw_record(plan, {}), {})
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
    mend: Mend | None = None,
) -> Any:
    """Validate the record into an instance; re-draw refused fields a bounded number of times.

    ``commit`` (saving one by one) saves the validated instance; a refusal it raises (a rule of the
    model's own ``save``) is re-drawn like a validation refusal.

    What counts as a refusal, and which fields it names, is the adapter's answer
    (``ModelSpec.failing_fields``); an error that is not a refusal is raised as it is. A refusal of
    the model as a whole (``only one of a, b``) leaves out all but one of the optional fields its
    message names, else (after ordinary re-draws) a growing share of its optional fields; a field
    refused for being left out is never left out again. What passed is remembered by the plan's
    lessons (generation/lessons.py); then ``mend`` (the call's) may change the record.
    """
    if current_record() is not None:  # a nested model: its re-draws spend its parent's budget
        return _finish(plan, record, overrides, commit, mend)
    token = enter_record()  # the outermost record: its nested models' re-draws share one budget
    try:
        return _finish(plan, record, overrides, commit, mend)
    finally:
        leave_record(token)


def _finish(
    plan: ModelPlan,
    record: dict[str, Any],
    overrides: dict[str, Override],
    commit: Callable[[Any], Any] | None,
    mend: Mend | None,
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
        return retried(plan, record, overrides, first, commit, mend)
    finally:
        first = None  # its traceback holds this frame: no cycle left behind for the garbage collector
