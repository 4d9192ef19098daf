"""Re-drawing a refused record: which optional fields to leave out, and new values for the rest.

A refusal naming fields re-draws those; a refusal of the model as a whole (``only one of a, b``)
leaves out all but one of the optional fields its message names (generation/lessons.py finds them),
else, after ordinary re-draws had their chance, a growing share of all optional fields; from then
on its foreign keys also take new parents (``Users cannot follow themselves``: the one registered
user twice; ``Cannot add entries to a locked ledger``: the parent itself was refused).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.generation.encodings import Encoded
from pytest_forge.generation.lessons import named_optional_fields

if TYPE_CHECKING:
    from pytest_forge.generation.overrides import Override
    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.spec import Rejection

__all__ = [
    "LEAVE_OUT_FROM",
    "MAX_ATTEMPTS",
    "all_but_one",
    "drawn_fields",
    "fresh_parents",
    "key_sharers",
    "left_out",
    "next_key_writer",
    "redraw",
]

#: how many times a record's failing fields are re-drawn before we give up
MAX_ATTEMPTS = 25
#: from this re-draw on, refused fields with defaults are left out instead (leaving room for the
#: whole-model refusal that may follow, ``either a or b``, to ask for another field)
LEAVE_OUT_FROM = MAX_ATTEMPTS - 5

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
    record: dict[str, Any],
    given_up: set[str] | frozenset[str] = frozenset(),
) -> tuple[set[str], set[str]]:
    """The optional fields to leave out after a whole-model refusal, and the one kept: all but one
    of those its message names (another one kept each time: ``only one of`` and ``one of ... is
    required`` alike; every third time none of them: ``keys and values must have the same length``);
    the one it names kept when it was empty (``must have a product class``), else left out (``only
    child products can have a parent``, ``sha256 mismatch``: a value the model computes when absent),
    for a while; else, after a while, a growing share of all of them. One of several left out for its
    refused values (``given_up``) is kept only when all are."""
    named = named_optional_fields(plan, rejection.message, keep)
    if len(named) > 1:
        if attempt % 3 == 2:
            return omitted | set(named), set()
        kept = plan.fields[0].rng.choice([n for n in named if n not in given_up] or named)
        return (omitted - set(named)) | {n for n in named if n != kept}, {kept}
    if named and attempt < _THIN_AFTER:  # one field: set it when it was empty, else try without it
        if named[0] in omitted or _empty(record.get(named[0])):
            return omitted - set(named), set(named)
        if not plan.spec.by_name[named[0]].required:
            return omitted | set(named), set()
    if attempt >= _THIN_AFTER:
        return omitted | _thinned(plan, overrides, attempt, keep), set()
    return omitted, set()


def all_but_one(plan: ModelPlan, rejection: Rejection, keep: set[str]) -> set[str]:
    """The optional fields to leave out when a refusal names several with one message (django-celery-
    beat's "Only one of clocked, interval, crontab, or solar must be set", said of each one set): all
    but one of them (re-drawing them all would set most of them again)."""
    fields = rejection.fields
    names = sorted(
        name
        for name in fields
        if name not in keep and plan.spec.by_name[name].has_default and not plan.spec.by_name[name].required
    )
    if len(names) < 2 or len(names) != len(fields) or len(set(fields.values())) != 1:
        return set()
    kept = plan.fields[0].rng.choice(names)
    return {name for name in names if name != kept}


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value)


def _thinned(plan: ModelPlan, overrides: dict[str, Override], attempt: int, needed: set[str]) -> set[str]:
    """More optional fields left to their defaults: a third of them each time, all near the end."""
    share = 1.0 if attempt >= MAX_ATTEMPTS - _THIN_STEPS else 1 / 3
    return {
        fp.name
        for fp in plan.fields
        if fp.field.has_default
        and not fp.field.required  # a Django key without a default: left out, its clean() would crash
        and fp.name not in overrides
        and fp.name not in needed
        and fp.rng.random() < share
    }


def fresh_parents(rejection: Rejection, attempt: int) -> bool:
    """Whether the re-draw after this refusal gives the record's foreign keys new parents: a refusal
    of the model as a whole that names no field, once plain re-draws had their chance."""
    return not rejection.fields and attempt >= _FRESH_AFTER


def key_sharers(plan: ModelPlan, names: set[str]) -> list[str]:
    """The fields (in declaration order) that read one input key with one of ``names`` (VPC Lattice's
    ``time_epoch: float`` and ``time_epoch_as_datetime: datetime``, both ``alias="timeEpoch"``)."""
    keys = {fp.field.input_path for fp in plan.fields if fp.name in names and len(fp.field.input_path) == 1}
    group = [fp.name for fp in plan.fields if fp.field.input_path in keys]
    paths = [plan.spec.by_name[name].input_path for name in group]
    return [name for name, path in zip(group, paths, strict=True) if paths.count(path) > 1]


def next_key_writer(sharers: list[str], omitted: set[str]) -> set[str]:
    """The sharers left out of the input so that the next of them writes the key (the input holds one
    value for all of them, the last written; each refusal tries the next one's)."""
    writing = [name for name in sharers if name not in omitted]
    current = sharers.index(writing[-1]) if writing else -1
    writer = sharers[(current + 1) % len(sharers)]
    return {name for name in sharers if name != writer}


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
    layers: dict[str, tuple[str, ...]] | None = None,
    drawn_in: dict[str, tuple[str, ...]] | None = None,
) -> None:
    """New values for ``names``; each re-draw of a field its validators refused switches it between
    its plain values and its variant when it has one (``drawn_as`` says which one each value came
    from); other fields keep their family. A field validators asked for (``wanted``) is drawn in
    full even when a size budget cut it; one a refusal needs set (``present``: the one kept of those
    a whole-model refusal named, or one refused for being left out) is drawn with ``none_p`` 0, its
    nested optional parts too (drawing it as before would give the None just refused again), and an
    optional foreign key with no parent to pick makes one (``filling``). Plain values of a field a
    decoding refused are encoded in its ``layers`` (``drawn_in`` notes the layers each new value has)."""
    layers = layers or {}
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
        if drawn_in is not None:
            gen = _encoded(fp, gen, layers, drawn_in)
        if name in present:
            with plan.options.scoped(0.0, filling=True):  # the same random stream, but no None this time
                record[name] = gen(fp.rng)
        else:
            record[name] = gen(fp.rng)


def _same_family(fp: Any, drawn_as: dict[str, bool]) -> Any:
    return fp.variant if drawn_as[fp.field.name] and fp.variant is not None else fp.gen


def _encoded(
    fp: Any, gen: Any, layers: dict[str, tuple[str, ...]], drawn_in: dict[str, tuple[str, ...]]
) -> Any:
    """``gen`` encoded in the field's layers when it draws plain values (a variant is left as it is)."""
    name = fp.field.name
    if name in layers and layers[name] and gen is not fp.variant:
        drawn_in[name] = layers[name]
        return Encoded(gen, layers[name])
    drawn_in.pop(name, None)
    return gen
