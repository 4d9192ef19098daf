"""Natural keys outside a person group (``slug``, ``sku``, ``order_number``, a lone ``email``):
unique within the Forge by default, through :class:`~pytest_forge.providers.distinct.Distinct`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.field_tags import NotUnique
from pytest_forge.providers.distinct import UNIQUE_SOURCES, Distinct, distinct_gen
from pytest_forge.providers.shaping import Shape
from pytest_forge.providers.tokens import split_name

if TYPE_CHECKING:
    from pytest_forge.providers.coherence import Gen, Wrapper
    from pytest_forge.spec import FieldSpec, ModelSpec

__all__ = ["is_natural_key", "unique_singles"]

#: words that may stand beside a key's own words without making it someone else's
_KEY_WORDS = frozenset(
    [
        "email",
        "mail",
        "address",
        "e",
        "user",
        "username",
        "name",
        "login",
        "handle",
        "slug",
        "sku",
        "order",
        "invoice",
        "tracking",
        "number",
        "no",
        "num",
        "id",
        "code",
        "product",
        "item",
        "stock",
        "keeping",
        "unit",
        "primary",
    ]
)


def is_natural_key(model: Any, fspec: FieldSpec, source: str | None) -> bool:
    """``email``/``username``/``slug``/``sku``/``order_number``: not ``customer_email``, not NotUnique."""
    from pytest_forge.field_tags import annotation_tag

    if source not in UNIQUE_SOURCES or Shape.of(fspec.type) is None:
        return False
    if fspec.tag(NotUnique) is not None or annotation_tag(model, fspec.name, NotUnique) is not None:
        return False
    return all(token in _KEY_WORDS or token.isdigit() for token in split_name(fspec.name))


def _wrapper(model: str, fspec: FieldSpec, sep: str) -> Wrapper:
    shape = Shape.of(fspec.type)
    assert shape is not None

    def wrap(original: Gen) -> Gen:  # called while the plan compiles (inside ``known_keys``)
        return distinct_gen(original, Distinct(shape, sep, key=(model, fspec.name)))

    return wrap


def unique_singles(spec: ModelSpec, sources: dict[str, str | None]) -> dict[str, tuple[str | None, Wrapper]]:
    """A uniqueness wrapper for each natural-key field of the model."""
    found: dict[str, tuple[str | None, Wrapper]] = {}
    for fspec in spec.fields:
        source = sources.get(fspec.name)
        if is_natural_key(spec.model, fspec, source):
            found[fspec.name] = (source, _wrapper(spec.name, fspec, UNIQUE_SOURCES[source or ""]))
    return found
