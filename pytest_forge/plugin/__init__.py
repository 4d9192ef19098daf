"""pytest glue for pytest-forge: options and ini twins, the marker, the header and the hooks.

Loaded through the ``pytest11`` entry point. It imports no part of the engine (nor
pydantic, faker or litellm): the fixtures import the Forge when a test first asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from pytest_forge.plugin import hookspecs as plugin_hookspecs
from pytest_forge.plugin.fixtures import forge, forge_session, forge_sqlalchemy_session
from pytest_forge.plugin.markers import MARKER_HELP, forge_mark_of
from pytest_forge.plugin.records import SessionRecords
from pytest_forge.plugin.report import failure_section, header_line, summary_lines
from pytest_forge.plugin.seeding import (
    parse_seed_setting,
    remember_session_seed,
    resolve_session_seed,
    seed_type,
)
from pytest_forge.plugin.state import (
    FORGE_MARK_KEY,
    RUN_KEY,
    SESSION_RECORDS_KEY,
    TALLY_KEY,
    TEST_FORGE_KEY,
    RunSettings,
    Tally,
)
from pytest_forge.plugin.xdist import TALLY_OUTPUT, XdistHooks, worker_input, worker_output

if TYPE_CHECKING:
    from collections.abc import Generator

__all__ = ["forge", "forge_session", "forge_sqlalchemy_session"]


def pytest_addoption(parser: pytest.Parser) -> None:
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
    parser.addini("forge_seed", "session seed: an int, 'random' or 'last' (--forge-seed)", default="random")
    parser.addini("forge_ci", "CI mode on (--forge-ci)", type="bool", default=False)
    parser.addini("forge_locale", "locale of generated data (--forge-locale)", default="")


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(plugin_hookspecs)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_HELP)
    config.stash[RUN_KEY] = _run_settings(config)
    config.stash[TALLY_KEY] = Tally()
    config.stash[SESSION_RECORDS_KEY] = SessionRecords()
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(XdistHooks(config), "forge-xdist")


def _run_settings(config: pytest.Config) -> RunSettings:
    shipped = worker_input(config)
    if shipped is not None:
        return RunSettings(**shipped)
    ci = _ci_mode(config)
    option = config.getoption("forge_seed")
    if option is None:
        option = parse_seed_setting(config.getini("forge_seed"), "ini forge_seed")
    seed = resolve_session_seed(config, option)
    remember_session_seed(config, seed.value)
    locale = config.getoption("forge_locale") or config.getini("forge_locale") or None
    return RunSettings(seed=seed.value, ci=ci, ai=_default_ai(ci), locale=locale, seed_note=seed.note)


def _ci_mode(config: pytest.Config) -> bool:
    from pytest_forge.settings import env_flag

    try:
        from_env = env_flag("FORGE_CI", default=bool(config.getini("forge_ci")))
    except ValueError as error:
        raise pytest.UsageError(str(error)) from None
    return bool(config.getoption("forge_ci")) or from_env


def _default_ai(ci: bool) -> bool:
    """Whether the run's Forges call an LLM unless a marker says otherwise.

    On only when a model, provider or API key is configured: the engine's opportunistic
    probe for a local LLM is not used under pytest, so a test's data never depends on
    whether one happens to be running.
    """
    from pytest_forge.settings import ForgeSettings

    try:
        return ForgeSettings.from_kwargs(use_ai=None, ci=ci).use_ai
    except (TypeError, ValueError) as error:
        raise pytest.UsageError(str(error)) from None


def pytest_report_header(config: pytest.Config) -> str:
    return header_line(config.stash[RUN_KEY])


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[object], request: pytest.FixtureRequest
) -> Generator[None, object, object]:
    if fixturedef.scope == "function":
        return (yield)
    records = request.config.stash[SESSION_RECORDS_KEY]
    before = records.snapshot()
    result = yield
    records.attribute((fixturedef.argname, fixturedef.baseid), before)
    return result


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("forge") is not None:
        item.stash[FORGE_MARK_KEY] = forge_mark_of(item)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    test_forge = item.stash.get(TEST_FORGE_KEY, None)
    if test_forge is None:
        return report
    if report.failed:
        marked = item.stash.get(FORGE_MARK_KEY, None)
        marked_seed = marked is not None and marked.seed is not None
        section = failure_section(item.nodeid, item.config.stash[RUN_KEY], test_forge, marked_seed)
        report.sections.append(("forge", section))
    if call.when == "teardown":
        del item.stash[TEST_FORGE_KEY]  # the test's records go with it
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """A blueprint registered (or unregistered) process-wide in a test's body is undone after that test;
    conftest and module-level registrations, made before any test runs, stay."""
    from pytest_forge.blueprints import BLUEPRINTS  # here, not at import: loading the plugin stays cheap

    before = BLUEPRINTS.snapshot()
    try:
        return (yield)
    finally:
        BLUEPRINTS.restore(before)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    output = worker_output(session.config)
    if output is not None:
        output[TALLY_OUTPUT] = session.config.stash[TALLY_KEY].as_dict()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if worker_output(config) is not None:
        return  # a worker's tally goes to the controller, which prints the sum
    lines = summary_lines(config.stash[TALLY_KEY])
    if lines:
        terminalreporter.write_sep("-", "forge")
        for line in lines:
            terminalreporter.write_line(line)
