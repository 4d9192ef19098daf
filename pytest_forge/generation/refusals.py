"""The validation loop of a refused record: re-draw what its validators name, a bounded number of times.

What a refusal names (``Rejection``, the adapter's answer) decides what is re-drawn (generation/
redraws.py), left out, encoded (generation/encodings.py) or learned for the model's later records
(generation/lessons.py); past ``MAX_ATTEMPTS`` the refusal is a ``ValidationRejectedError`` that
names the model, the field and the last message with advice.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError, ForgeError, ValidationRejectedError
from pytest_forge.generation.advice import how_to_fix
from pytest_forge.generation.budget import MAX_REFUSALS, current_record
from pytest_forge.generation.encodings import with_layer, worth_encoding
from pytest_forge.generation.inputs import to_input
from pytest_forge.generation.lessons import learn_holders, outside_init
from pytest_forge.generation.redraws import (
    LEAVE_OUT_FROM,
    MAX_ATTEMPTS,
    all_but_one,
    drawn_fields,
    fresh_parents,
    key_sharers,
    left_out,
    next_key_writer,
    redraw,
)
from pytest_forge.spec import Rejection

if TYPE_CHECKING:
    from pytest_forge.generation.overrides import Override
    from pytest_forge.generation.plan import ModelPlan

__all__ = ["Mend", "retried"]

#: what the running call does to a record its model refused as a whole, after the re-draw (relations
#: make two parents that must agree do: relations/agreeing.py)
Mend = Callable[[dict[str, Any]], None]


def retried(
    plan: ModelPlan,
    record: dict[str, Any],
    overrides: dict[str, Override],
    first: BaseException | None,
    commit: Callable[[Any], Any] | None,
    mend: Mend | None,
) -> Any:
    """The validation loop with re-draws (``first``: the first attempt's error, when it was made)."""
    budget = current_record()
    assert budget is not None
    spec, lessons = plan.spec, plan.lessons
    omitted = set(lessons.omitted) - set(overrides)
    needed: set[str] = set()
    given_up: set[str] = set()  # refused fields with defaults left out in the last re-draws
    drawn_as = {n: True for n in lessons.variants if n not in overrides}  # name → from its variant
    drawn_in = {n: v for n, v in lessons.encodings.items() if n not in overrides and n not in drawn_as}
    layers = dict(drawn_in)  # name → the layers its plain draws are encoded in
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
                    lessons.learn_encodings(set(refused_as), drawn_in)
                if whole:
                    lessons.omitted = frozenset(omitted)
                return instance
        refused = spec.failing_fields(error)
        if refused is None:
            raise error
        if refused.located:
            learn_holders(plan, refused.located)
        error, rejection = None, refused
        budget.refusals -= 1
        if budget.refusals < 0:
            spent = f"{MAX_REFUSALS} refused validations of it and its nested models"
            raise _rejected(plan, rejection, spent)
        failing, was_omitted = set(rejection.fields), set(omitted)
        _refuse_bad_overrides(plan, rejection, overrides)
        raised_in = {n: layer for n, layer in rejection.raised_in.items() if n not in overrides}
        refused_as.update((n, drawn_as.get(n, False)) for n in failing | set(raised_in))
        for name, layer in raised_in.items():  # a decoding refused it (a field's examples first)
            if layer and worth_encoding(spec.by_name[name].examples, record[name]):
                layers[name] = with_layer(drawn_in.get(name, ()), layer)
        needed |= failing & omitted
        omitted -= failing
        omitted |= all_but_one(plan, rejection, needed | set(overrides))
        wanted |= failing | set(raised_in)
        kept: set[str] = set()
        left_to_init = outside_init(plan, needed | set(overrides))
        whole |= bool(left_to_init - omitted)
        omitted |= left_to_init
        if not failing:
            whole = True
            omitted, kept = left_out(
                plan, rejection, overrides, attempt, omitted, needed | set(overrides), record, given_up
            )
            kept -= left_to_init
            omitted |= left_to_init  # what the model's own __init__ does not take stays out whatever it names
            wanted |= kept
        if attempt >= LEAVE_OUT_FROM:  # the last re-draws leave refused fields with defaults out
            last = attempt == MAX_ATTEMPTS - 1
            leave = {
                n
                for n in failing
                if spec.by_name[n].has_default and not spec.by_name[n].required and (last or n not in needed)
            }
            given_up |= leave
            omitted |= leave
        names = failing or drawn_fields(plan, overrides)
        sharers = [n for n in key_sharers(plan, failing | set(raised_in)) if n not in overrides]
        if len(sharers) > 1:  # one input key read by several fields: the next one's value goes in it
            omitted = (omitted - set(sharers)) | next_key_writer(sharers, was_omitted)
            needed -= set(sharers)
            names, whole = names | set(sharers), True
        fresh: AbstractContextManager[None] = nullcontext()
        if fresh_parents(rejection, attempt):
            fresh = plan.options.fresh_parents(plan.name)
        with fresh:  # after whole-model refusals naming no field: the keys take new parents
            redraw(plan, record, names, drawn_as, wanted, kept | (needed & names), layers, drawn_in)
        if mend is not None and not failing:
            mend(record)
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
        f"{message}. {how_to_fix(message)}",
        model=plan.spec.model,
        field=field,
    )
