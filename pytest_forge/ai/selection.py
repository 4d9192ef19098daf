"""Which fields of a plan the LLM writes, and which sibling values it may see for coherence.

Only ``semantic`` string fields are written by the LLM. Siblings are shown only when they are
plain values of a ``standard`` or ``default`` field (or a user override) that the permission
gates classify as safe, all the way down: sensitive and dangerous data never reaches a prompt.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.ai.prompt import SemanticField
from pytest_forge.field_tags import Dangerous, ForeignKey, PrimaryKey, Sensitive

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pytest_forge.generation.plan import FieldPlan, ModelPlan

__all__ = ["Selection", "select_fields", "sibling_values"]

_UNSAFE_TIERS = frozenset({"sensitive", "dangerous"})
_SIBLING_TIERS = frozenset({"standard", "default"})
_UNSAFE_KINDS = frozenset({"secret_str", "secret_bytes", "payment_card"})
_MAX_SIBLING_CHARS = 160
_KEY_SUFFIXES = ("_id", "_ids", "_uuid", "_key", "_pk", "_fk")


@dataclass(frozen=True, slots=True)
class Selection:
    """The fields the LLM writes and the field names whose values it may read."""

    semantic: tuple[SemanticField, ...]
    siblings: tuple[str, ...]


def select_fields(plan: ModelPlan, overridden: frozenset[str]) -> Selection:
    """The semantic fields to write and the safe siblings to show, for one model and call.

    With no semantic text field there is nothing to write and no sibling is read: the gates'
    classification (a walk of every nested model) is skipped."""
    texts = [fp for fp in plan.fields if fp.origin.tier == "semantic" and fp.name not in overridden]
    texts = [fp for fp in texts if _is_text(fp)]
    if not texts:
        return Selection((), ())
    levels = _gate_levels(plan)
    unsafe = None if levels is None else [path for path, level in levels.items() if level != "safe"]
    semantic = tuple(_semantic_field(fp) for fp in texts if _is_safe(fp, unsafe))
    siblings = tuple(
        fp.name
        for fp in plan.fields
        if (fp.origin.tier in _SIBLING_TIERS or fp.name in overridden)
        and not _is_key(fp)
        and _is_safe(fp, unsafe)
    )
    return Selection(semantic, siblings)


def sibling_values(record: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """The record's shown sibling values as JSON-ready scalars (others are left out)."""
    shown: dict[str, Any] = {}
    for name in names:
        value = _plain(record.get(name))
        if value is not None:
            shown[name] = value
    return shown


def _semantic_field(fp: FieldPlan) -> SemanticField:
    spec = fp.field.type.inner()
    return SemanticField(fp.name, fp.field.description, spec.min_length, spec.max_length)


def _is_text(fp: FieldPlan) -> bool:
    spec = fp.field.type.inner()
    return spec.kind == "str" and spec.pattern is None


def _is_key(fp: FieldPlan) -> bool:
    """Keys say nothing to a writer, and foreign keys are only set after the LLM has answered."""
    field = fp.field
    name = field.name.lower()
    return (
        field.tag(ForeignKey) is not None
        or field.tag(PrimaryKey) is not None
        or field.type.inner().kind == "uuid"
        or name == "id"
        or name.endswith(_KEY_SUFFIXES)
    )


def _is_safe(fp: FieldPlan, unsafe: list[str] | None) -> bool:
    """True when the field and everything under it are safe (``unsafe``: the gates' paths that are not)."""
    field = fp.field
    if fp.origin.tier in _UNSAFE_TIERS or field.level in _UNSAFE_TIERS:
        return False
    if field.type.inner().kind in _UNSAFE_KINDS or field.tag(Sensitive) or field.tag(Dangerous):
        return False
    if unsafe is None:
        return False  # the gates could not classify this model: show nothing, write nothing
    below = f"{field.name}."
    return not any(path == field.name or path.startswith(below) for path in unsafe)


def _gate_levels(plan: ModelPlan) -> dict[str, str] | None:
    """``{dotted path: level}`` from the permission gates (None when they cannot classify the model)."""
    from pytest_forge.gates import classify

    try:
        return dict(classify(plan.spec).fields)
    except Exception:  # a model the gates cannot read is treated as unsafe (default-deny)
        return None


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, str):
        return value if len(value) <= _MAX_SIBLING_CHARS else value[:_MAX_SIBLING_CHARS] + "..."
    if isinstance(value, (dt.date, dt.time, decimal.Decimal, uuid.UUID)):
        return str(value)
    return None  # nested models, collections, bytes: not shown
