"""ForgeMemoryWarning, issued once per process for each stale rule, conflict or left-out rule."""

from __future__ import annotations

import threading
import warnings

__all__ = ["MEMORY_NOTICES", "ForgeMemoryWarning", "OncePerProcess"]


class ForgeMemoryWarning(UserWarning):
    """A memory rule was left out: stale (the model changed), conflicting, or over the prompt budget."""


class OncePerProcess:
    """Warns about each key once in this process (a rule's staleness is news once, not per call)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def warn(self, key: str, message: str) -> None:
        with self._lock:
            if key in self._seen:
                return
            self._seen.add(key)
        warnings.warn(message, ForgeMemoryWarning, stacklevel=4)

    def forget(self) -> None:
        """Warn again about everything (tests)."""
        with self._lock:
            self._seen.clear()


#: process-wide by design: "once per stale rule per process" (like the process-wide blueprint registry)
MEMORY_NOTICES = OncePerProcess()
