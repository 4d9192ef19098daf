"""Call-time overrides: constants, callables of no or one argument, and named generators."""

from __future__ import annotations

import inspect
import random
from collections.abc import Callable
from typing import Any

from pytest_forge.errors import ArgumentError, ForgeError, UsageError

__all__ = ["Override", "compile_overrides", "field_names", "split_nested"]

#: an override draws a value from the field's stream and the record built so far
Override = Callable[[random.Random, dict[str, Any]], Any]


def compile_override(value: Any, state: dict[str, Any], where: str = "the field") -> Override:
    """Turn what the user passed into a uniform drawing function (``where``: ``Model.field``)."""
    draw = getattr(value, "forge_draw", None)
    if draw is not None and not isinstance(value, type):
        return lambda rng, record: draw(rng, record, state)
    if callable(value) and not isinstance(value, type):
        if _required_count(value) > 1:
            raise ArgumentError(
                f"the override for {where} ({_name_of(value)}) needs {_required_count(value)} arguments; "
                "an override callable takes none, or one (the record built so far as a dict)"
            )
        call = (lambda record: value(record)) if _takes_record(value) else (lambda record: value())
        return _reported(call, where, value)
    return lambda rng, record: value


def _reported(call: Callable[[dict[str, Any]], Any], where: str, value: Any) -> Override:
    """The callable's own errors name the field it was given for."""

    def override(rng: random.Random, record: dict[str, Any]) -> Any:
        try:
            return call(record)
        except ForgeError:
            raise
        except Exception as exc:
            raise ArgumentError(
                f"the override for {where} ({_name_of(value)}) raised {type(exc).__name__}: {exc}"
            ) from exc

    return override


def _name_of(value: Any) -> str:
    return str(getattr(value, "__qualname__", None) or type(value).__name__)


def _required_count(fn: Callable[..., Any]) -> int:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return 0
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return sum(1 for p in params if p.kind in kinds and p.default is p.empty)


def _takes_record(fn: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return False
    positional = [
        p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
    required = [p for p in positional if p.default is p.empty and p.kind != p.VAR_POSITIONAL]
    return bool(required) or any(p.kind == p.VAR_POSITIONAL for p in positional)


def field_names(
    model: str, fields: set[str], other_names: tuple[tuple[str, str], ...], overrides: dict[str, Any]
) -> dict[str, Any]:
    """``overrides`` keyed by field name: another name of a field (a column's name) is accepted too,
    unless it is also the name of a different field, or both names of one field are given."""
    if not other_names:
        return overrides
    other = dict(other_names)
    renamed: dict[str, Any] = {}
    given_as: dict[str, str] = {}
    for key, value in overrides.items():
        head, sep, rest = key.partition("__")
        name = other.get(head, head)
        if head in other and head in fields and other[head] != head:
            mine = next(o for o, f in other_names if f == head) if head in other.values() else head
            raise UsageError(
                f"{model}: {head!r} is both the field {head} and the column of the field {other[head]}; "
                f"pass {mine}=... for the first or {other[head]}=... for the second"
            )
        if name in given_as and given_as[name] != head:
            raise UsageError(
                f"{model}.{name} is given twice, as {given_as[name]}= and as {head}=; pass one of them"
            )
        given_as[name] = head
        renamed[f"{name}{sep}{rest}"] = value
    return renamed


def split_nested(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """``{"author__name": "Ada"}`` → ``({}, {"author": {"name": "Ada"}})``."""
    flat: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {}
    for key, value in values.items():
        head, sep, rest = key.partition("__")
        if sep and head and rest:
            nested.setdefault(head, {})[rest] = value
        else:
            flat[key] = value
    return flat, nested


def compile_overrides(
    model_name: str,
    field_names: set[str] | list[str],
    values: dict[str, Any],
    states: dict[str, dict[str, Any]],
) -> dict[str, Override]:
    """Check names against the model and compile each override (``states`` keep generator counters)."""
    unknown = sorted(set(values) - set(field_names))
    if unknown:
        listed = ", ".join(sorted(field_names)) or "(none)"
        raise UsageError(
            f"{model_name} has no field named {', '.join(map(repr, unknown))}; its fields are: {listed}",
            model=model_name,
            field=unknown[0],
        )
    return {
        name: compile_override(value, states.setdefault(name, {}), f"{model_name}.{name}")
        for name, value in values.items()
    }
