"""Permission gates: which fields hold sensitive or dangerous data, who may generate them, and how.

``classify`` reads a model (nested models included) into per-field levels; ``PermissionGate``
refuses closed levels with a ``ForgePermissionError`` that says how to open them; the value
modules make sensitive data that is fake by construction and dangerous data from curated
payloads; ``lint_records`` finds values in exports that look like real PII.
"""

from __future__ import annotations

from pytest_forge.gates.classify import Classification, FieldVerdict, classify, field_verdict
from pytest_forge.gates.gate import PermissionGate
from pytest_forge.gates.levels import DANGEROUS, LEVELS, SAFE, SENSITIVE
from pytest_forge.gates.lint import LintFinding, lint_records

__all__ = [
    "DANGEROUS",
    "LEVELS",
    "SAFE",
    "SENSITIVE",
    "Classification",
    "FieldVerdict",
    "LintFinding",
    "PermissionGate",
    "classify",
    "field_verdict",
    "lint_records",
]
