"""Read constraint metadata (annotated-types, pydantic, our own tags) onto a TypeSpec."""

from __future__ import annotations

import dataclasses
from typing import Any

import annotated_types as at

from pytest_forge.field_tags import ForeignKey, _Flag
from pytest_forge.spec import TypeSpec

__all__ = ["Collected", "apply_constraints", "collect_metadata"]

_BOUNDS = ("gt", "ge", "lt", "le", "multiple_of")
_GENERAL = ("max_digits", "decimal_places", "pattern", "allow_inf_nan", "strict", "min_length", "max_length")


@dataclasses.dataclass(slots=True)
class Collected:
    """Constraints and markers gathered from a field's metadata, before they reach a TypeSpec."""

    values: dict[str, Any] = dataclasses.field(default_factory=dict)
    tags: list[Any] = dataclasses.field(default_factory=list)
    predicates: list[Any] = dataclasses.field(default_factory=list)
    discriminator: Any = None
    json: bool = False
    others: list[Any] = dataclasses.field(default_factory=list)

    def merged(self, other: Collected) -> Collected:
        """A copy holding both (``other`` wins on conflicts, as inner metadata does)."""
        return Collected(
            values={**self.values, **other.values},
            tags=[*self.tags, *other.tags],
            predicates=[*self.predicates, *other.predicates],
            discriminator=other.discriminator if other.discriminator is not None else self.discriminator,
            json=self.json or other.json,
            others=[*self.others, *other.others],
        )


def collect_metadata(items: Any, into: Collected | None = None) -> Collected:
    """Walk ``Annotated`` metadata (nested FieldInfo and grouped metadata included)."""
    found = into if into is not None else Collected()
    for item in items:
        _collect_one(item, found)
    return found


def _collect_one(item: Any, found: Collected) -> None:
    from pydantic import Discriminator, Json, StringConstraints
    from pydantic.fields import FieldInfo

    if item is None:
        return
    if isinstance(item, (ForeignKey, _Flag)):
        found.tags.append(item)
    elif item is Json or isinstance(item, Json):
        found.json = True
    elif isinstance(item, FieldInfo):
        collect_metadata(item.metadata, found)
        if item.discriminator is not None:
            found.discriminator = item.discriminator
    elif isinstance(item, Discriminator):
        found.discriminator = item
    elif isinstance(item, StringConstraints):
        _collect_string_constraints(item, found)
    elif isinstance(item, at.Predicate):
        found.predicates.append(item.func)
    elif isinstance(item, at.Interval):
        _collect_attrs(item, _BOUNDS, found)
    elif isinstance(item, (at.Gt, at.Ge, at.Lt, at.Le, at.MultipleOf, at.MinLen, at.MaxLen)):
        _collect_attrs(item, (*_BOUNDS, "min_length", "max_length"), found)
    elif isinstance(item, at.GroupedMetadata):
        collect_metadata(iter(item), found)
    elif type(item).__name__ == "_PydanticGeneralMetadata":
        _collect_attrs(item, _GENERAL, found)
    elif type(item).__name__ in ("EncodedStr", "EncodedBytes"):
        found.values["encoder"] = item.encoder
    elif type(item).__name__ in ("UuidVersion", "PathType", "UrlConstraints", "Strict"):
        _collect_special(item, found)
    elif type(item).__name__ == "Meta" and type(item).__module__.startswith("msgspec"):
        _collect_msgspec_meta(item, found)
    else:
        found.others.append(item)


def _collect_attrs(item: Any, names: tuple[str, ...], found: Collected) -> None:
    for name in names:
        value = getattr(item, name, None)
        if value is not None:
            found.values[name] = value


def _collect_msgspec_meta(item: Any, found: Collected) -> None:
    """``msgspec.Meta(ge=0, max_length=20, pattern=..., tz=True)``; its description too."""
    _collect_attrs(item, (*_BOUNDS, "min_length", "max_length", "pattern"), found)
    if item.tz is not None:
        found.values["tz"] = "aware" if item.tz else "naive"


def _collect_string_constraints(item: Any, found: Collected) -> None:
    _collect_attrs(item, ("min_length", "max_length", "pattern", "strict"), found)
    for flag in ("to_lower", "to_upper", "strip_whitespace"):
        if getattr(item, flag, None):
            found.values[flag] = True


def _collect_special(item: Any, found: Collected) -> None:
    name = type(item).__name__
    if name == "UuidVersion":
        found.values["version"] = item.uuid_version
    elif name == "PathType":
        found.values["path_type"] = item.path_type
    elif name == "Strict":
        found.values["strict"] = bool(item.strict)
    else:
        if item.allowed_schemes:
            found.values["schemes"] = tuple(item.allowed_schemes)
        if item.max_length is not None:
            found.values["max_length"] = item.max_length
        if item.host_required:
            found.values["host_required"] = True


_SPEC_FIELDS = {f.name for f in dataclasses.fields(TypeSpec)}


def apply_constraints(spec: TypeSpec, found: Collected) -> TypeSpec:
    """Copy the collected constraints onto ``spec`` (wrappers pass them to their inner spec)."""
    if spec.kind in ("optional", "json"):
        spec.args = (apply_constraints(spec.args[0], found),)
        return spec
    if spec.kind == "union" and not found.discriminator:
        spec.args = tuple(apply_constraints(arm, found) for arm in spec.args)
        return spec
    for key, value in found.values.items():
        if key in _SPEC_FIELDS:
            setattr(spec, key, value)
    if found.predicates:
        spec.predicates = (*spec.predicates, *found.predicates)
    return spec
