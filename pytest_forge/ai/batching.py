"""Fill a batch's semantic values chunk by chunk: cache, call, validate, re-ask once, then give up.

Chunks run concurrently on a bounded thread pool; each chunk is one structured request for all of
a model's semantic fields. Missing or invalid records are asked for once more; whatever is still
missing keeps its offline text. The client's breaker (see ``ai.breaker``) stops calls to a
provider that keeps failing.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pytest_forge.ai.answers import MalformedAnswer, check_answer, parse_answer
from pytest_forge.ai.client import CallFailed, import_litellm
from pytest_forge.ai.prompt import PromptInput, build_request

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pytest_forge.ai.accounting import AIAccounting
    from pytest_forge.ai.cache import ResponseCache
    from pytest_forge.ai.client import LLMClient
    from pytest_forge.ai.prompt import LLMRequest

__all__ = ["ChunkRunner", "Outcome", "Row"]

#: a record's index in the batch and its safe sibling values
Row = tuple[int, dict[str, Any]]


@dataclass(slots=True)
class Outcome:
    """Values written by the LLM (by record index) and, for the rest, why they were not."""

    values: dict[int, dict[str, str]] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)
    replay_misses: int = 0

    def merge(self, other: Outcome) -> None:
        self.values.update(other.values)
        self.failed.update(other.failed)
        self.replay_misses += other.replay_misses


@dataclass(slots=True)
class ChunkRunner:
    """Runs the chunks of one batch for one provider/model (``client`` None: cache replay only)."""

    provider: str
    model: str
    client: LLMClient | None
    cache: ResponseCache | None
    accounting: AIAccounting
    params: dict[str, Any]
    lock_wait: float

    def run(self, spec: PromptInput, rows: Sequence[Row], batch_size: int, max_concurrency: int) -> Outcome:
        chunks = [list(rows[start : start + batch_size]) for start in range(0, len(rows), batch_size)]
        outcome = Outcome()
        if self.client is not None:
            import_litellm()  # once, on this thread, before chunk threads could race to import it
        if len(chunks) <= 1 or max_concurrency <= 1:
            for chunk in chunks:
                outcome.merge(self.fill_chunk(spec, chunk))
            return outcome
        with ThreadPoolExecutor(
            max_workers=min(max_concurrency, len(chunks)), thread_name_prefix="forge-ai"
        ) as pool:
            for result in pool.map(lambda chunk: self.fill_chunk(spec, chunk), chunks):
                outcome.merge(result)
        return outcome

    def fill_chunk(self, spec: PromptInput, rows: list[Row]) -> Outcome:
        """One request for ``rows``, a re-ask for the records it missed, offline text for the rest."""
        outcome, problems = self._ask_checked(spec, rows)
        if problems:
            self.accounting.count(self.model, "reasks", len(problems))
            outcome.merge(self._reask(spec, [r for r in rows if r[0] in problems], problems))
        return outcome

    def _reask(self, spec: PromptInput, rows: list[Row], problems: dict[int, str]) -> Outcome:
        listed = "; ".join(f"record {i}: {problems[i]}" for i, _ in rows)
        note = f"A previous answer had these problems ({listed}). Write these records again, correctly."
        outcome, still_wrong = self._ask_checked(spec, rows, note)
        outcome.failed.update(still_wrong)
        return outcome

    def _ask_checked(
        self, spec: PromptInput, rows: list[Row], note: str | None = None
    ) -> tuple[Outcome, dict[int, str]]:
        """The valid values of one request, and the records whose answers were missing or wrong."""
        outcome = Outcome()
        request = build_request(self.provider, self.model, spec, rows, params=self.params, note=note)
        try:
            records = self._ask(request)
        except CallFailed as error:
            return self._failed(rows, str(error)), {}
        if records is None:
            outcome.replay_misses = 1
            return self._failed(rows, "not in the replay cache", outcome), {}
        check = check_answer(records, spec.fields, [i for i, _ in rows])
        outcome.values.update(check.values)
        return outcome, dict(check.problems)

    def _failed(self, rows: list[Row], reason: str, outcome: Outcome | None = None) -> Outcome:
        outcome = outcome or Outcome()
        outcome.failed.update({i: reason for i, _ in rows})
        return outcome

    def _ask(self, request: LLMRequest) -> list[Any] | None:
        """The answer's records from the cache or the provider; None on a replay miss."""
        if self.cache is None:
            entry, hit = self._fetch(request), False
        else:
            entry, hit = self.cache.get_or_compute(
                request.cache_key(), lambda: self._fetch(request), wait=self.lock_wait
            )
        if entry is None:
            return None
        if hit:
            self.accounting.count(self.model, "cache_hits")
        try:
            return parse_answer(entry.get("content"))
        except MalformedAnswer:
            return None

    def _fetch(self, request: LLMRequest) -> dict[str, Any] | None:
        if self.client is None:
            return None
        answer, _ = self.client.ask(request, parse_answer)
        usage = {
            "prompt_tokens": answer.usage.prompt_tokens,
            "completion_tokens": answer.usage.completion_tokens,
        }
        return {"content": answer.content, "model": self.model, "usage": usage}
