"""The plugin's options and ini twins, and the run's settings they give.

A bad value is a ``pytest.UsageError`` naming the option (or ini key) it came from.
"""

from __future__ import annotations

import os

import pytest

from pytest_forge.plugin.dream import add_dream_option
from pytest_forge.plugin.seeding import (
    parse_seed_setting,
    remember_session_seed,
    resolve_session_seed,
    seed_type,
)
from pytest_forge.plugin.state import RunSettings
from pytest_forge.plugin.xdist import worker_input

__all__ = ["add_options", "run_settings"]


def add_options(parser: pytest.Parser) -> None:
    """The command-line options and their ini twins."""
    group = parser.getgroup("forge", "pytest-forge: realistic, reproducible test data")
    group.addoption(
        "--forge-seed", dest="forge_seed", type=seed_type, default=None, metavar="SEED",
        help="session seed: a non-negative integer, 'random' (default) or 'last' (the previous run's). "
        "ini: forge_seed",
    )  # fmt: skip
    group.addoption(
        "--forge-ci", dest="forge_ci", action="store_true", default=False,
        help="CI mode: no AI, no network, dangerous data only where a marker opens it, no prompts. "
        "Also FORGE_CI=1; ini: forge_ci",
    )  # fmt: skip
    group.addoption(
        "--forge-locale", dest="forge_locale", default=None, metavar="LOCALE",
        help="locale of generated names and places, e.g. de_DE (default en_US). ini: forge_locale",
    )  # fmt: skip
    group.addoption(
        "--forge-ai", dest="forge_ai", action="store_true", default=False,
        help="let the forge fixtures ask an LLM for free text (a provider API key alone does not). "
        "ini: forge_ai",
    )  # fmt: skip
    add_dream_option(group)
    parser.addini("forge_seed", "session seed: an int, 'random' or 'last' (--forge-seed)", default="random")
    parser.addini("forge_ai", "let the forge fixtures ask an LLM (--forge-ai)", type="bool", default=False)
    parser.addini("forge_ci", "CI mode on (--forge-ci)", type="bool", default=False)
    parser.addini("forge_locale", "locale of generated data (--forge-locale)", default="")
    parser.addini(
        "forge_allow_pii",
        "open the sensitive gate for the whole suite, CI mode included",
        type="bool",
        default=False,
    )
    parser.addini(
        "forge_allow_dangerous",
        "open the dangerous gate for the whole suite, CI mode included",
        type="bool",
        default=False,
    )


def run_settings(config: pytest.Config) -> RunSettings:
    """The run's settings from options, ini and environment (a worker takes the controller's)."""
    shipped = worker_input(config)
    if shipped is not None:
        return RunSettings(**shipped)
    ci = _ci_mode(config)
    option = config.getoption("forge_seed")
    if option is None:
        option = parse_seed_setting(config.getini("forge_seed"), "ini forge_seed")
    seed = resolve_session_seed(config, option)
    remember_session_seed(config, seed.value)
    locale = _checked_locale(config)
    ai, ai_note = _ai_mode(config, ci)
    return RunSettings(
        seed=seed.value,
        ci=ci,
        ai=ai,
        ai_note=ai_note,
        locale=locale,
        seed_note=seed.note,
        allow_pii=bool(config.getini("forge_allow_pii")),
        allow_dangerous=bool(config.getini("forge_allow_dangerous")),
    )


def _checked_locale(config: pytest.Config) -> str | None:
    """--forge-locale (or ini forge_locale); an unknown one is a usage error naming the closest."""
    from pytest_forge.locales import unknown_locale

    option = config.getoption("forge_locale")
    locale = option or config.getini("forge_locale") or None
    problem = None if locale is None else unknown_locale(locale)
    if problem is not None:
        source = f"--forge-locale={locale}" if option else f"ini forge_locale = {locale}"
        raise pytest.UsageError(f"{source}: {problem}")
    return locale


def _ci_mode(config: pytest.Config) -> bool:
    from pytest_forge.settings import env_flag

    try:
        from_env = env_flag("FORGE_CI", default=bool(config.getini("forge_ci")))
    except ValueError as error:
        raise pytest.UsageError(str(error)) from None
    return bool(config.getoption("forge_ci")) or from_env


def _ai_mode(config: pytest.Config, ci: bool) -> tuple[bool, str | None]:
    """Whether the run's Forges call an LLM unless a marker says otherwise, and why (for the header).

    Under pytest AI is on only when the run asks for it (``--forge-ai``, ini ``forge_ai``, an
    explicit ``FORGE_MODEL``): a provider API key alone never makes an ordinary test run send
    billed requests, and no local LLM is probed for, so a test's data never depends on whether
    one happens to be running. CI mode always wins.
    """
    from pytest_forge.ai.options import settings_from_keywords
    from pytest_forge.ai.providers import provider_key_in_environment

    try:
        settings_from_keywords(use_ai=False, ci=ci)  # the FORGE_* variables, checked once for the run
    except (TypeError, ValueError) as error:
        raise pytest.UsageError(str(error)) from None
    if ci:
        return False, None
    if config.getoption("forge_ai"):
        return True, "--forge-ai"
    if config.getini("forge_ai"):
        return True, "ini forge_ai"
    if os.environ.get("FORGE_MODEL"):
        return True, "FORGE_MODEL"
    found = provider_key_in_environment()
    if found is not None:
        return False, f"{found[0]} alone does not turn it on under pytest: use --forge-ai"
    return False, None
