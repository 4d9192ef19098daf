"""Re-drawing a refused record: which optional fields to leave out, and new values for the rest.

A refusal naming fields re-draws those; a refusal of the model as a whole (``only one of a, b``)
leaves out all but one of the optional fields its message names (generation/lessons.py finds them),
else, after ordinary re-draws had their chance, a growing share of all optional fields; from then
on its foreign keys also take new parents (``Users cannot follow themselves``: the one registered
user twice; ``Cannot add entries to a locked ledger``: the parent itself was refused).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.generation.lessons import named_optional_fields

if TYPE_CHECKING:
    from pytest_forge.generation.overrides import Override
    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.spec import Rejection

__all__ = ["MAX_ATTEMPTS", "drawn_fields", "fresh_parents", "left_out", "redraw"]

#: how many times a record's failing fields are re-drawn before we give up
MAX_ATTEMPTS = 25

#: whole-model refusals naming no field leave out a growing share of optional fields
_THIN_AFTER = 8  # after ordinary re-draws had their chance (a check such as low < high needs only those)
_THIN_STEPS = 4
#: whole-model refusals naming no field give the record's keys new parents from this attempt on
_FRESH_AFTER = 3


def left_out(
    plan: ModelPlan,
    rejection: Rejection,
    overrides: dict[str, Override],
    attempt: int,
    omitted: set[str],
    keep: set[str],
) -> tuple[set[str], set[str]]:
    """The optional fields to leave out after a whole-model refusal, and the one kept: all but one
    of those its message names (another one kept each time: ``only one of`` and ``one of ... is
    required`` alike; every third time none of them: ``keys and values must have the same length``),
    else, after a while, a growing share of all of them."""
    named = named_optional_fields(plan, rejection.message, keep)
    if len(named) > 1:
        if attempt % 3 == 2:
            return omitted | set(named), set()
        kept = plan.fields[0].rng.choice(named)
        return (omitted - set(named)) | {n for n in named if n != kept}, {kept}
    if attempt >= _THIN_AFTER:
        return omitted | _thinned(plan, overrides, attempt, keep), set()
    return omitted, set()


def _thinned(plan: ModelPlan, overrides: dict[str, Override], attempt: int, needed: set[str]) -> set[str]:
    """More optional fields left to their defaults: a third of them each time, all near the end."""
    share = 1.0 if attempt >= MAX_ATTEMPTS - _THIN_STEPS else 1 / 3
    return {
        fp.name
        for fp in plan.fields
        if fp.field.has_default
        and fp.name not in overrides
        and fp.name not in needed
        and fp.rng.random() < share
    }


def fresh_parents(plan: ModelPlan, rejection: Rejection, attempt: int) -> bool:
    """Whether the re-draw after this refusal gives the record's foreign keys new parents: a refusal
    of the model as a whole that names no field, once plain re-draws had their chance."""
    return not rejection.fields and attempt >= _FRESH_AFTER


def drawn_fields(plan: ModelPlan, overrides: dict[str, Override]) -> set[str]:
    """What a whole-model refusal re-draws: not overrides, nor primary keys (they count 1, 2, 3)."""
    from pytest_forge.field_tags import PrimaryKey

    return {fp.name for fp in plan.fields if fp.name not in overrides and fp.field.tag(PrimaryKey) is None}


def redraw(
    plan: ModelPlan,
    record: dict[str, Any],
    names: set[str],
    drawn_as: dict[str, bool],
    wanted: set[str],
    present: set[str],
    fresh: bool = False,
) -> None:
    """New values for ``names``; each re-draw of a field its validators refused switches it between
    its plain values and its variant when it has one (``drawn_as`` says which one each value came
    from); other fields keep their family. A field validators asked for (``wanted``) is drawn in
    full even when a size budget cut it; one a refusal needs set (``present``: the one kept of those
    a whole-model refusal named, or one refused for being left out) is drawn with ``none_p`` 0, its
    nested optional parts too (drawing it as before would give the None just refused again). With
    ``fresh``, foreign keys take new parents (``fresh_parents``)."""
    if fresh:
        with plan.options.fresh_parents(plan.name):
            _redraw(plan, record, names, drawn_as, wanted, present)
    else:
        _redraw(plan, record, names, drawn_as, wanted, present)


def _redraw(
    plan: ModelPlan,
    record: dict[str, Any],
    names: set[str],
    drawn_as: dict[str, bool],
    wanted: set[str],
    present: set[str],
) -> None:
    for fp in plan.fields:
        name = fp.field.name
        if name not in names:
            continue
        if fp.variant is None or name not in wanted:  # a whole-model refusal says nothing of families
            gen = fp.uncut() if fp.uncut is not None and name in wanted else fp.gen
            gen = gen if name not in drawn_as else _same_family(fp, drawn_as)
        else:
            drawn_as[name] = use_variant = not drawn_as.get(name, False)
            gen = fp.variant if use_variant else fp.gen
        if name in present:
            with plan.options.scoped(0.0):  # the same random stream, but no None this time
                record[name] = gen(fp.rng)
        else:
            record[name] = gen(fp.rng)


def _same_family(fp: Any, drawn_as: dict[str, bool]) -> Any:
    return fp.variant if drawn_as[fp.field.name] and fp.variant is not None else fp.gen
