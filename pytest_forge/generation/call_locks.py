"""One lock per model: calls on the same model of one Forge run one at a time, whatever the threads.

A model's field streams, key counter and unique claims are shared by every call on
it, so two calls drawing at once would interleave their draws (and their keys). Holding
the model's lock for a whole call makes each call atomic: a threaded run gives the data
of a serial run of the same calls in the order they took their models' locks. Calls on
different models never wait for each other (``swarm`` makes one level's models on
worker threads). A call that makes parents takes the parents' locks inside its own;
parents never make their children, so locks are always taken child → parent and
cannot deadlock.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["ModelLocks"]


class ModelLocks:
    """Re-entrant locks by model name (the name the registry keeps keys and records under)."""

    def __init__(self) -> None:
        self._locks: dict[str, threading.RLock] = {}
        self._guard = threading.Lock()

    def _lock(self, model_name: str) -> threading.RLock:
        lock = self._locks.get(model_name)
        if lock is None:
            with self._guard:
                lock = self._locks.setdefault(model_name, threading.RLock())
        return lock

    @contextlib.contextmanager
    def holding(self, model_name: str) -> Iterator[None]:
        """Run the block while no other thread runs a call on ``model_name`` with this Forge."""
        with self._lock(model_name):
            yield
