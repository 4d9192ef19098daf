"""Deciding the AI layer's backend from the settings, and telling the user about fallbacks.

Live: an explicit provider, a provider key in the environment, or (auto-detection only) a local
Ollama; answers are cached for 7 days. CI mode with a configured model: the replay cache alone,
served whatever the entries' age, never a network call. Anything else: offline text, no calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_forge.ai.batching import ChunkRunner, Outcome
from pytest_forge.ai.client import STOPPED_PREFIX, LLMClient
from pytest_forge.ai.providers import ProviderChoice, choose_provider, explicit_provider

if TYPE_CHECKING:
    from pytest_forge.ai.accounting import AIAccounting
    from pytest_forge.ai.breaker import Breakers
    from pytest_forge.ai.cache import ResponseCache
    from pytest_forge.ai.hook import Backend
    from pytest_forge.ai.notices import Notices
    from pytest_forge.ai.selection import Selection
    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.settings import ForgeSettings

__all__ = ["report_fallback", "resolve_backend"]


def resolve_backend(
    settings: ForgeSettings, accounting: AIAccounting, notices: Notices, breakers: Breakers
) -> Backend | None:
    """The backend these settings ask for, or None for offline text."""
    if settings.ci:
        return _replay_backend(settings, accounting, notices)
    if not (settings.use_ai or settings.auto_detect):
        return None
    choice = choose_provider(settings, probe=True)
    if choice is None:
        _tell_nothing_found(settings, notices)
        return None
    if choice.how == "ollama":
        notices.info(f"using the local Ollama model {choice.model}", once="ollama")
    client = LLMClient(
        choice,
        timeout=settings.timeout,
        num_retries=settings.num_retries,
        backoff=settings.retry_backoff,
        accounting=accounting,
        notices=notices,
        breaker=breakers.for_model(choice.model),
    )
    cache = _open_cache(settings, notices, replay=False) if settings.use_cache else None
    return _backend(choice, client, cache, accounting, settings, live=True)


def _tell_nothing_found(settings: ForgeSettings, notices: Notices) -> None:
    if settings.use_ai:  # asked for explicitly: worth a warning
        notices.warn(
            "use_ai=True but no LLM was found (no model, no API key, no local Ollama): "
            "semantic fields keep offline text",
            once="no-provider",
        )
    else:  # nobody asked: a log line only, so a bare Forge() stays quiet
        notices.info(
            "no LLM configured or found (API key, local Ollama): semantic fields use offline text",
            once="no-provider",
        )


def _replay_backend(settings: ForgeSettings, accounting: AIAccounting, notices: Notices) -> Backend | None:
    choice = explicit_provider(settings)
    if choice is None or not settings.use_cache:
        return None  # nothing was ever asked of an LLM: plain offline text
    cache = _open_cache(settings, notices, replay=True)
    if cache is None:
        notices.warn(
            f"CI mode: no AI replay cache at {_cache_dir(settings)}; semantic fields use offline text",
            once="no-replay-cache",
        )
        return None
    return _backend(choice, None, cache, accounting, settings, live=False)


def _backend(
    choice: ProviderChoice,
    client: LLMClient | None,
    cache: ResponseCache | None,
    accounting: AIAccounting,
    settings: ForgeSettings,
    *,
    live: bool,
) -> Backend:
    from pytest_forge.ai.hook import DEFAULT_PARAMS, Backend

    wait = (settings.timeout + 2 * settings.retry_backoff + 1) * (settings.num_retries + 1) + 5
    runner = ChunkRunner(choice.provider, choice.model, client, cache, accounting, dict(DEFAULT_PARAMS), wait)
    return Backend(choice, runner, live)


def _cache_dir(settings: ForgeSettings) -> str:
    from pytest_forge.ai.cache import default_cache_dir

    return settings.cache_dir or default_cache_dir()


def _open_cache(settings: ForgeSettings, notices: Notices, *, replay: bool) -> ResponseCache | None:
    from pytest_forge.ai.cache import ResponseCache

    directory = _cache_dir(settings)
    try:
        if replay:
            return ResponseCache.open_existing(directory, max_age=None)
        return ResponseCache(directory)
    except Exception as exc:  # an unwritable or broken cache must not stop generation
        notices.warn(f"the AI cache at {directory} cannot be used ({exc}); going on without it", once="cache")
        return None


def report_fallback(
    settings: ForgeSettings,
    notices: Notices,
    backend: Backend,
    plan: ModelPlan,
    selection: Selection,
    outcome: Outcome,
    asked: int,
) -> None:
    """Warn (or raise AIError with ``strict_ai``) that some records keep their offline text."""
    reasons = sorted(set(outcome.failed.values()))
    fields = ", ".join(f.name for f in selection.semantic)
    message = (
        f"{plan.name}: {backend.choice.model} did not write {fields} for {len(outcome.failed)} of {asked} "
        f"record(s) ({'; '.join(reasons)[:300]}); they keep offline text"
    )
    if settings.strict_ai:
        from pytest_forge.errors import AIError

        raise AIError(notices.redact(message), model=plan.spec.model, field=selection.semantic[0].name)
    if outcome.replay_misses and not backend.live:
        where = backend.runner.cache.directory if backend.runner.cache is not None else "?"
        notices.warn(
            f"CI mode: answers missing from the replay cache at {where}: {message}", once="replay-miss"
        )
        return
    if all(r.startswith(STOPPED_PREFIX) for r in reasons):
        notices.info(message)  # the batch that stopped the calls has warned already
        return
    client = backend.runner.client
    if client is not None and client.breaker.open:
        message += f"; calls to {backend.choice.model} stop now, for every Forge sharing this one's session"
    notices.warn(message)
