"""The AI settings of Forge(...): typed, checked, with environment twins and the AI switch rules."""

from __future__ import annotations

import pytest

from pytest_forge import Forge
from pytest_forge.ai.options import settings_from_keywords


def test_a_model_keyword_turns_ai_on():
    assert Forge(1, model="openai/gpt-4o-mini").use_ai is True


def test_a_provider_keyword_turns_ai_on():
    assert Forge(1, provider_name="anthropic").use_ai is True


def test_use_ai_false_wins_over_a_model():
    assert Forge(1, use_ai=False, model="openai/gpt-4o-mini").use_ai is False


def test_ci_mode_from_the_environment_wins_over_a_model(monkeypatch):
    monkeypatch.setenv("FORGE_CI", "1")
    forge = Forge(1, model="openai/gpt-4o-mini")
    assert (forge.use_ai, forge.settings.ci) == (False, True)


def test_an_api_key_in_the_environment_turns_ai_on(monkeypatch):
    monkeypatch.setenv("GROQ_API_KEY", "gsk-whatever-0000000000")
    assert Forge(1).use_ai is True


def test_a_bare_forge_without_keys_leaves_ai_to_a_lazy_probe():
    settings = Forge(1).settings
    assert (settings.use_ai, settings.auto_detect) == (False, True)


def test_ci_mode_never_auto_detects():
    assert Forge(1, ci=True).settings.auto_detect is False


def test_environment_twins_fill_model_api_base_and_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("FORGE_MODEL", "openai/local")
    monkeypatch.setenv("FORGE_API_BASE", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("FORGE_CACHE_DIR", str(tmp_path))
    settings = settings_from_keywords()
    assert (settings.model, settings.api_base, settings.cache_dir) == (
        "openai/local",
        "http://127.0.0.1:9/v1",
        str(tmp_path),
    )


def test_keywords_win_over_environment_twins(monkeypatch):
    monkeypatch.setenv("FORGE_MODEL", "openai/from-env")
    assert settings_from_keywords(model="openai/from-kwarg").model == "openai/from-kwarg"


def test_the_ai_settings_have_typed_defaults():
    settings = settings_from_keywords()
    assert (settings.batch_size, settings.use_cache, settings.strict_ai, settings.num_retries) == (
        25,
        True,
        False,
        2,
    )


@pytest.mark.parametrize(
    ("keyword", "value"),
    [("batch_size", 0), ("max_concurrency", 0), ("num_retries", -1), ("timeout", 0), ("batch_size", True)],
)
def test_bad_numbers_are_refused(keyword, value):
    with pytest.raises(ValueError, match=keyword):
        Forge(1, **{keyword: value})


def test_a_non_boolean_use_cache_is_refused():
    with pytest.raises(TypeError, match="use_cache"):
        Forge(1, use_cache="yes")


def test_the_api_key_is_not_in_the_settings_repr():
    settings = settings_from_keywords(api_key="sk-secret-value-123456")
    assert "sk-secret-value-123456" not in repr(settings)
