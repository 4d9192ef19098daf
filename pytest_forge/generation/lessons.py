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

__all__ = ["Lessons", "lessons_for", "named_optional_fields", "outside_init"]


@dataclass(slots=True)
class Lessons:
    """Learned for one model class: what to draw or leave out before the first validation."""

    #: fields drawn from their variant first (their plain values were refused, the variant's passed)
    variants: set[str] = field(default_factory=set)
    #: optional fields left out from the first validation (a whole-model refusal passed without them)
    omitted: frozenset[str] = frozenset()
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


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def named_optional_fields(plan: ModelPlan, message: str, keep: set[str] | frozenset[str]) -> list[str]:
    """Optional fields (with defaults) that a whole-model refusal's message names, by name or alias.

    ``only one of a, b``, ``'x' and 'y' are mutually exclusive``, ``Any of one field value is expected
    from this list ['valueString', 'valueCode'] but got multiple``: leaving out all but one of them
    passes such validators. Fields in ``keep`` (overrides, fields refused for being left out) stay.
    """
    words = set(_WORD.findall(message))
    named = []
    for fp in plan.fields:
        spec = fp.field
        if not spec.has_default or spec.name in keep:
            continue
        keys = {spec.name, *(str(step) for step in spec.input_path[:1])}
        if keys & words:
            named.append(spec.name)
    return named


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
