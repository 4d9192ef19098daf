"""What a field must show at least once in a coverage set: its coverage targets.

Every enum/Literal value and bool, None and present for optionals, one value per union arm,
numeric edges, string and collection lengths at their limits (a collection of choices holding
every choice), and a nested model's own coverage.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from pytest_forge.coverage.edges import length_limits, numeric_edges

if TYPE_CHECKING:
    from pytest_forge.spec import TypeSpec

__all__ = ["Target", "TargetSource", "type_targets"]

_COLLECTIONS = {"list": list, "set": set, "frozenset": frozenset}


@dataclass(frozen=True, slots=True)
class Target:
    """A value a coverage set must contain for a field, and what it stands for (``"min"``, ``"None"``)."""

    label: str
    value: Any

    def fresh(self) -> Any:
        """The value, copied (rows never share a mutable list)."""
        return copy.deepcopy(self.value)


class TargetSource(Protocol):
    """What targets need from the Forge: a realistic valid value of a type, a nested model's coverage."""

    def draw(self, spec: TypeSpec) -> Any: ...

    def nested(self, model: Any) -> list[Any]: ...


def type_targets(spec: TypeSpec, source: TargetSource) -> list[Target]:
    """The targets of a value of type ``spec`` (empty: any generated value will do)."""
    kind = spec.kind
    if kind == "optional":
        inner = spec.args[0]
        return [
            Target("None", None),
            *(type_targets(inner, source) or [Target("present", source.draw(inner))]),
        ]
    if kind in ("enum", "literal"):
        return [Target(repr(choice), choice) for choice in spec.choices]
    if kind == "bool":
        return [Target("True", True), Target("False", False)]
    if kind == "none":
        return [Target("None", None)]
    if kind == "union":
        return _union_targets(spec, source)
    if kind == "model":
        return [Target(f"{spec.model.__name__}[{i}]", v) for i, v in enumerate(source.nested(spec.model))]
    if kind == "str" and spec.pattern is None:
        return [
            Target(f"length {n}", _text_of_length(source.draw(spec), n, spec)) for n in length_limits(spec)
        ]
    if kind in _COLLECTIONS:
        return _collection_targets(spec, source)
    return [Target(label, value) for label, value in numeric_edges(spec)]


def _union_targets(spec: TypeSpec, source: TargetSource) -> list[Target]:
    targets = []
    for index, arm in enumerate(spec.args):
        name = arm.label or arm.kind
        arm_targets = type_targets(arm, source) or [Target("present", source.draw(arm))]
        targets += [Target(f"arm {index} ({name}): {t.label}", t.value) for t in arm_targets]
    return targets


def _text_of_length(base: str, length: int, spec: TypeSpec) -> str:
    """``base`` cut or repeated to exactly ``length`` characters, never ending in whitespace."""
    if length == 0:
        return ""
    seed = base.strip() or "x"
    text = (seed + " ") * (length // (len(seed) + 1) + 1)
    text = text[:length]
    if text[-1].isspace() or text[0].isspace():
        filler = "X" if spec.to_upper else "x"
        text = filler + text[1:-1] + filler if length > 1 else filler
    return text


def _collection_targets(spec: TypeSpec, source: TargetSource) -> list[Target]:
    item = spec.args[0] if spec.args else None
    if item is None:
        return []
    build = _COLLECTIONS[spec.kind]
    choices = (
        [t.value for t in type_targets(item, source)] if item.kind in ("enum", "literal", "bool") else []
    )
    targets: list[Target] = []
    size = spec.max_length or len(choices) or 1
    for start in range(0, len(choices), size):
        chunk = _padded(choices[start : start + size], spec.min_length or 0, build is list)
        if chunk is not None:
            targets.append(Target(f"holds {', '.join(map(repr, chunk))}", build(chunk)))
    for length in length_limits(spec) or [0]:
        items = _items(item, length, source, choices, unique=build is not list)
        if items is not None:
            targets.append(Target(f"length {length}", build(items)))
    unique: dict[str, Target] = {}
    for target in targets:
        unique.setdefault(repr(target.value), target)
    return list(unique.values())


def _padded(chunk: list[Any], minimum: int, repeats: bool) -> list[Any] | None:
    if len(chunk) >= minimum:
        return chunk
    if not repeats:
        return None
    return (chunk * (minimum // len(chunk) + 1))[:minimum]


def _items(
    item: TypeSpec, length: int, source: TargetSource, choices: list[Any], unique: bool
) -> list[Any] | None:
    if choices:
        return _padded(choices[:length], length, not unique) if length else []
    items: list[Any] = []
    for _ in range(length * 5):
        if len(items) == length:
            break
        value = source.draw(item)
        if not unique or value not in items:
            items.append(value)
    return items if len(items) == length else None
