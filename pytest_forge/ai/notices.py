"""How the AI layer tells the user about fallbacks: a ``ForgeAIWarning`` and the ``pytest_forge`` logger.

Every message passes through :func:`redact` so an API key never reaches a log or a warning.
"""

from __future__ import annotations

import logging
import re
import threading
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["LOGGER", "ForgeAIWarning", "Notices", "redact"]

LOGGER = logging.getLogger("pytest_forge.ai")

_URL_CREDENTIALS = re.compile(r"(?<=://)[^/@\s]+@")
_KEY_LIKE = re.compile(r"\b(sk|gsk|AIza|xai)[-_A-Za-z0-9]{12,}")


class ForgeAIWarning(UserWarning):
    """The LLM could not write some values, so offline text was used instead (or a mode notice)."""


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` without the given secrets, URL credentials or anything shaped like an API key."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    text = _URL_CREDENTIALS.sub("***@", text)
    return _KEY_LIKE.sub("***", text)


class Notices:
    """Warnings and log lines of one Forge's AI layer; ``once`` keys are told a single time."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        self._secrets = tuple(s for s in secrets if s)
        self._told: set[str] = set()
        self._lock = threading.Lock()

    def redact(self, text: str) -> str:
        """``text`` with this layer's secrets (and anything key-shaped) masked."""
        return redact(text, self._secrets)

    def warn(self, message: str, *, once: str | None = None, stacklevel: int = 2) -> None:
        """A ``ForgeAIWarning`` and a WARNING log line (only the first time for a ``once`` key)."""
        if not self._first(once):
            return
        text = redact(message, self._secrets)
        LOGGER.warning(text)
        warnings.warn(text, ForgeAIWarning, stacklevel=stacklevel)

    def info(self, message: str, *, once: str | None = None) -> None:
        """An INFO log line only (for notices about modes the user did not ask for)."""
        if self._first(once):
            LOGGER.info(redact(message, self._secrets))

    def debug(self, message: str) -> None:
        """A DEBUG log line (requests, retries), redacted."""
        if LOGGER.isEnabledFor(logging.DEBUG):
            LOGGER.debug(redact(message, self._secrets))

    def _first(self, once: str | None) -> bool:
        if once is None:
            return True
        with self._lock:
            if once in self._told:
                return False
            self._told.add(once)
            return True
