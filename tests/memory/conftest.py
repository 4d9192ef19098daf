from __future__ import annotations

from collections.abc import Iterator

import pytest

from pytest_forge.memory.notices import MEMORY_NOTICES


@pytest.fixture(autouse=True)
def _fresh_notices(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test sees its own once-per-process warnings; no test reads a memory dir from the environment."""
    monkeypatch.delenv("FORGE_MEMORY_DIR", raising=False)
    MEMORY_NOTICES.forget()
    yield
    MEMORY_NOTICES.forget()
