"""Under pytest: FORGE_MODEL and friends turn the forge fixture's AI on, and the summary counts it."""

from __future__ import annotations

TESTS = """
from pydantic import BaseModel


class Review(BaseModel):
    id: int
    rating: int
    body: str
    summary: str


def test_reviews(forge):
    reviews = forge.create_batch(Review, count=30, context="holiday")
    assert reviews[0].body.startswith("body 0")
"""


def test_the_terminal_summary_shows_requests_and_tokens(pytester, llm_server, monkeypatch, tmp_path):
    monkeypatch.setenv("FORGE_MODEL", "openai/fake-model")
    monkeypatch.setenv("FORGE_API_BASE", llm_server.api_base)
    monkeypatch.setenv("FORGE_CACHE_DIR", str(tmp_path / "cache"))
    pytester.makepyfile(TESTS)
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["AI: cache_hits=0, *prompt_tokens=*, *requests=2"])


def test_forge_ci_replays_the_cache_in_a_pytest_run(pytester, llm_server, monkeypatch, tmp_path):
    monkeypatch.setenv("FORGE_MODEL", "openai/fake-model")
    monkeypatch.setenv("FORGE_API_BASE", llm_server.api_base)
    monkeypatch.setenv("FORGE_CACHE_DIR", str(tmp_path / "cache"))
    pytester.makepyfile(TESTS)
    pytester.runpytest("--forge-seed=5", "-p", "no:randomly").assert_outcomes(passed=1)
    # a fresh process, as CI would be (and it never imports litellm, so it starts quickly)
    result = pytester.runpytest_subprocess("--forge-seed=5", "--forge-ci", "-p", "no:randomly")
    result.assert_outcomes(passed=1)
    assert (llm_server.count, "cache_hits=2" in result.stdout.str()) == (2, True)
