"""``pkg.module:Model`` and ``pkg.module:Model:N`` — a model class (and a count) from the command line."""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from typing import Any

import click

__all__ = ["ModelPath", "parse_model_path"]

_FORM = "expected pkg.module:Model or pkg.module:Model:N"


@dataclass(frozen=True, slots=True)
class ModelPath:
    """A model class named on the command line, and the count written after it (None when absent)."""

    model: Any
    count: int | None
    text: str


def parse_model_path(text: str) -> ModelPath:
    """Import the model ``text`` names; a click.BadParameter saying what is wrong otherwise."""
    parts = text.split(":")
    if len(parts) not in (2, 3) or not all(parts[:2]):
        raise click.BadParameter(f"{text!r}: {_FORM}", param_hint="MODEL")
    module_name, attribute = parts[0], parts[1]
    count = _count(text, parts[2]) if len(parts) == 3 else None
    model = _attribute(text, _import(text, module_name), attribute)
    from pytest_forge.adapters import is_model

    if not is_model(model):
        raise click.BadParameter(
            f"{text!r}: {attribute} is not a model (expected a pydantic model, dataclass, TypedDict, "
            f"attrs class, msgspec Struct or SQLAlchemy mapped class)",
            param_hint="MODEL",
        )
    return ModelPath(model, count, text)


def _count(text: str, raw: str) -> int:
    if not raw.isdigit():
        raise click.BadParameter(
            f"{text!r}: the count {raw!r} is not a non-negative whole number", param_hint="MODEL"
        )
    return int(raw)


def _import(text: str, module_name: str) -> Any:
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())  # like `python -m`: models of the project you stand in
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            raise click.BadParameter(
                f"{text!r}: no module named {exc.name!r} (run forge from your project root)",
                param_hint="MODEL",
            ) from None
        raise click.BadParameter(
            f"{text!r}: importing {module_name} failed: {exc}", param_hint="MODEL"
        ) from None
    except Exception as exc:
        raise click.BadParameter(
            f"{text!r}: importing {module_name} failed: {type(exc).__name__}: {exc}", param_hint="MODEL"
        ) from None


def _attribute(text: str, module: Any, attribute: str) -> Any:
    value = module
    for part in attribute.split("."):
        if not hasattr(value, part):
            raise click.BadParameter(
                f"{text!r}: {module.__name__} has no attribute {attribute!r}", param_hint="MODEL"
            )
        value = getattr(value, part)
    return value
