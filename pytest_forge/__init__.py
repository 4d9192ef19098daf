"""pytest-forge: valid, realistic, reproducible test data for Python models.

``Forge`` is the engine (usable without pytest); the pytest plugin adds the
``forge`` fixture, ``--forge-seed`` and ``--forge-ci``.
"""

from __future__ import annotations

from pytest_forge.errors import (
    AIError,
    ConstraintError,
    ExportError,
    ForgeError,
    ForgePermissionError,
    RelationError,
    UnsupportedTypeError,
    ValidationRejectedError,
)
from pytest_forge.field_tags import Dangerous, ForeignKey, PrimaryKey, Safe, Sensitive, Unique
from pytest_forge.forge import Forge
from pytest_forge.hookspecs import hookimpl
from pytest_forge.provenance import Origin
from pytest_forge.spec import FieldSpec, ModelSpec, TypeSpec

__all__ = [
    "AIError",
    "ConstraintError",
    "Dangerous",
    "ExportError",
    "FieldSpec",
    "Forge",
    "ForgeError",
    "ForgePermissionError",
    "ForeignKey",
    "ModelSpec",
    "Origin",
    "PrimaryKey",
    "RelationError",
    "Safe",
    "Sensitive",
    "TypeSpec",
    "Unique",
    "UnsupportedTypeError",
    "ValidationRejectedError",
    "hookimpl",
]

__version__ = "0.1.0"
