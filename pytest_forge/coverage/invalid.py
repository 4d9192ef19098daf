"""``forge.invalid(Model, field=...)``: inputs that each break exactly one constraint of one field.

Each :class:`InvalidCase` is a valid record's input with one value replaced (or one required
key removed); the model's own validation is asked, and a case is kept only when it refuses
that field and no other. Useful for testing that an API answers 422 for each reason.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from pytest_forge.coverage.edges import step_of
from pytest_forge.coverage.targets import _text_of_length
from pytest_forge.errors import UsageError
from pytest_forge.generation.builder import to_input
from pytest_forge.rng import field_stream

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.forge import Forge
    from pytest_forge.spec import FieldSpec, ModelSpec, TypeSpec

__all__ = ["InvalidCase", "invalid_cases"]


class _MissingKey:
    def __repr__(self) -> str:
        return "<key removed>"


#: an InvalidCase's ``value`` when the case removes a required key
MISSING_KEY: Any = _MissingKey()
_NUMBERS = ("int", "float", "decimal", "date", "datetime")
_WRONG_TYPE: dict[str, Any] = {
    **dict.fromkeys(_NUMBERS, "not a number"),
    "bool": "maybe",
    "str": 12345,
    "list": 42, "set": 42, "frozenset": 42, "tuple": 42, "dict": 42,
    "uuid": "not-a-uuid",
    "email": 12345,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class InvalidCase:
    """Input breaking one constraint: ``constraint`` of ``field`` (``ge``, ``max_length``, ``enum``...)."""

    field: str
    constraint: str
    data: dict[str, Any]
    #: the value put in the field (MISSING_KEY when the case removes a required key)
    value: Any


def invalid_cases(forge: Forge, model: Any, field: str | None = None) -> list[InvalidCase]:
    """The invalid cases of ``field`` (or of every field), each checked against the model."""
    plan = forge.plan(model)
    spec = plan.spec
    if field is not None and field not in spec.by_name:
        raise UsageError(
            f"invalid({spec.name}, field={field!r}): {spec.name} has no such field "
            f"(its fields: {', '.join(spec.by_name)})",
            model=model,
            field=field,
        )
    valid = forge.create(model)
    record = {f.name: _value_of(valid, f.name) for f in spec.fields}
    fields = [spec.by_name[field]] if field is not None else [f for f in spec.fields if not f.computed]
    cases = []
    for target in fields:
        path = (spec.name, target.name, "invalid")
        gen, rng = forge.value_generator(target.type.inner(), path), field_stream(forge.seed, *path)
        for constraint, value in _breaking_values(target, partial(gen, rng)):
            data = to_input(plan, {**record, target.name: value})
            if value is MISSING_KEY:
                data = to_input(plan, record, omitted={target.name})
            if _refused_for(spec, data, target.name):
                cases.append(InvalidCase(target.name, constraint, data, value))
    return cases


def _value_of(instance: Any, name: str) -> Any:
    return instance.get(name) if isinstance(instance, dict) else getattr(instance, name)


def _refused_for(spec: ModelSpec, data: dict[str, Any], name: str) -> bool:
    try:
        spec.validate(data)
    except Exception as exc:
        rejection = spec.failing_fields(exc)
        return rejection is not None and set(rejection.fields) == {name}
    return False


def _breaking_values(field: FieldSpec, draw: Callable[[], Any]) -> list[tuple[str, Any]]:
    spec = field.type.inner()
    found: list[tuple[str, Any]] = []
    if field.required and not field.has_default:
        found.append(("required", MISSING_KEY))
    if not field.type.nullable() and spec.kind not in ("any", "union"):  # a union refuses None per arm
        found.append(("not None", None))
    if spec.kind in _WRONG_TYPE:
        found.append(("type", _WRONG_TYPE[spec.kind]))
    if spec.kind in ("enum", "literal"):
        found.append((spec.kind, "__forge_invalid__"))
    found += _bound_breakers(spec)
    found += _length_breakers(spec, draw)
    if spec.kind == "str" and spec.pattern is not None:
        found += _pattern_breaker(spec)
    return found


def _bound_breakers(spec: TypeSpec) -> list[tuple[str, Any]]:
    if spec.kind not in _NUMBERS:
        return []
    step = step_of(spec)
    found = []
    for name, bound, up in (
        ("ge", spec.ge, False),
        ("gt", spec.gt, None),
        ("le", spec.le, True),
        ("lt", spec.lt, None),
    ):
        if bound is None:
            continue
        if up is None:  # gt/lt: the bound itself breaks it
            found.append((name, _on_grid(spec, bound, name == "lt")))
        elif step is None:
            found.append((name, math.nextafter(bound, math.inf if up else -math.inf)))
        else:
            found.append((name, _on_grid(spec, bound + step if up else bound - step, up)))
    if spec.multiple_of is not None and spec.kind in ("int", "float", "decimal"):
        found += _off_grid(spec)
    return found


def _on_grid(spec: TypeSpec, value: Any, up: bool) -> Any:
    """``value`` moved onto the multiple_of grid (outwards), so only the bound is broken."""
    step = spec.multiple_of
    if step is None or spec.kind not in ("int", "float", "decimal") or value % step == 0:
        return value
    steps = math.ceil(value / step) if up else math.floor(value / step)
    return type(value)(steps) * step if spec.kind != "float" else steps * step


def _off_grid(spec: TypeSpec) -> list[tuple[str, Any]]:
    step = spec.multiple_of
    low = spec.ge if spec.ge is not None else (spec.gt if spec.gt is not None else 0)
    base = _on_grid(spec, low, up=True)
    candidate = base + (1 if spec.kind == "int" else step / 2)
    within = all(
        (
            spec.le is None or candidate <= spec.le,
            spec.lt is None or candidate < spec.lt,
            candidate > (spec.gt if spec.gt is not None else candidate - 1),
        )
    )
    return [("multiple_of", candidate)] if within and candidate % step != 0 else []


def _length_breakers(spec: TypeSpec, draw: Callable[[], Any]) -> list[tuple[str, Any]]:
    lengths = []
    if spec.min_length:
        lengths.append(("min_length", spec.min_length - 1))
    if spec.max_length is not None:
        lengths.append(("max_length", spec.max_length + 1))
    found: list[tuple[str, Any]] = []
    for name, length in lengths:
        if spec.kind == "str":
            found.append((name, _text_of_length(str(draw()) or "x", length, spec)))
        elif spec.kind in ("list", "tuple") and spec.args:
            item = draw()
            base = list(item) if isinstance(item, (list, tuple)) and item else None
            if base:
                found.append((name, (base * (length // len(base) + 1))[:length]))
    return found


def _pattern_breaker(spec: TypeSpec) -> list[tuple[str, Any]]:
    length = max(spec.min_length or 1, 1)
    for filler in ("!", "~", " ", "0", "a", "Z"):
        candidate = filler * length
        if re.search(spec.pattern or "", candidate) is None:
            return [("pattern", candidate)]
    return []
