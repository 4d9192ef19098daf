"""The AI layer of one Forge: the batch hook that replaces semantic values with LLM text.

It decides lazily, on the first batch that has semantic fields, what to talk to: a live
provider (explicit, an API key in the environment, or a local Ollama found by a short probe),
the replay cache only (CI mode with a configured model), or nothing (offline text stays).
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.ai.accounting import AIAccounting
from pytest_forge.ai.breaker import Breakers
from pytest_forge.ai.notices import Notices
from pytest_forge.ai.prompt import PromptInput, with_facts
from pytest_forge.ai.providers import KEY_VARIABLES
from pytest_forge.ai.selection import Selection, select_fields, sibling_values
from pytest_forge.providers.fixed import record_facts

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytest_forge.ai.batching import ChunkRunner, Outcome
    from pytest_forge.ai.providers import ProviderChoice
    from pytest_forge.generation.options import CallOptions
    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.settings import ForgeSettings

__all__ = ["AILayer", "Backend"]

DEFAULT_PARAMS: dict[str, Any] = {"temperature": 0.9}


@dataclass(frozen=True, slots=True)
class Backend:
    """Who answers: a live provider (``live``) or the replay cache alone."""

    choice: ProviderChoice
    runner: ChunkRunner
    live: bool


class AILayer:
    """Fills semantic fields through an LLM; also the ``BatchHook`` a Forge runs before validation."""

    def __init__(self, settings: ForgeSettings, seed: int) -> None:
        self.settings = settings
        self.seed = seed
        self.accounting = AIAccounting()
        self.notices = Notices([settings.api_key, *(os.environ.get(v) for v, _ in KEY_VARIABLES)])
        #: ``rules_for(plan)``: the domain rules for a model's prompt (the memory piece sets this)
        self.rules_for: Callable[[ModelPlan], list[str]] = lambda plan: []
        #: shared with the Forges that inherit from this one (a pytest session's), see ``follow``
        self.breakers = Breakers()
        self._lock = threading.Lock()
        self._backend: Backend | None = None
        self._resolved = False
        self._selections: dict[tuple[Any, ...], Selection] = {}
        self._local = threading.local()

    def __call__(self, plan: ModelPlan, records: list[dict[str, Any]], options: CallOptions) -> None:
        if not records:
            return
        selection = self._selection(plan, frozenset(options.overrides))
        if not selection.semantic:
            return
        ratio: float | None = getattr(self._local, "seed_ratio", None)
        from pytest_forge.ai.large import pool_size

        pool_n = len(records) if ratio is None else pool_size(len(records), ratio)
        backend = self.backend()
        if backend is not None:
            self._fill(backend, plan, selection, records[:pool_n], options)
        if pool_n < len(records):
            self._recombine(plan, selection, records, pool_n)

    @contextlib.contextmanager
    def large_mode(self, seed_ratio: float) -> Iterator[None]:
        """Within this block (on this thread) batches pay for a pool only (see ``create_large``)."""
        saved = getattr(self._local, "seed_ratio", None)
        self._local.seed_ratio = seed_ratio
        try:
            yield
        finally:
            self._local.seed_ratio = saved

    def take_filled(self) -> tuple[str, dict[int, list[str]]] | None:
        """The source name and, per record index, the fields the LLM wrote in this thread's last batch."""
        filled: tuple[str, dict[int, list[str]]] | None = getattr(self._local, "filled", None)
        self._local.filled = None
        return filled

    def follow(self, parent: AILayer) -> None:
        """Share ``parent``'s breakers: a provider that failed for it is not called again here."""
        self.breakers = parent.breakers

    def stats(self) -> dict[str, Any]:
        """Usage (``requests``, tokens, ``cost_usd``, ``per_model``: see AIAccounting) and ``stopped``."""
        return {**self.accounting.snapshot(), "stopped": self.breakers.stopped()}

    @property
    def active(self) -> bool:
        """True when semantic fields go to an LLM: asked for, or found (a local Ollama) when resolved."""
        backend = self._backend
        return self.settings.use_ai or (backend is not None and backend.live)

    def backend(self) -> Backend | None:
        """The provider or replay cache to use, decided once (the Ollama probe happens here)."""
        if not self._resolved:
            with self._lock:
                if not self._resolved:
                    from pytest_forge.ai.setup import resolve_backend

                    self._backend = resolve_backend(
                        self.settings, self.accounting, self.notices, self.breakers
                    )
                    self._resolved = True
        return self._backend

    def _selection(self, plan: ModelPlan, overridden: frozenset[str]) -> Selection:
        key = (plan.spec.model, plan.name, tuple(plan.origins.items()), overridden)
        found = self._selections.get(key)
        if found is None:
            found = self._selections[key] = select_fields(plan, overridden)
        return found

    def _fill(
        self,
        backend: Backend,
        plan: ModelPlan,
        selection: Selection,
        records: list[dict[str, Any]],
        options: CallOptions,
    ) -> None:
        names = [f.name for f in selection.semantic]
        facts = record_facts(plan.spec.model, len(records))
        rows = [
            (i, with_facts(sibling_values(record, selection.siblings), None if facts is None else facts[i]))
            for i, record in enumerate(records)
            if any(record.get(n) is not None for n in names)
        ]
        context = options.context or self.settings.context
        spec = PromptInput(plan.name, selection.semantic, context, tuple(self.rules_for(plan)))
        outcome = backend.runner.run(spec, rows, self.settings.batch_size, self.settings.max_concurrency)
        filled: dict[int, list[str]] = {}
        for index, values in outcome.values.items():
            for name, text in values.items():
                if records[index].get(name) is not None:
                    records[index][name] = text
                    filled.setdefault(index, []).append(name)
        self._local.filled = (f"ai.{backend.choice.model}", filled)
        self._report(backend, plan, selection, outcome, len(rows))

    def _report(
        self, backend: Backend, plan: ModelPlan, selection: Selection, outcome: Outcome, asked: int
    ) -> None:
        if not outcome.failed:
            return
        from pytest_forge.ai.setup import report_fallback

        self.accounting.count(backend.choice.model, "fallbacks", len(outcome.failed))
        report_fallback(self.settings, self.notices, backend, plan, selection, outcome, asked)

    def _recombine(
        self, plan: ModelPlan, selection: Selection, records: list[dict[str, Any]], pool_n: int
    ) -> None:
        from pytest_forge.ai.large import categorical_fields, recombine
        from pytest_forge.rng import field_stream

        rng = field_stream(self.seed, plan.name, "ai.create_large", len(records))
        recombine(records, pool_n, selection.semantic, categorical_fields(plan, selection.siblings), rng)
