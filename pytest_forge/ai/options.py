"""The AI keywords of ``Forge(...)`` and their environment twins, checked and typed.

``FORGE_MODEL``, ``FORGE_API_BASE`` and ``FORGE_CACHE_DIR`` fill what the keywords leave out;
API keys come only from the keywords or the providers' own variables (never from a FORGE_ twin).
"""

from __future__ import annotations

import os
from typing import Any

from pytest_forge.settings import AI_SETTINGS, KEYWORDS, ForgeSettings, env_flag

__all__ = ["pop_ai_options", "resolve_use_ai", "settings_from_keywords"]

_ENV_TWINS = {"model": "FORGE_MODEL", "api_base": "FORGE_API_BASE", "cache_dir": "FORGE_CACHE_DIR"}
_POSITIVE_INTS = ("batch_size", "max_concurrency")


def settings_from_keywords(*, use_ai: bool | None = None, **kwargs: Any) -> ForgeSettings:
    """Settings from Forge(...) keywords and the FORGE_* environment twins (CI, ALLOW_PII, MODEL ...)."""
    unknown = sorted(set(kwargs) - set(KEYWORDS))
    if unknown:
        accepted = ", ".join(KEYWORDS)
        raise TypeError(f"Forge() got unexpected keyword(s) {', '.join(unknown)}; also accepted: {accepted}")
    ci = bool(kwargs.pop("ci", False)) or env_flag("FORGE_CI")
    allow_pii = bool(kwargs.pop("allow_pii", False)) or env_flag("FORGE_ALLOW_PII")
    ai_options = pop_ai_options(kwargs)
    ai, auto_detect = resolve_use_ai(use_ai, ci, ai_options)
    return ForgeSettings(
        use_ai=ai,
        ci=ci,
        allow_pii=allow_pii,
        allow_dangerous=bool(kwargs.pop("allow_dangerous", False)),
        interactive=kwargs.pop("interactive", None),
        context=kwargs.pop("context", None),
        advice=kwargs.pop("advice", "python"),
        auto_detect=auto_detect,
        **ai_options,
    )


def pop_ai_options(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Remove the AI keywords from ``kwargs``; return them checked, with env twins and defaults."""
    options = {name: kwargs.pop(name, default) for name, default in AI_SETTINGS.items()}
    for name, variable in _ENV_TWINS.items():
        if options[name] is None and os.environ.get(variable):
            options[name] = os.environ[variable]
    for name in ("provider_name", "model", "api_base", "api_key"):
        _check_optional_str(name, options[name])
    if options["cache_dir"] is not None:
        options["cache_dir"] = os.fspath(options["cache_dir"])
    for name in _POSITIVE_INTS:
        _check_int(name, options[name], minimum=1)
    _check_int("num_retries", options["num_retries"], minimum=0)
    options["timeout"] = _check_seconds("timeout", options["timeout"], positive=True)
    options["retry_backoff"] = _check_seconds("retry_backoff", options["retry_backoff"], positive=False)
    for name in ("use_cache", "strict_ai"):
        if not isinstance(options[name], bool):
            raise TypeError(f"Forge({name}=...) must be True or False, got {options[name]!r}")
    if options["provider_name"] is not None:
        options["provider_name"] = options["provider_name"].strip().lower()
    return options


def resolve_use_ai(use_ai: bool | None, ci: bool, options: dict[str, Any]) -> tuple[bool, bool]:
    """``(use_ai, auto_detect)``: AI is on when asked, or when a model, provider or API key is found.

    CI mode and ``use_ai=False`` always win. With nothing found, ``auto_detect`` leaves the
    decision to a lazy Ollama probe (made only when a batch first has semantic fields).
    """
    if ci or use_ai is False:
        return False, False
    if use_ai is True or options["model"] or options["provider_name"]:
        return True, False
    from pytest_forge.ai.providers import provider_key_in_environment

    if provider_key_in_environment() is not None:
        return True, False
    return False, True


def _check_optional_str(name: str, value: Any) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise TypeError(f"Forge({name}=...) must be a non-empty string or None, got {type(value).__name__}")


def _check_int(name: str, value: Any, *, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"Forge({name}=...) must be an int >= {minimum}, got {value!r}")


def _check_seconds(name: str, value: Any, *, positive: bool) -> float:
    bad = (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or value < 0
        or (positive and value == 0)
    )
    if bad:
        raise ValueError(
            f"Forge({name}=...) must be a number of seconds {'>' if positive else '>='} 0, got {value!r}"
        )
    return float(value)
