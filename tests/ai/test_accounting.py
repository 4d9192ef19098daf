"""forge.stats()["ai"]: requests, cache hits, tokens and cost, in total and per model."""

from __future__ import annotations

from pytest_forge import Forge
from pytest_forge.ai.accounting import AIAccounting, Usage
from tests.ai.conftest import MODEL, Review


def test_stats_has_the_ai_keys_even_when_ai_is_off():
    ai = Forge(1, use_ai=False).stats()["ai"]
    assert {"requests", "cache_hits", "prompt_tokens", "completion_tokens", "cost_usd", "per_model"} <= set(
        ai
    )


def test_requests_and_tokens_are_counted_per_model(make_forge, llm_server):
    forge = make_forge(batch_size=10)
    forge.create_batch(Review, count=20)
    ai = forge.stats()["ai"]
    row = ai["per_model"][MODEL]
    assert (ai["requests"], row["requests"], ai["prompt_tokens"] > 0, ai["completion_tokens"] > 0) == (
        2,
        2,
        True,
        True,
    )


def test_cost_is_none_when_litellm_does_not_know_the_price(make_forge):
    forge = make_forge()
    forge.create_batch(Review, count=2)
    assert forge.stats()["ai"]["cost_usd"] is None


def test_cost_is_computed_when_litellm_knows_the_model(make_forge):
    forge = make_forge(model="openai/gpt-4o-mini")
    forge.create_batch(Review, count=2)
    assert forge.stats()["ai"]["cost_usd"] > 0


def test_cache_hits_are_counted_and_cost_nothing(make_forge):
    make_forge(model="openai/gpt-4o-mini").create_batch(Review, count=2)
    warm = make_forge(model="openai/gpt-4o-mini")
    warm.create_batch(Review, count=2)
    ai = warm.stats()["ai"]
    assert (ai["requests"], ai["cache_hits"], ai["cost_usd"]) == (0, 1, 0.0)


def test_failed_attempts_count_as_requests_and_failures(make_forge, llm_server):
    llm_server.fail_next("500")
    forge = make_forge()
    forge.create_batch(Review, count=2)
    ai = forge.stats()["ai"]
    assert (ai["requests"], ai["failures"]) == (2, 1)


def test_one_unpriced_request_makes_the_total_cost_unknown():
    accounting = AIAccounting()
    accounting.attempt("a", Usage(10, 5, 0.001))
    accounting.attempt("b", Usage(10, 5, None))
    snapshot = accounting.snapshot()
    assert (snapshot["cost_usd"], snapshot["per_model"]["a"]["cost_usd"]) == (None, 0.001)
