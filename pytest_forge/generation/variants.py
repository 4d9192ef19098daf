"""Other families of valid values, tried when a model's validators keep refusing a field.

A plain ``datetime`` field gets naive datetimes by default; a validator that wants aware ones
(FHIR's ``DateTime``) refuses every draw. An ``Any`` field gets scalars; atproto's record fields
want a mapping. Re-draws alternate with the variant returned here.
"""

from __future__ import annotations

import dataclasses

from pytest_forge.spec import TypeSpec

__all__ = ["variant_spec"]


def variant_spec(spec: TypeSpec) -> TypeSpec | None:
    """The spec of another family of values ``spec`` allows, or None when it has none."""
    if spec.kind == "optional":
        inner = variant_spec(spec.args[0])
        return None if inner is None else dataclasses.replace(spec, args=(inner,))
    if spec.kind in ("datetime", "time") and spec.tz is None and not spec.predicates:
        return dataclasses.replace(spec, tz="aware")
    if spec.kind == "any" and not spec.predicates:  # validators of ``Any`` fields often want a mapping
        return TypeSpec("dict", python_type=dict, args=(TypeSpec("str"), TypeSpec("any")), max_length=3)
    return None
