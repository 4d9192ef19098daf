"""Root conftest: keeps the test suite hermetic (no user environment leaks into generated data)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _forge_clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start without the FORGE_* switches (and LLM API keys) a developer may have exported."""
    for name in ("FORGE_CI", "FORGE_ALLOW_PII", "FORGE_MODEL", "FORGE_API_BASE", "FORGE_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    # a key would turn AI on for every bare Forge() and send test data to a paid API
    for name in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY", "GROQ_API_KEY"):
        monkeypatch.delenv(name, raising=False)
