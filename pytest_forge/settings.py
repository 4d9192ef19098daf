"""Forge settings beyond the engine's own: AI, gates, cache (read from keywords and the environment)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ForgeSettings", "env_flag"]

#: keywords Forge(...) accepts for the AI layer and other later pieces
KNOWN_SETTINGS = frozenset(
    {
        "provider_name", "model", "api_base", "api_key", "batch_size", "use_cache", "cache_dir",
        "strict_ai", "timeout", "num_retries", "max_concurrency", "retry_backoff",
    }
)  # fmt: skip

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


@dataclass(slots=True)
class ForgeSettings:
    """Everything a Forge is told that the generation engine itself does not read."""

    use_ai: bool = False
    ci: bool = False
    allow_pii: bool = False
    allow_dangerous: bool = False
    interactive: bool | None = None
    context: str | None = None
    other: dict[str, Any] = field(default_factory=dict)
    # the AI layer (checked, with FORGE_MODEL/FORGE_API_BASE/FORGE_CACHE_DIR, in pytest_forge.ai.options)
    provider_name: str | None = None
    model: str | None = None
    api_base: str | None = None
    api_key: str | None = field(default=None, repr=False)
    batch_size: int = 25
    use_cache: bool = True
    cache_dir: str | None = None
    strict_ai: bool = False
    timeout: float = 30.0
    num_retries: int = 2
    max_concurrency: int = 4
    retry_backoff: float = 0.5
    #: use_ai was left open and nothing was found yet: a local Ollama is probed on first need
    auto_detect: bool = False
    #: where the Forge was made, so refusals advise what works there: "python", "pytest" or "cli"
    advice: str = "python"

    @classmethod
    def from_kwargs(cls, *, use_ai: bool | None = None, **kwargs: Any) -> ForgeSettings:
        """Settings from Forge(...) keywords and the FORGE_* environment twins (CI, ALLOW_PII, MODEL ...)."""
        ci = bool(kwargs.pop("ci", False)) or env_flag("FORGE_CI")
        allow_pii = bool(kwargs.pop("allow_pii", False)) or env_flag("FORGE_ALLOW_PII")
        allow_dangerous = bool(kwargs.pop("allow_dangerous", False))
        interactive = kwargs.pop("interactive", None)
        context = kwargs.pop("context", None)
        from pytest_forge.ai.options import pop_ai_options, resolve_use_ai

        ai_options = pop_ai_options(kwargs)
        unknown = sorted(set(kwargs) - KNOWN_SETTINGS)
        if unknown:
            accepted = ", ".join(
                sorted({*KNOWN_SETTINGS, "ci", "allow_pii", "allow_dangerous", "interactive", "context"})
            )
            raise TypeError(
                f"Forge() got unexpected keyword(s) {', '.join(unknown)}; also accepted: {accepted}"
            )
        ai, auto_detect = resolve_use_ai(use_ai, ci, ai_options)
        gates = (allow_pii, allow_dangerous, interactive)
        return cls(ai, ci, *gates, context, kwargs, **ai_options, auto_detect=auto_detect)
