"""When a provider keeps failing, stop calling it: one breaker per model, shared where Forges share.

A pytest session's Forges all share their session Forge's breakers, so a dead provider costs a
bounded number of requests for the whole session (each xdist worker deciding for itself), not a
few per test. A request that no retry can fix (a bad key, an unknown model) opens the breaker at
once; otherwise it opens after ``FAILED_REQUESTS_TO_OPEN`` failed requests in a row.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

__all__ = ["FAILED_REQUESTS_TO_OPEN", "Breaker", "Breakers", "Stopped"]

FAILED_REQUESTS_TO_OPEN = 6


@dataclass(frozen=True, slots=True)
class Stopped:
    """Why calls to a model stopped, and how many requests failed before they did."""

    model: str
    reason: str
    failed_requests: int


class Breaker:
    """Opens for good after a fatal failure or after repeated failed requests to one model."""

    def __init__(self, model: str) -> None:
        self.model = model
        self._lock = threading.Lock()
        self._failed_in_a_row = 0
        self._failed_total = 0
        self.reason: str | None = None

    @property
    def open(self) -> bool:
        return self.reason is not None

    def succeeded(self) -> None:
        with self._lock:
            self._failed_in_a_row = 0

    def failed(self, reason: str, *, fatal: bool) -> bool:
        """Count a failed request; True when this one opened the breaker."""
        with self._lock:
            self._failed_in_a_row += 1
            self._failed_total += 1
            if self.reason is None and (fatal or self._failed_in_a_row >= FAILED_REQUESTS_TO_OPEN):
                self.reason = reason
                return True
            return False

    def stopped(self) -> Stopped | None:
        """Why calls stopped, or None while the breaker is closed."""
        with self._lock:
            return None if self.reason is None else Stopped(self.model, self.reason, self._failed_total)


class Breakers:
    """The breakers of every model called so far, shared by the Forges that inherit them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_model: dict[str, Breaker] = {}

    def for_model(self, model: str) -> Breaker:
        with self._lock:
            found = self._by_model.get(model)
            if found is None:
                found = self._by_model[model] = Breaker(model)
            return found

    def stopped(self) -> dict[str, str]:
        """``{model: why calls stopped}`` for every open breaker."""
        with self._lock:
            breakers = list(self._by_model.values())
        found = (b.stopped() for b in breakers)
        return {
            s.model: f"{s.reason} (calls stopped after {s.failed_requests} failed requests)"
            for s in found
            if s is not None
        }
