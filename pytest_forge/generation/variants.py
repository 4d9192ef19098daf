"""Other families of valid values, tried when a model's validators keep refusing a field.

A plain ``datetime`` field gets naive datetimes by default; a validator that wants aware ones
(FHIR's ``DateTime``) refuses every draw. Re-draws alternate with the variant returned here.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pytest_forge.spec import TypeSpec

__all__ = ["variant_spec"]


def variant_spec(spec: TypeSpec) -> TypeSpec | None:
    """The spec of another family of values ``spec`` allows, or None when it has none."""
    if spec.kind == "optional":
        inner = variant_spec(spec.args[0])
        return None if inner is None else dataclasses.replace(spec, args=(inner,))
    if spec.kind in ("datetime", "time") and spec.tz is None and not spec.predicates:
        return dataclasses.replace(spec, tz="aware")
    return None
