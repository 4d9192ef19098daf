"""What refusals taught about a model class while drawing under one top-level plan.

Validators belong to the class: a plain datetime refused where an aware one passes (FHIR's
``DateTime``), or optional fields that must be left out together (``only one of value[x]``), are
refused again on the next record of that class. So the plan remembers: fields whose variant
(generation/variants.py) passed where their plain values were refused are drawn from the variant
first, fields whose encoded values passed where plain ones were refused by a decoding (base64 ...)
are drawn encoded first, and the optional fields whose leaving out got a whole-model refusal
through are left out from the first validation on.

Lessons live in the top-level plan's :class:`~pytest_forge.generation.budget.SizeBudget`, shared by
the nested plans of one class: what a call generates depends only on earlier calls for the same
top-level model, as its random streams do, never on other models the Forge made (law 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pytest_forge.generation.compiler import CompileContext
    from pytest_forge.generation.plan import ModelPlan

__all__ = ["Lessons", "kin_of", "learn_holders", "lessons_for", "named_optional_fields", "outside_init"]


@dataclass(slots=True)
class Lessons:
    """Learned for one model class: what to draw or leave out before the first validation."""

    #: fields drawn from their variant first (their plain values were refused, the variant's passed)
    variants: set[str] = field(default_factory=set)
    #: optional fields left out from the first validation (a whole-model refusal passed without them)
    omitted: frozenset[str] = frozenset()
    #: drawn as a validated instance, not an input dict: a parent's refusal pointed inside it
    #: (generation/locations.py), so its own re-draws go to the refused field
    as_instance: bool = False
    #: fields whose plain draws are encoded first, in these layers (generation/encodings.py)
    encodings: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def learn_variants(self, refused_as: dict[str, bool], drawn_as: dict[str, bool]) -> None:
        """After a record passed: ``refused_as`` name → whether a refused value came from the variant,
        ``drawn_as`` name → whether the accepted value did."""
        for name, refused_variant in refused_as.items():
            accepted_variant = drawn_as.get(name, refused_variant)
            if accepted_variant and not refused_variant:
                self.variants.add(name)
            elif refused_variant and not accepted_variant:
                self.variants.discard(name)

    def learn_encodings(self, refused: set[str], drawn_in: dict[str, tuple[str, ...]]) -> None:
        """After a record passed: the layers the accepted values of refused fields were encoded in."""
        for name in refused:
            if drawn_in.get(name):
                self.encodings[name] = drawn_in[name]
            else:
                self.encodings.pop(name, None)


def lessons_for(ctx: CompileContext, model: Any) -> Lessons:
    """The lessons of ``model``'s class under the top-level plan being compiled."""
    if ctx.budget is None:
        return Lessons()
    found: Lessons = ctx.budget.lessons.setdefault(model, Lessons())
    return found


def kin_of(ctx: CompileContext) -> dict[Any, Lessons]:
    """The lessons of every class under the top-level plan being compiled (empty without one)."""
    return {} if ctx.budget is None else ctx.budget.lessons


def learn_holders(plan: ModelPlan, located: dict[str, tuple[Any, ...]]) -> bool:
    """After a refusal located inside nested models (``located``: field name → the steps under it):
    the models holding the refused leaves are drawn as validated instances from now on. True when
    one of them was not yet."""
    from pytest_forge.generation.locations import holder_of

    learned = False
    for name, steps in located.items():
        spec = plan.spec.by_name.get(name)
        holder = None if spec is None else holder_of(spec.type, steps)
        if holder is None:
            continue
        lessons = plan.kin.get(holder)
        if lessons is not None and not lessons.as_instance:
            lessons.as_instance = learned = True
    return learned


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PHRASE_WORD = re.compile(r"[a-z0-9]+")


def named_optional_fields(plan: ModelPlan, message: str, keep: set[str] | frozenset[str]) -> list[str]:
    """Optional fields (with defaults) that a whole-model refusal's message names, by name or alias,
    or by their words (``must have a product class`` names ``product_class``).

    ``only one of a, b``, ``'x' and 'y' are mutually exclusive``, ``Any of one field value is expected
    from this list ['valueString', 'valueCode'] but got multiple``: leaving out all but one of them
    passes such validators. Fields in ``keep`` (overrides, fields refused for being left out) stay.
    """
    words = set(_WORD.findall(message))
    phrases = f" {' '.join(_PHRASE_WORD.findall(message.lower()))} "
    named = []
    for fp in plan.fields:
        spec = fp.field
        if not spec.has_default or spec.name in keep:
            continue
        keys = {spec.name, *(str(step) for step in spec.input_path[:1])}
        if keys & words or _named_by_words(spec.name, phrases):
            named.append(spec.name)
    return named


def _named_by_words(name: str, phrases: str) -> bool:
    """``product_class`` in `` your product must have a product class `` (Django's messages name a
    field by its verbose name); a one-word name is left to the words."""
    parts = [part for part in name.lower().split("_") if part]
    return len(parts) > 1 and f" {' '.join(parts)} " in phrases


def outside_init(plan: ModelPlan, keep: set[str]) -> set[str]:
    """Fields the model's own ``__init__`` does not name, when it names some: after a refusal they are
    left out, as it may compute them itself (a template's variables from its text) or not take them.

    Fields in ``keep`` (overrides, fields refused for being left out) stay.
    """
    named = plan.spec.init_keys
    if named is None:
        return set()
    return {
        fp.field.name
        for fp in plan.fields
        if fp.field.name not in keep
        and fp.field.name not in named
        and not (fp.field.input_path and fp.field.input_path[0] in named)
    }
