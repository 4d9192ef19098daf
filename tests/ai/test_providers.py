"""Choosing the provider: explicit settings, API keys in the environment, then a local Ollama."""

from __future__ import annotations

import logging

import pytest

from pytest_forge import Forge, ForgeAIWarning
from pytest_forge.ai.options import settings_from_keywords
from pytest_forge.ai.providers import choose_provider, explicit_provider
from tests.ai.conftest import Review


def _choice(**kwargs):
    return explicit_provider(settings_from_keywords(**kwargs))


def test_a_provider_alone_gets_its_default_model():
    assert _choice(provider_name="anthropic").model == "anthropic/claude-haiku-4-5"


def test_a_provider_and_a_bare_model_make_one_litellm_model_string():
    assert _choice(provider_name="anthropic", model="claude-haiku-4-5").model == "anthropic/claude-haiku-4-5"


def test_a_bare_model_name_is_spelled_with_its_provider():
    choice = _choice(model="gpt-4o-mini")
    assert (choice.provider, choice.model) == ("openai", "openai/gpt-4o-mini")


def test_an_openai_compatible_server_keeps_its_base_url_and_key():
    choice = _choice(model="openai/my-model", api_base="http://127.0.0.1:8000/v1", api_key="sk-local")
    assert (choice.provider, choice.api_base, choice.api_key) == (
        "openai",
        "http://127.0.0.1:8000/v1",
        "sk-local",
    )


def test_an_unknown_provider_without_a_model_says_to_pass_one():
    with pytest.raises(ValueError, match="model="):
        _choice(provider_name="mystery")


@pytest.mark.parametrize(
    ("variable", "model"),
    [
        ("ANTHROPIC_API_KEY", "anthropic/claude-haiku-4-5"),
        ("OPENAI_API_KEY", "openai/gpt-4o-mini"),
        ("GEMINI_API_KEY", "gemini/gemini-2.5-flash"),
        ("GOOGLE_API_KEY", "gemini/gemini-2.5-flash"),
        ("GROQ_API_KEY", "groq/llama-3.3-70b-versatile"),
    ],
)
def test_an_api_key_in_the_environment_picks_its_provider(monkeypatch, variable, model):
    monkeypatch.setenv(variable, "key-value-000000000000")
    choice = choose_provider(settings_from_keywords(), probe=False)
    assert choice is not None
    assert (choice.model, choice.how) == (model, "env")


def test_a_local_ollama_is_found_when_no_key_is_set(monkeypatch, llm_server):
    monkeypatch.setenv("OLLAMA_API_BASE", f"http://127.0.0.1:{llm_server.port}")
    choice = choose_provider(settings_from_keywords(), probe=True)
    assert choice is not None
    assert (choice.provider, choice.model) == ("ollama", "ollama/llama3.2:latest")


def test_nothing_found_means_offline_text_with_one_log_notice(monkeypatch, caplog, llm_server):
    port = llm_server.port
    llm_server.stop()  # nothing listens there any more
    monkeypatch.setenv("OLLAMA_API_BASE", f"http://127.0.0.1:{port}")
    forge = Forge(1)
    with caplog.at_level(logging.INFO, logger="pytest_forge.ai"):
        forge.create_batch(Review, count=3)
        forge.create_batch(Review, count=3)
    notices = [r for r in caplog.records if "no LLM configured or found" in r.getMessage()]
    assert (len(notices), forge.use_ai) == (1, False)


def test_use_ai_true_with_nothing_found_warns_once(monkeypatch, llm_server):
    port = llm_server.port
    llm_server.stop()
    monkeypatch.setenv("OLLAMA_API_BASE", f"http://127.0.0.1:{port}")
    forge = Forge(1, use_ai=True)
    with pytest.warns(ForgeAIWarning, match="no LLM was found"):
        forge.create_batch(Review, count=2)
    forge.create_batch(Review, count=2)  # told once: no second warning (filterwarnings=error)
