"""The gates: default-deny, each opened on its own, refusals that say how to open them, no stray prompts."""

from __future__ import annotations

import io
import re
import sys
from typing import Annotated

import pytest
from pydantic import BaseModel

from pytest_forge import Dangerous, Forge, ForgePermissionError
from pytest_forge.errors import ForgeError


class Profile(BaseModel):
    ssn: str
    nickname: str


class CustomerProfile(BaseModel):
    id: int
    ssn: str
    salary: float


class SecurityTest(BaseModel):
    id: int
    sql_injection: str


class Both(BaseModel):
    password: str
    fuzz_input: str


class Wrapper(BaseModel):
    title: str
    profile: Profile


class SafeUser(BaseModel):
    id: int
    name: str
    shipping_address: str


class TtyIn(io.StringIO):
    def isatty(self):
        return True


class TtyOut(io.StringIO):
    def isatty(self):
        return True


class ExplodingStdin:
    """A terminal-looking stdin that fails the test if anything reads it."""

    def isatty(self):
        return True

    def read(self, *args):
        raise AssertionError("stdin was read")

    readline = read


@pytest.fixture
def outside_pytest(monkeypatch):
    """A terminal session outside pytest: stdin answers 'y', stdout is a tty.

    pytest resets PYTEST_CURRENT_TEST and its captured streams for each test phase, so the
    returned function sets the scene from inside the test body.
    """

    def leave() -> io.StringIO:
        terminal = TtyOut()
        monkeypatch.setattr(sys, "stdout", terminal)
        monkeypatch.setattr(sys, "stdin", TtyIn("y\n"))
        monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
        return terminal

    return leave


def test_a_safe_model_needs_no_permission():
    assert Forge(seed=1).create(SafeUser).id == 1


def test_a_sensitive_model_is_refused_by_default():
    with pytest.raises(ForgePermissionError):
        Forge(seed=1).create(CustomerProfile)


def test_the_refusal_is_a_forge_error_and_a_permission_error():
    with pytest.raises(ForgePermissionError) as info:
        Forge(seed=1).create(CustomerProfile)
    assert isinstance(info.value, ForgeError)
    assert isinstance(info.value, PermissionError)
    assert (info.value.model, info.value.field) == (CustomerProfile, "ssn")


def test_the_refusal_lists_the_model_the_fields_their_levels_and_every_way_in():
    with pytest.raises(ForgePermissionError) as info:
        Forge(seed=1).create(CustomerProfile)
    message = str(info.value)
    assert message.startswith("pytest-forge will not generate CustomerProfile")
    assert re.search(r'^ +ssn +sensitive +\(name token "ssn"\)$', message, re.MULTILINE)
    for way in ("Forge(allow_pii=True)", "FORGE_ALLOW_PII=1", "forge.open_gates(allow_pii=True)"):
        assert way in message
    assert "salary" in message
    assert "sensitive" in message
    assert "id " not in message


def test_a_refusal_in_plain_python_gives_no_pytest_or_command_line_advice():
    with pytest.raises(ForgePermissionError) as info:
        Forge(seed=1).create(CustomerProfile)
    advice = str(info.value).split("use one of:")[1]
    assert not re.search(r"pytest|forge_fixture|--allow", advice)


@pytest.mark.parametrize(
    ("advice", "expected", "absent"),
    [
        ("cli", ["--allow-pii", "FORGE_ALLOW_PII=1"], ["Forge(", "pytest"]),
        (
            "pytest",
            ["@pytest.mark.forge(allow_pii=True)", "forge_fixture(", "forge_allow_pii = true"],
            ["Forge(", "--allow"],
        ),
    ],
)
def test_a_refusal_advises_what_works_where_the_forge_was_made(advice, expected, absent):
    forge = Forge(seed=1, advice=advice)
    with pytest.raises(ForgePermissionError) as info:
        forge.create(CustomerProfile)
    advice = str(info.value).split("use one of:")[1]
    assert all(way in advice for way in expected)
    assert not any(word in advice for word in absent)


def test_open_gates_opens_a_block_only():
    forge = Forge(seed=1)
    with forge.open_gates(allow_pii=True):
        assert forge.create(CustomerProfile).ssn.startswith("9")
    with pytest.raises(ForgePermissionError):
        forge.create(CustomerProfile)


def test_allow_pii_on_the_forge_opens_the_sensitive_gate():
    record = Forge(seed=1, allow_pii=True).create(CustomerProfile)
    assert record.ssn.startswith("9")


def test_the_environment_variable_opens_the_sensitive_gate(monkeypatch):
    monkeypatch.setenv("FORGE_ALLOW_PII", "1")
    assert Forge(seed=1).create(CustomerProfile).ssn.startswith("9")


def test_the_environment_variable_is_read_at_call_time_too(monkeypatch):
    forge = Forge(seed=1)
    monkeypatch.setenv("FORGE_ALLOW_PII", "true")
    assert forge.create(CustomerProfile).ssn.startswith("9")


def test_a_nested_sensitive_model_is_gated_through_its_parent():
    with pytest.raises(ForgePermissionError, match=r"profile\.ssn"):
        Forge(seed=1).create(Wrapper)


def test_a_dangerous_model_is_refused_by_default():
    with pytest.raises(ForgePermissionError, match="allow_dangerous=True"):
        Forge(seed=1).create(SecurityTest)


def test_allow_dangerous_opens_the_dangerous_gate():
    assert Forge(seed=1, allow_dangerous=True).create(SecurityTest).sql_injection


def test_allow_pii_does_not_open_the_dangerous_gate():
    with pytest.raises(ForgePermissionError, match="dangerous gate is closed"):
        Forge(seed=1, allow_pii=True).create(SecurityTest)


def test_allow_dangerous_does_not_open_the_sensitive_gate():
    with pytest.raises(ForgePermissionError, match="sensitive gate is closed"):
        Forge(seed=1, allow_dangerous=True).create(CustomerProfile)


def test_a_model_with_both_levels_needs_both_gates():
    with pytest.raises(ForgePermissionError, match="the sensitive gate and the dangerous gate are closed"):
        Forge(seed=1).create(Both)
    with pytest.raises(ForgePermissionError, match="dangerous gate is closed"):
        Forge(seed=1, allow_pii=True).create(Both)
    with pytest.raises(ForgePermissionError, match="sensitive gate is closed"):
        Forge(seed=1, allow_dangerous=True).create(Both)
    assert Forge(seed=1, allow_pii=True, allow_dangerous=True).create(Both).password


def test_under_pytest_nothing_is_read_from_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", ExplodingStdin())
    monkeypatch.setattr(sys, "stdout", TtyOut())
    with pytest.raises(ForgePermissionError):
        Forge(seed=1).create(SecurityTest)


def test_a_terminal_session_outside_pytest_asks_and_a_yes_opens_the_gate(outside_pytest):
    terminal = outside_pytest()
    assert Forge(seed=1).create(SecurityTest).sql_injection
    assert "SecurityTest has dangerous fields (sql_injection)" in terminal.getvalue()


def test_anything_but_yes_at_the_prompt_refuses(outside_pytest, monkeypatch):
    outside_pytest()
    monkeypatch.setattr(sys, "stdin", TtyIn("\n"))
    with pytest.raises(ForgePermissionError):
        Forge(seed=1).create(SecurityTest)


def test_the_prompt_is_asked_once_per_model_and_forge(outside_pytest, monkeypatch):
    outside_pytest()
    forge = Forge(seed=1)
    forge.create(SecurityTest)
    monkeypatch.setattr(sys, "stdin", ExplodingStdin())
    assert len(forge.create_batch(SecurityTest, count=3)) == 3


@pytest.mark.parametrize("settings", [{"interactive": False}, {"ci": True}])
def test_no_prompt_with_interactive_false_or_in_ci_mode(outside_pytest, monkeypatch, settings):
    outside_pytest()
    monkeypatch.setattr(sys, "stdin", ExplodingStdin())
    with pytest.raises(ForgePermissionError):
        Forge(seed=1, **settings).create(SecurityTest)


def test_no_prompt_when_the_ci_environment_variable_is_set(outside_pytest, monkeypatch):
    outside_pytest()
    monkeypatch.setattr(sys, "stdin", ExplodingStdin())
    monkeypatch.setenv("FORGE_CI", "1")
    with pytest.raises(ForgePermissionError):
        Forge(seed=1).create(SecurityTest)


def test_no_prompt_when_stdin_is_not_a_terminal(outside_pytest, monkeypatch):
    outside_pytest()
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    with pytest.raises(ForgePermissionError):
        Forge(seed=1).create(SecurityTest)
    assert sys.stdin.read() == "y\n"


def test_no_prompt_when_stdout_is_not_a_terminal(outside_pytest, monkeypatch):
    outside_pytest()
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.setattr(sys, "stdin", ExplodingStdin())
    with pytest.raises(ForgePermissionError):
        Forge(seed=1).create(SecurityTest)


def test_no_prompt_when_the_sensitive_gate_already_refuses(outside_pytest, monkeypatch):
    outside_pytest()
    monkeypatch.setattr(sys, "stdin", ExplodingStdin())
    with pytest.raises(ForgePermissionError, match="sensitive gate and the dangerous gate"):
        Forge(seed=1).create(Both)


class Marked(BaseModel):
    blob: Annotated[str, Dangerous]


def test_an_explicitly_dangerous_field_is_gated_like_a_named_one():
    with pytest.raises(ForgePermissionError, match="marked Dangerous"):
        Forge(seed=1).create(Marked)


def test_open_gates_also_holds_for_swarm_worker_threads():
    forge = Forge(seed=1)
    with forge.open_gates(allow_pii=True):
        made = forge.swarm([CustomerProfile], 3, workers=2)
    assert all(record.ssn.startswith("9") for record in made["CustomerProfile"])
