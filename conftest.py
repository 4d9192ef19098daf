"""Root conftest: keeps the test suite hermetic (no user environment leaks into generated data)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _forge_clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start without the FORGE_* switches a developer may have exported."""
    for name in ("FORGE_CI", "FORGE_ALLOW_PII", "FORGE_MODEL", "FORGE_API_BASE", "FORGE_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
