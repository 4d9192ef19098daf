"""pytest glue for pytest-forge: options and ini twins, the marker, the header and the hooks.

Loaded through the ``pytest11`` entry point. It imports no part of the engine (nor
pydantic, faker or litellm): the fixtures import the Forge when a test first asks.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import pytest

from pytest_forge.plugin import hookspecs as plugin_hookspecs
from pytest_forge.plugin.configuration import add_options, run_settings
from pytest_forge.plugin.dream import DREAM_KEY, DREAM_OUTPUT, dream_summary, start_dream
from pytest_forge.plugin.fixtures import forge, forge_session, forge_sqlalchemy_session
from pytest_forge.plugin.isolation import RunningTest
from pytest_forge.plugin.markers import MARKER_HELP, forge_mark_of
from pytest_forge.plugin.records import SessionRecords
from pytest_forge.plugin.report import ProvenanceLines, failure_section, header_line, summary_lines
from pytest_forge.plugin.state import (
    FORGE_MARK_KEY,
    PROVENANCE_KEY,
    RUN_KEY,
    RUNNING_KEY,
    SESSION_RECORDS_KEY,
    TALLY_KEY,
    TEST_FORGE_KEY,
    TEST_REGISTRY_KEY,
    Tally,
    finish_forge,
)
from pytest_forge.plugin.xdist import TALLY_OUTPUT, XdistHooks, worker_output

if TYPE_CHECKING:
    from collections.abc import Generator

__all__ = ["forge", "forge_session", "forge_sqlalchemy_session"]


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(plugin_hookspecs)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER_HELP)
    config.stash[RUN_KEY] = run_settings(config)
    config.stash[TALLY_KEY] = Tally()
    config.stash[SESSION_RECORDS_KEY] = SessionRecords()
    config.stash[RUNNING_KEY] = RunningTest()
    start_dream(config)
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(XdistHooks(config), "forge-xdist")


def pytest_report_header(config: pytest.Config) -> str:
    return header_line(config.stash[RUN_KEY])


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[object], request: pytest.FixtureRequest
) -> Generator[None, object, object]:
    __tracebackhide__ = True
    if fixturedef.scope == "function":
        return (yield)
    records = request.config.stash[SESSION_RECORDS_KEY]
    running = request.config.stash[RUNNING_KEY]
    before = records.snapshot()
    running.wider_fixtures += 1
    try:
        with _gates_of_requesting_test(records, running):
            result = yield
    finally:
        running.wider_fixtures -= 1
    records.attribute((fixturedef.argname, fixturedef.baseid), before)
    return result


def _gates_of_requesting_test(
    records: SessionRecords, running: RunningTest
) -> contextlib.AbstractContextManager[None]:
    """A wider fixture is made with the gates the marker of the test that first requests it opens
    (its values are fake either way: refusing would advise the marker that is already there)."""
    item = running.item
    mark = None if item is None else item.stash.get(FORGE_MARK_KEY, None)
    if mark is None or records.forge is None or not (mark.allow_pii or mark.allow_dangerous):
        return contextlib.nullcontext()
    return records.forge.open_gates(
        allow_pii=bool(mark.allow_pii), allow_dangerous=bool(mark.allow_dangerous)
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(
    item: pytest.Item, nextitem: pytest.Item | None
) -> Generator[None, object, object]:
    running = item.config.stash[RUNNING_KEY]
    running.item = item
    try:
        return (yield)
    finally:
        stand_in = running.finish(item)
        if stand_in is not None:
            finish_forge(item.config, stand_in)
        if TEST_REGISTRY_KEY in item.stash:
            del item.stash[TEST_REGISTRY_KEY]  # the test's records go with it


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("forge") is not None:
        item.stash[FORGE_MARK_KEY] = forge_mark_of(item)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    provenance = item.stash.get(PROVENANCE_KEY, None)
    if provenance is not None and call.when != "setup":
        _add_provenance(item, report, provenance, last=call.when == "teardown")
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


def _add_provenance(
    item: pytest.Item, report: pytest.TestReport, provenance: ProvenanceLines, *, last: bool
) -> None:
    """The verbose marker's provenance lines, in the call report (and the teardown's, if it fails)."""
    if provenance.lines and (report.when == "call" or report.failed):
        report.sections.append(("forge provenance", "\n".join(provenance.lines)))
    if last:
        provenance.detach()
        del item.stash[PROVENANCE_KEY]


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
        recorder = session.config.stash.get(DREAM_KEY, None)
        if recorder is not None:
            output[DREAM_OUTPUT] = recorder.data


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if worker_output(config) is not None:
        return  # a worker's tally goes to the controller, which prints the sum
    lines = summary_lines(config.stash[TALLY_KEY])
    if lines:
        terminalreporter.write_sep("-", "forge")
        for line in lines:
            terminalreporter.write_line(line)
    dream = dream_summary(config)
    if dream:
        terminalreporter.write_sep("-", "forge data coverage")
        for line in dream:
            terminalreporter.write_line(line)
