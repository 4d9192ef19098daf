"""Forge settings beyond the engine's own: AI, gates, cache (read from keywords and the environment)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any, Literal

__all__ = ["AI_SETTINGS", "KEYWORDS", "Advice", "ForgeSettings", "env_flag"]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_flag(name: str, default: bool = False) -> bool:
    """A boolean environment variable (1/true/yes/on, 0/false/no/off, any case)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name}={raw!r} is not a boolean: use 1/true/yes/on or 0/false/no/off")


def _ai(default: Any) -> Any:
    """A field of the AI layer (checked, with its FORGE_* twin, in ``pytest_forge.ai.options``)."""
    return field(default=default, metadata={"ai": True})


#: where a Forge is used: plain Python, a pytest run, the ``forge`` command
Advice = Literal["python", "pytest", "cli", "partition"]


@dataclass(frozen=True, slots=True)
class ForgeSettings:
    """Everything a Forge is told that the generation engine itself does not read.

    The one place the settings are defined: ``Forge(...)``'s keywords, the plugin and the AI
    layer all read these fields (their names, defaults and which belong to the AI layer).
    Built from keywords, checked, by ``pytest_forge.ai.options.settings_from_keywords``.
    """

    use_ai: bool = False
    ci: bool = False
    allow_pii: bool = False
    allow_dangerous: bool = False
    interactive: bool | None = None
    context: str | None = None
    provider_name: str | None = _ai(None)
    model: str | None = _ai(None)
    api_base: str | None = _ai(None)
    api_key: str | None = field(default=None, repr=False, metadata={"ai": True})
    batch_size: int = _ai(25)
    use_cache: bool = _ai(True)
    cache_dir: str | None = _ai(None)
    strict_ai: bool = _ai(False)
    timeout: float = _ai(30.0)
    num_retries: int = _ai(2)
    max_concurrency: int = _ai(4)
    retry_backoff: float = _ai(0.5)
    #: use_ai was left open and nothing was found yet: a local Ollama is probed on first need
    auto_detect: bool = False
    #: where the Forge was made, so refusals advise what works there
    advice: Advice = "python"


#: the AI layer's settings and their defaults
AI_SETTINGS: dict[str, Any] = {f.name: f.default for f in fields(ForgeSettings) if f.metadata.get("ai")}
#: every keyword ``settings_from_keywords`` accepts besides ``use_ai``
KEYWORDS: tuple[str, ...] = tuple(
    sorted(f.name for f in fields(ForgeSettings) if f.name not in ("use_ai", "auto_detect"))
)
