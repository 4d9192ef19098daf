"""A provider that fails never crashes or hangs a session: retries, one re-ask, then offline text."""

from __future__ import annotations

import socket
import warnings

import pytest

from pytest_forge import AIError, ForgeAIWarning
from pytest_forge.ai.breaker import FAILED_REQUESTS_TO_OPEN
from tests.ai.conftest import MODEL, Review


def _is_llm_text(review):
    return review.body.startswith("body ")


@pytest.mark.parametrize("fault", ["500", "429", "malformed"])
def test_a_transient_failure_is_retried_and_then_succeeds(make_forge, llm_server, fault):
    llm_server.fail_next(fault)
    reviews = make_forge(use_cache=False).create_batch(Review, count=3)
    assert (llm_server.count, all(map(_is_llm_text, reviews))) == (2, True)


def test_too_few_records_are_asked_for_once_more_and_only_them(make_forge, llm_server):
    llm_server.fail_next("too_few")
    reviews = make_forge().create_batch(Review, count=4)
    reask = llm_server.user_messages()[1]
    assert (llm_server.count, all(map(_is_llm_text, reviews))) == (2, True)
    assert ('"i": 2' in reask, '"i": 0' in reask, "missing from the answer" in reask) == (True, False, True)


def test_wrong_types_are_asked_for_once_more(make_forge, llm_server):
    llm_server.fail_next("wrong_types")
    reviews = make_forge().create_batch(Review, count=3)
    assert (llm_server.count, all(map(_is_llm_text, reviews))) == (2, True)


def test_text_over_the_length_limit_is_asked_for_once_more(make_forge, llm_server):
    llm_server.fail_next("too_long")
    make_forge().create_batch(Review, count=2)
    assert "longer than 400 characters" in llm_server.user_messages()[1]


def test_records_still_invalid_after_the_reask_keep_offline_text_with_a_warning(make_forge, llm_server):
    llm_server.fail_next("wrong_types", "wrong_types")
    forge = make_forge()
    with pytest.warns(ForgeAIWarning, match="did not write body, summary for 3 of 3"):
        reviews = forge.create_batch(Review, count=3)
    assert (llm_server.count, any(map(_is_llm_text, reviews)), forge.stats()["ai"]["fallbacks"]) == (
        2,
        False,
        3,
    )


def test_a_provider_that_keeps_failing_gives_offline_text_and_a_warning(make_forge, llm_server):
    llm_server.fail_always("500")
    with pytest.warns(ForgeAIWarning, match="InternalServerError"):
        reviews = make_forge(num_retries=2).create_batch(Review, count=3)
    assert (llm_server.count, any(map(_is_llm_text, reviews))) == (3, False)


def test_after_repeated_failed_requests_the_forge_stops_calling_after_one_warning(make_forge, llm_server):
    llm_server.fail_always("500")
    forge = make_forge(batch_size=2, max_concurrency=1, num_retries=1)
    with pytest.warns(ForgeAIWarning, match="stop now"):
        forge.create_batch(Review, count=10)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the stop was told once: later batches stay quiet
        forge.create_batch(Review, count=2)
    assert llm_server.count == FAILED_REQUESTS_TO_OPEN
    stopped = forge.stats()["ai"]["stopped"]
    assert list(stopped) == [MODEL]
    assert "HTTP 500" in stopped[MODEL]
    assert stopped[MODEL].endswith(f"(calls stopped after {FAILED_REQUESTS_TO_OPEN} failed requests)")


def test_an_unauthorized_key_is_not_retried_and_stops_further_calls(make_forge, llm_server):
    llm_server.fail_always("401")
    forge = make_forge(num_retries=3)
    with pytest.warns(ForgeAIWarning, match="HTTP 401"):
        forge.create_batch(Review, count=2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        forge.create_batch(Review, count=2)
    assert llm_server.count == 1


def test_forges_that_inherit_share_the_stop_so_a_dead_provider_costs_a_bounded_number_of_requests(
    make_forge, llm_server
):
    llm_server.fail_always("500")
    session = make_forge(num_retries=2)
    for seed in range(12):  # twelve tests, each with its own Forge on the session's
        forge = make_forge(seed=seed, num_retries=2)
        forge.inherit_from(session)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ForgeAIWarning)
            forge.create_batch(Review, count=2)
    assert llm_server.count == FAILED_REQUESTS_TO_OPEN


def test_a_slow_provider_times_out_and_falls_back(make_forge, llm_server):
    llm_server.fail_next("slow")
    # litellm names it a Timeout, or (when the read times out inside its client) a 500 "timed out"
    with pytest.warns(ForgeAIWarning, match="Timeout|timed out"):
        reviews = make_forge(timeout=0.3, num_retries=0).create_batch(Review, count=2)
    assert any(map(_is_llm_text, reviews)) is False


def test_a_refused_connection_falls_back(make_forge):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    forge = make_forge(api_base=f"http://127.0.0.1:{closed_port}/v1", num_retries=1)
    with pytest.warns(ForgeAIWarning, match="Connection"):
        reviews = forge.create_batch(Review, count=2)
    assert any(map(_is_llm_text, reviews)) is False


def test_strict_ai_raises_instead_of_falling_back(make_forge, llm_server):
    llm_server.fail_always("500")
    with pytest.raises(AIError, match="Review") as raised:
        make_forge(strict_ai=True, num_retries=0).create_batch(Review, count=2)
    assert (raised.value.model, raised.value.field) == (Review, "body")


def test_warnings_never_show_the_api_key(make_forge, llm_server):
    llm_server.fail_always("401")
    with pytest.warns(ForgeAIWarning) as caught:
        make_forge(api_key="sk-leaky-abcdefghijklmnop").create_batch(Review, count=1)
    assert all("sk-leaky" not in str(w.message) for w in caught)
