"""Build a model's :class:`RecordScheme`: which of its fields share a person, a product, a review,
a timeline, and which natural keys stay unique.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_forge.providers.coherence import RecordScheme, coherent_field_compiler
from pytest_forge.providers.locale_data import normalize_locale

if TYPE_CHECKING:
    import datetime

    from pytest_forge.generation.plan import FieldCompiler
    from pytest_forge.spec import ModelSpec

__all__ = ["record_field_compiler", "record_scheme"]


def _sources(spec: ModelSpec) -> dict[str, str | None]:
    """The provider source each str field's name asks for (what the engine compiled it with)."""
    from pytest_forge.providers.catalog import find_provider

    found: dict[str, str | None] = {}
    for fspec in spec.fields:
        provider = find_provider(fspec.name, fspec.type, model_name=spec.name)
        found[fspec.name] = None if provider is None else provider.source
    return found


def record_scheme(spec: ModelSpec, locale: str, reference: datetime.date) -> RecordScheme:
    """Every group and single-field rule of one model."""
    from pytest_forge.providers.keys_unique import unique_singles
    from pytest_forge.providers.person_group import person_members

    sources = _sources(spec)
    scheme = RecordScheme()
    scheme.members.update(person_members(spec, sources, locale, reference))
    for name, rule in unique_singles(spec, sources).items():
        if name not in scheme.members:
            scheme.single[name] = rule
    return scheme


def record_field_compiler(locale: str, reference: datetime.date) -> FieldCompiler:
    """The ``Forge._field_hooks`` entry that makes a record's fields agree with each other."""
    code = normalize_locale(locale)
    return coherent_field_compiler(lambda spec: record_scheme(spec, code, reference))
