"""The one place litellm is imported (lazily): a call per request with its own timeout, and retries.

Each attempt passes ``timeout`` and ``num_retries=0`` to litellm (its default timeout is 600 s
and its own retry policy would hide attempts from us); this module retries transient failures
(HTTP 408/409/429/5xx, timeouts, refused connections, malformed JSON) with exponential backoff,
honouring ``Retry-After``. Errors that no retry can fix (a bad key, an unknown model) stop at once.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pytest_forge.ai.accounting import AIAccounting, Usage
from pytest_forge.ai.answers import MalformedAnswer
from pytest_forge.ai.quiet import third_party_warnings_silenced

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.ai.breaker import Breaker
    from pytest_forge.ai.notices import Notices
    from pytest_forge.ai.prompt import LLMRequest
    from pytest_forge.ai.providers import ProviderChoice

__all__ = ["STOPPED_PREFIX", "Answer", "CallFailed", "LLMClient", "import_litellm"]

T = TypeVar("T")
_RETRYABLE_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})
_MAX_DELAY = 8.0
#: how a failure caused by an open breaker (no request made) begins
STOPPED_PREFIX = "calls stopped earlier"


@dataclass(frozen=True, slots=True)
class Answer:
    """The text of a successful call and what it cost."""

    content: str
    usage: Usage


class CallFailed(Exception):
    """A request that failed for good; ``fatal`` when retrying later would not help either."""

    def __init__(self, message: str, *, fatal: bool = False) -> None:
        super().__init__(message)
        self.fatal = fatal


#: Python's import lock is per module: two threads importing litellm's package tree at once can
#: meet a partly initialised submodule, so the first import happens under this lock, once.
_IMPORT_LOCK = threading.Lock()


def import_litellm() -> Any:
    """litellm, imported once with its offline switches set, its warnings and console chatter off."""
    from pytest_forge.ai.offline_switches import apply_offline_switches

    with _IMPORT_LOCK:
        apply_offline_switches()
        try:
            with third_party_warnings_silenced():
                import litellm
        except ImportError:
            raise ImportError('the AI layer needs litellm: pip install "pytest-forge[ai]"') from None
        litellm.suppress_debug_info = True
    return litellm


class LLMClient:
    """Calls one provider's model through litellm, counting every attempt."""

    def __init__(
        self,
        choice: ProviderChoice,
        *,
        timeout: float,
        num_retries: int,
        backoff: float,
        accounting: AIAccounting,
        notices: Notices,
        breaker: Breaker,
    ) -> None:
        self.choice = choice
        self.breaker = breaker
        self.timeout = timeout
        self.num_retries = num_retries
        self.backoff = backoff
        self._accounting = accounting
        self._notices = notices
        self._jitter = random.Random()  # timing only, never data: a private stream, not the global one

    def ask(self, request: LLMRequest, parse: Callable[[str], T]) -> tuple[Answer, T]:
        """The answer and ``parse(content)``; transient failures (and unparsable answers) are retried."""
        last = "no attempt was made"
        last_error: BaseException | None = None
        for attempt in range(self.num_retries + 1):
            if attempt:
                time.sleep(self._delay(attempt, last_error))
            if self.breaker.reason is not None:
                raise CallFailed(f"{STOPPED_PREFIX}: {self.breaker.reason}")
            try:
                answer = self._attempt(request)
            except Exception as exc:
                last_error, last = exc, _describe(exc)
                fatal = _status(exc) in (401, 403, 404)
                self.breaker.failed(last, fatal=fatal)
                if not _retryable(exc):
                    raise CallFailed(last, fatal=fatal) from None
                self._notices.debug(f"{self.choice.model}: attempt {attempt + 1} failed: {last}")
                continue
            try:
                parsed = parse(answer.content)
            except MalformedAnswer as exc:
                last_error, last = exc, f"malformed answer: {exc}"
                self.breaker.failed(last, fatal=False)
            else:
                self.breaker.succeeded()
                return answer, parsed
            self._notices.debug(f"{self.choice.model}: attempt {attempt + 1} failed: {last}")
        raise CallFailed(f"{last} (after {self.num_retries + 1} attempts)")

    def _attempt(self, request: LLMRequest) -> Answer:
        litellm = import_litellm()
        try:
            with third_party_warnings_silenced():
                response = litellm.completion(
                    model=self.choice.model,
                    messages=list(request.messages),
                    response_format=request.response_format(),
                    api_base=self.choice.api_base,
                    api_key=self.choice.api_key,
                    timeout=self.timeout,
                    num_retries=0,
                    max_retries=0,
                    drop_params=True,
                    **request.params,
                )
        except Exception:
            self._accounting.attempt(self.choice.model, None)
            raise
        usage = _usage(litellm, response)
        self._accounting.attempt(self.choice.model, usage)
        content = response.choices[0].message.content
        return Answer(content if isinstance(content, str) else "", usage)

    def _delay(self, attempt: int, error: BaseException | None) -> float:
        delay: float = min(_MAX_DELAY, self.backoff * 2.0 ** (attempt - 1)) * (
            0.5 + self._jitter.random() / 2
        )
        retry_after = _retry_after(error)
        return delay if retry_after is None else max(delay, min(retry_after, _MAX_DELAY))


def _usage(litellm: Any, response: Any) -> Usage:
    usage = getattr(response, "usage", None)
    prompt = int(getattr(usage, "prompt_tokens", 0) or 0)
    completion = int(getattr(usage, "completion_tokens", 0) or 0)
    try:
        with third_party_warnings_silenced():
            cost: float | None = float(litellm.completion_cost(completion_response=response))
    except Exception:  # litellm raises for models missing from its price map
        cost = None
    return Usage(prompt, completion, cost)


def _status(exc: BaseException) -> int | None:
    status = getattr(exc, "status_code", None)
    return status if isinstance(status, int) else None


def _retryable(exc: BaseException) -> bool:
    names = {cls.__name__ for cls in type(exc).__mro__}
    if names & {
        "Timeout",
        "APITimeoutError",
        "APIConnectionError",
        "ServiceUnavailableError",
        "RateLimitError",
    }:
        return True
    status = _status(exc)
    return status in _RETRYABLE_STATUS if status is not None else "InternalServerError" in names


def _retry_after(exc: BaseException | None) -> float | None:
    headers = getattr(getattr(exc, "response", None), "headers", None)
    raw = headers.get("retry-after") if headers is not None else None
    try:
        return float(raw) if raw is not None else None
    except (TypeError, ValueError):
        return None


def _describe(exc: BaseException) -> str:
    status = _status(exc)
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}{f' (HTTP {status})' if status else ''}: {text[:200]}"
