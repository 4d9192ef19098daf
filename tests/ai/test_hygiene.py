"""House rules of the AI layer: litellm only imported lazily, small modules, a public warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest_forge

PACKAGE = Path(pytest_forge.__file__).parent


def test_no_module_imports_litellm_at_module_level():
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if re.search(r"^(import litellm|from litellm)", p.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert offenders == []


def test_ai_modules_stay_under_300_lines():
    long = [
        p.name
        for p in (PACKAGE / "ai").glob("*.py")
        if len(p.read_text(encoding="utf-8").splitlines()) >= 300
    ]
    assert long == []


def test_forge_ai_warning_is_public_and_a_user_warning():
    assert issubclass(pytest_forge.ForgeAIWarning, UserWarning)
    assert "ForgeAIWarning" in pytest_forge.__all__
