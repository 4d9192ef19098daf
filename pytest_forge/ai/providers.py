"""Which LLM to ask: explicit settings, else auto-detection from API keys, else a local Ollama.

The result is a litellm model string (``anthropic/claude-haiku-4-5``) with its base URL and key.
Detection reads the environment first and opens a socket only for the Ollama probe, which the
AI layer makes lazily and never when AI is off or in CI mode.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pytest_forge.settings import ForgeSettings

__all__ = [
    "DEFAULT_MODELS",
    "KEY_VARIABLES",
    "ProviderChoice",
    "choose_provider",
    "explicit_provider",
    "probe_ollama",
    "provider_key_in_environment",
]

#: the model each provider gets when only the provider is known
DEFAULT_MODELS = {
    "anthropic": "anthropic/claude-haiku-4-5",
    "openai": "openai/gpt-4o-mini",
    "gemini": "gemini/gemini-2.5-flash",
    "groq": "groq/llama-3.3-70b-versatile",
    "ollama": "ollama/llama3.2",
}
#: auto-detection order: the first variable set picks its provider
KEY_VARIABLES = (
    ("ANTHROPIC_API_KEY", "anthropic"),
    ("OPENAI_API_KEY", "openai"),
    ("GEMINI_API_KEY", "gemini"),
    ("GOOGLE_API_KEY", "gemini"),
    ("GROQ_API_KEY", "groq"),
)
_OLLAMA_DEFAULT_BASE = "http://localhost:11434"
#: local OpenAI-compatible servers rarely check keys, but the OpenAI client insists on one
_NO_KEY = "no-key"
_MODEL_PREFIXES = {"claude": "anthropic", "gpt": "openai", "o1": "openai", "o3": "openai", "gemini": "gemini"}


@dataclass(frozen=True, slots=True)
class ProviderChoice:
    """A provider, the litellm model string to call and where; the key stays out of ``repr``."""

    provider: str
    model: str
    api_base: str | None = None
    api_key: str | None = field(default=None, repr=False)
    how: str = "explicit"


def provider_key_in_environment() -> tuple[str, str] | None:
    """``(variable, provider)`` of the first provider API key set in the environment."""
    for variable, provider in KEY_VARIABLES:
        if os.environ.get(variable):
            return variable, provider
    return None


def explicit_provider(settings: ForgeSettings) -> ProviderChoice | None:
    """The provider the settings name (a model, a provider or both), else None."""
    provider, model = settings.provider_name, settings.model
    if model is None and provider is None:
        return None
    if model is None:
        if provider not in DEFAULT_MODELS:
            raise ValueError(f"Forge(provider_name={provider!r}) has no default model: pass model=... too")
        model = DEFAULT_MODELS[provider]
    elif provider is not None and not model.startswith(f"{provider}/"):
        model = f"{provider}/{model}"
    provider = provider or _provider_of(model)
    if "/" not in model:
        model = f"{provider}/{model}"  # one spelling per model, so dev and CI build the same cache keys
    api_base = settings.api_base or (_ollama_base() if provider == "ollama" else None)
    key = settings.api_key or _key_for(provider) or (_NO_KEY if api_base else None)
    return ProviderChoice(provider, model, api_base, key)


def choose_provider(settings: ForgeSettings, *, probe: bool) -> ProviderChoice | None:
    """Explicit settings, else an API key in the environment, else (when ``probe``) a local Ollama."""
    chosen = explicit_provider(settings)
    if chosen is not None:
        return chosen
    found = provider_key_in_environment()
    if found is not None:
        variable, provider = found
        return ProviderChoice(
            provider, DEFAULT_MODELS[provider], settings.api_base, os.environ[variable], "env"
        )
    if probe:
        return probe_ollama(timeout=0.5)
    return None


def probe_ollama(timeout: float) -> ProviderChoice | None:
    """A local Ollama server's first installed model, if it answers within ``timeout`` seconds."""
    import urllib.error  # only when probing: urllib.request pulls in http.client, email and ssl (~40 ms)
    import urllib.request

    base = _ollama_base()
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    try:
        with opener.open(f"{base}/api/tags", timeout=timeout) as response:
            tags = json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError, urllib.error.URLError):
        return None
    names = (
        [m.get("name") for m in tags.get("models", []) if isinstance(m, dict)]
        if isinstance(tags, dict)
        else []
    )
    names = [n for n in names if isinstance(n, str) and n]
    if not names:
        return None
    preferred = "llama3.2:latest" if "llama3.2:latest" in names else names[0]
    return ProviderChoice("ollama", f"ollama/{preferred}", base, None, "ollama")


def _provider_of(model: str) -> str:
    if "/" in model:
        return model.split("/", 1)[0]
    return next((p for prefix, p in _MODEL_PREFIXES.items() if model.startswith(prefix)), "openai")


def _key_for(provider: str) -> str | None:
    for variable, owner in KEY_VARIABLES:
        if owner == provider and os.environ.get(variable):
            return os.environ[variable]
    return None


def _ollama_base() -> str:
    return (os.environ.get("OLLAMA_API_BASE") or _OLLAMA_DEFAULT_BASE).rstrip("/")
