"""The field hook that makes a record's fields agree: members of a group draw from its draft.

The groups themselves (a person, a product, a review, a timeline, natural keys) are described
in ``providers.record_scheme``; this hook, compiled once per field, swaps in their generators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_forge.generation.compiler import Compiled
from pytest_forge.providers.coherence import RecordScheme, wrap_member
from pytest_forge.providers.locale_data import normalize_locale
from pytest_forge.providers.record_scheme import record_scheme

if TYPE_CHECKING:
    import datetime
    from collections.abc import Callable

    from pytest_forge.generation.plan import FieldCompiler
    from pytest_forge.spec import FieldSpec, ModelSpec

__all__ = ["coherent_field_compiler", "record_field_compiler"]

_GATED = frozenset({"sensitive", "dangerous"})


def coherent_field_compiler(
    build: Callable[[ModelSpec], RecordScheme],
) -> FieldCompiler:
    """A ``Forge._field_hooks`` entry: fields in a group draw from their group's draft."""
    schemes: dict[tuple[tuple[str, ...], int], tuple[ModelSpec, RecordScheme]] = {}

    def hook(spec: ModelSpec, fspec: FieldSpec, current: Compiled, path: tuple[str, ...]) -> Compiled | None:
        if fspec.computed or current.tier == "structural":
            return None
        key = (path[:-1], id(spec))
        known = schemes.get(key)
        if known is None or known[0] is not spec:
            known = (spec, build(spec))
            schemes[key] = known
        member = known[1].members.get(fspec.name)
        if current.tier in _GATED and (member is None or not member.gated):
            return None  # the gate's values stay (a person's national id is not a persona field)
        if member is None or (member.source is not None and member.source != current.source):
            single = known[1].single.get(fspec.name)
            if single is not None and single[0] in (None, current.source):
                return Compiled(single[1](current.gen), current.source, current.tier, current.nested)
            return None
        gen = wrap_member(member, current.gen, fspec.type.kind == "optional")
        return Compiled(gen, current.source, current.tier, current.nested)

    return hook


def record_field_compiler(locale: str, reference: datetime.date) -> FieldCompiler:
    """The ``Forge._field_hooks`` entry that makes a record's fields agree with each other."""
    code = normalize_locale(locale)
    return coherent_field_compiler(lambda spec: record_scheme(spec, code, reference))
