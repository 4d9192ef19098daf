"""Natural keys unique across partitions: emails, usernames, slugs carry the record's global key.

Partitions never talk to each other, so a registry cannot keep ``Unique`` strings apart across
them. Instead each value embeds the record's global key (``ada.lovelace.1042@example.org``,
``ada_1042``, ``on-computing-1042``): two records never share a key, so they never share the value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError
from pytest_forge.field_tags import Unique, annotation_tag

if TYPE_CHECKING:
    import random

    from pytest_forge.generation.compiler import Gen
    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.partitions.keys import KeyRange
    from pytest_forge.spec import FieldSpec, ModelSpec

__all__ = ["NaturalKey", "natural_key_fields"]

#: field names that are unique in practice even when the model does not say so
NATURAL_NAMES = frozenset({"email", "username", "user_name", "login", "handle", "slug", "nickname"})
_TEXT_KINDS = ("str", "email")


def natural_key_fields(spec: ModelSpec) -> tuple[FieldSpec, ...]:
    """Text fields that must stay unique across partitions: tagged ``Unique``, a str primary key,
    or named like a natural key (``email``, ``username``, ``slug``, ...)."""
    from pytest_forge.partitions.keys import primary_key_field

    key = primary_key_field(spec)
    chosen = []
    for fs in spec.fields:
        if fs.type.inner().kind not in _TEXT_KINDS:
            continue
        tagged = fs.tag(Unique) is not None or annotation_tag(spec.model, fs.name, Unique) is not None
        if tagged or fs is key or fs.name.lower() in NATURAL_NAMES:
            chosen.append(fs)
    return tuple(chosen)


@dataclass(slots=True)
class NaturalKey:
    """An override (``forge_draw``) drawing the field as usual, then embedding the record's global key."""

    plan: ModelPlan
    spec: FieldSpec
    keys: KeyRange
    key_field: str | None
    _made: int = field(default=0)
    _gen: Gen | None = None

    def forge_draw(self, rng: random.Random, record: dict[str, Any], state: dict[str, Any]) -> Any:
        if self._gen is None:
            self._gen = next(fp.gen for fp in self.plan.fields if fp.field.name == self.spec.name)
        value = self._gen(rng)
        key = self._key(record)
        return None if value is None else self._embed(str(value), key)

    def _key(self, record: dict[str, Any]) -> int:
        given = record.get(self.key_field) if self.key_field else None
        ordinal = self.keys.first + self._made
        self._made += 1
        return given if isinstance(given, int) and not isinstance(given, bool) else ordinal

    def _embed(self, value: str, key: int) -> str:
        inner = self.spec.type.inner()
        if inner.kind == "email" or (self.spec.name.lower() == "email" and "@" in value):
            local, _, domain = value.rpartition("@")
            made = f"{local}.{key}@{domain}"
        else:
            sep = "-" if "slug" in self.spec.name.lower() else "_"
            made = self._fit(value, f"{sep}{key}", inner.max_length)
        if inner.pattern is not None and re.search(inner.pattern, made) is None:
            raise self._cannot(f"{made!r} no longer matches its pattern {inner.pattern!r}")
        return made

    def _fit(self, value: str, suffix: str, max_length: int | None) -> str:
        if max_length is None:
            return value + suffix
        if len(suffix) + 1 > max_length:
            raise self._cannot(f"max_length={max_length} leaves no room for the key {suffix[1:]}")
        return value[: max_length - len(suffix)] + suffix

    def _cannot(self, why: str) -> ConstraintError:
        name = self.plan.name
        return ConstraintError(
            f"{name}.{self.spec.name} must be unique across partitions, so each value embeds the "
            f"record's key, but {why}; make it yourself with "
            f"overrides={{{self.spec.name!r}: <a callable of the record>}}",
            model=self.plan.spec.model,
            field=self.spec.name,
        )
