"""Under pytest: FORGE_MODEL and friends turn the forge fixture's AI on, and the summary counts it."""

from __future__ import annotations

import pytest

from pytest_forge.ai.client import import_litellm


@pytest.fixture(autouse=True)
def _litellm_imported_outside_the_inner_runs() -> None:
    """litellm's import pulls in the importlib_metadata backport, which deletes the stdlib
    ``PathFinder.find_distributions`` and adds its own finder to ``sys.meta_path``. Imported inside
    an in-process pytester run, the finder is removed again when pytester restores ``sys.meta_path``
    and every later in-process run finds no entry points (no plugins): so import it out here first.
    """
    import_litellm()


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
    result.stdout.fnmatch_lines(["AI: 2 calls, * tokens*"])


def test_forge_ci_replays_the_cache_in_a_pytest_run(pytester, llm_server, monkeypatch, tmp_path):
    monkeypatch.setenv("FORGE_MODEL", "openai/fake-model")
    monkeypatch.setenv("FORGE_API_BASE", llm_server.api_base)
    monkeypatch.setenv("FORGE_CACHE_DIR", str(tmp_path / "cache"))
    pytester.makepyfile(TESTS)
    pytester.runpytest("--forge-seed=5", "-p", "no:randomly").assert_outcomes(passed=1)
    # a fresh process, as CI would be (and it never imports litellm, so it starts quickly)
    result = pytester.runpytest_subprocess("--forge-seed=5", "--forge-ci", "-p", "no:randomly")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["AI: 0 calls*, 2 cache hits*"])
    assert llm_server.count == 2
