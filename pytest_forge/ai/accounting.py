"""What the AI layer spent: requests, cache hits, tokens and cost, in total and per model."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

__all__ = ["AIAccounting", "Usage"]

_COUNTERS = (
    "requests",
    "cache_hits",
    "prompt_tokens",
    "completion_tokens",
    "reasks",
    "fallbacks",
    "failures",
)


@dataclass(frozen=True, slots=True)
class Usage:
    """One answered request: tokens, and its price in USD (None when litellm does not know it)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None


class AIAccounting:
    """Thread-safe counters; ``snapshot()`` is what ``forge.stats()["ai"]`` shows."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._totals: dict[str, dict[str, Any]] = {}

    def attempt(self, model: str, usage: Usage | None) -> None:
        """A request sent to the provider: answered (with its usage) or failed (``None``)."""
        with self._lock:
            row = self._row(model)
            row["requests"] += 1
            if usage is None:
                row["failures"] += 1
                return
            row["prompt_tokens"] += usage.prompt_tokens
            row["completion_tokens"] += usage.completion_tokens
            row["cost_usd"] = (
                None
                if usage.cost_usd is None or row["cost_usd"] is None
                else row["cost_usd"] + usage.cost_usd
            )

    def count(self, model: str, counter: str, amount: int = 1) -> None:
        """Add to ``cache_hits`` (requests), ``reasks`` or ``fallbacks`` (records)."""
        with self._lock:
            self._row(model)[counter] += amount

    def snapshot(self) -> dict[str, Any]:
        """Totals and ``per_model`` rows; ``cost_usd`` is None when any paid request had no known price."""
        with self._lock:
            per_model = {model: dict(row) for model, row in self._totals.items()}
        totals: dict[str, Any] = {name: sum(row[name] for row in per_model.values()) for name in _COUNTERS}
        costs = [row["cost_usd"] for row in per_model.values() if row["requests"]]
        totals["cost_usd"] = None if any(c is None for c in costs) else round(float(sum(costs)), 8)
        totals["per_model"] = per_model
        return totals

    def _row(self, model: str) -> dict[str, Any]:
        row = self._totals.get(model)
        if row is None:
            row = dict.fromkeys(_COUNTERS, 0) | {"cost_usd": 0.0}
            self._totals[model] = row
        return row
