"""pytest-forge: valid, realistic, reproducible test data for Python models.

``Forge`` is the engine (usable without pytest); the pytest plugin adds the
``forge`` fixture, ``--forge-seed`` and ``--forge-ci``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Names are imported on first use (PEP 562), so loading the pytest plugin, which imports
# this package, stays cheap. A new public name goes in the TYPE_CHECKING imports, in
# _SOURCES and in __all__.
if TYPE_CHECKING:
    from pytest_forge.ai.notices import ForgeAIWarning
    from pytest_forge.blueprints import Blueprint, blueprint, register, unregister
    from pytest_forge.blueprints.declarations import Choice, Lazy, Range, Sequence, Static, Weighted
    from pytest_forge.coverage.invalid import InvalidCase
    from pytest_forge.errors import (
        AIError,
        ArgumentError,
        ConstraintError,
        ExportError,
        ForgeError,
        ForgePermissionError,
        RelationError,
        UnknownLocaleError,
        UnsupportedTypeError,
        UsageError,
        ValidationRejectedError,
    )
    from pytest_forge.export import DataExporter
    from pytest_forge.field_tags import Dangerous, ForeignKey, NotUnique, PrimaryKey, Safe, Sensitive, Unique
    from pytest_forge.flags import flag_summary, is_enabled
    from pytest_forge.forge import Forge
    from pytest_forge.gates.lint import LintFinding, lint_records
    from pytest_forge.hookspecs import hookimpl
    from pytest_forge.memory.notices import ForgeMemoryWarning
    from pytest_forge.plugin.fixtures import forge_fixture
    from pytest_forge.provenance import Origin
    from pytest_forge.spec import FieldSpec, ModelSpec, TypeSpec

_SOURCES: dict[str, str] = {
    **dict.fromkeys(
        (
            "AIError", "ArgumentError", "ConstraintError", "ExportError", "ForgeError",
            "ForgePermissionError", "RelationError", "UnknownLocaleError", "UnsupportedTypeError",
            "UsageError", "ValidationRejectedError",
        ),
        "pytest_forge.errors",
    ),
    **dict.fromkeys(
        ("Dangerous", "ForeignKey", "NotUnique", "PrimaryKey", "Safe", "Sensitive", "Unique"),
        "pytest_forge.field_tags",
    ),
    "Forge": "pytest_forge.forge",
    "InvalidCase": "pytest_forge.coverage.invalid",
    "ForgeAIWarning": "pytest_forge.ai.notices",
    "ForgeMemoryWarning": "pytest_forge.memory.notices",
    "DataExporter": "pytest_forge.export",
    **dict.fromkeys(("Blueprint", "blueprint", "register", "unregister"), "pytest_forge.blueprints"),
    **dict.fromkeys(
        ("Choice", "Lazy", "Range", "Sequence", "Static", "Weighted"), "pytest_forge.blueprints.declarations"
    ),
    **dict.fromkeys(("LintFinding", "lint_records"), "pytest_forge.gates.lint"),
    "forge_fixture": "pytest_forge.plugin.fixtures",
    **dict.fromkeys(("flag_summary", "is_enabled"), "pytest_forge.flags"),
    "hookimpl": "pytest_forge.hookspecs",
    "Origin": "pytest_forge.provenance",
    **dict.fromkeys(("FieldSpec", "ModelSpec", "TypeSpec"), "pytest_forge.spec"),
}  # fmt: skip


def __getattr__(name: str) -> Any:
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module 'pytest_forge' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(source), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "AIError",
    "ArgumentError",
    "Blueprint",
    "Choice",
    "ConstraintError",
    "Dangerous",
    "DataExporter",
    "ExportError",
    "FieldSpec",
    "ForeignKey",
    "Forge",
    "ForgeAIWarning",
    "ForgeError",
    "ForgeMemoryWarning",
    "ForgePermissionError",
    "InvalidCase",
    "Lazy",
    "LintFinding",
    "ModelSpec",
    "NotUnique",
    "Origin",
    "PrimaryKey",
    "Range",
    "RelationError",
    "Safe",
    "Sensitive",
    "Sequence",
    "Static",
    "TypeSpec",
    "Unique",
    "UnknownLocaleError",
    "UnsupportedTypeError",
    "UsageError",
    "ValidationRejectedError",
    "Weighted",
    "blueprint",
    "flag_summary",
    "forge_fixture",
    "hookimpl",
    "is_enabled",
    "lint_records",
    "register",
    "unregister",
]

__version__ = "0.1.0"
