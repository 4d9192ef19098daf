"""CI mode: AI off whatever else says, gates only opened by markers, no prompt, no socket."""

from __future__ import annotations

import pytest

SHOW_CI = """
import pytest

def show(forge):
    s = forge.settings
    print(f"\\nCI ci={s.ci} ai={forge.use_ai} interactive={s.interactive} dangerous={s.allow_dangerous}")

@pytest.mark.forge(ai=True, allow_dangerous=True)
def test_opened(forge):
    show(forge)

@pytest.mark.forge(ai=True)
def test_closed(forge):
    show(forge)
"""

NO_NETWORK = """
import socket

import pytest


def _refuse(*args, **kwargs):
    raise AssertionError(f"pytest-forge opened a network connection in CI mode: {args!r}")


# armed when this conftest is imported, before the plugin's pytest_configure runs
_guard = pytest.MonkeyPatch()
for _name in ("connect", "connect_ex"):
    _guard.setattr(socket.socket, _name, _refuse)
_guard.setattr(socket, "create_connection", _refuse)
_guard.setattr(socket, "getaddrinfo", _refuse)


def pytest_unconfigure(config):
    _guard.undo()
"""


def ci_lines(result: pytest.RunResult) -> list[str]:
    return [line for line in result.outlines if line.startswith("CI ")]


def test_in_ci_mode_ai_is_off_even_where_a_marker_asks_for_it(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SHOW_CI)
    lines = ci_lines(pytester.runpytest("--forge-ci", "-s", "-p", "no:randomly"))
    assert [line.split()[2] for line in lines] == ["ai=False", "ai=False"]


def test_in_ci_mode_every_forge_is_told_ci_and_never_to_prompt(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SHOW_CI)
    lines = ci_lines(pytester.runpytest("--forge-ci", "-s", "-p", "no:randomly"))
    assert [line.split()[1::2] for line in lines] == [["ci=True", "interactive=False"]] * 2


def test_in_ci_mode_dangerous_data_is_open_only_where_the_marker_opens_it(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SHOW_CI)
    lines = ci_lines(pytester.runpytest("--forge-ci", "-s", "-p", "no:randomly"))
    assert [line.split()[-1] for line in lines] == ["dangerous=True", "dangerous=False"]


def test_forge_ci_from_the_environment_turns_ai_off_in_the_tests(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORGE_CI", "yes")
    pytester.makepyfile(SHOW_CI)
    lines = ci_lines(pytester.runpytest("-s", "-p", "no:randomly"))
    assert [line.split()[1:3] for line in lines] == [["ci=True", "ai=False"]] * 2


def test_a_ci_run_opens_no_socket(project: pytest.Pytester) -> None:
    project.makeconftest(project.path.joinpath("conftest.py").read_text() + NO_NETWORK)
    project.makepyfile(
        """
        import socket

        import pytest
        from forge_models import Customer, Order

        def test_the_guard_is_armed():
            with pytest.raises(AssertionError, match="opened a network connection"):
                socket.create_connection(("127.0.0.1", 9))

        @pytest.mark.forge(ai=True, context="holiday shoppers")
        def test_generates_offline(forge, forge_session):
            forge_session.create_batch(Customer, count=5)
            forge.create_batch(Order, count=20)
        """
    )
    project.runpytest("--forge-ci").assert_outcomes(passed=2)
