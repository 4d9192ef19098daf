"""Gates under pytest (real inner sessions): markers open them, refusals fail the test with the message."""

from __future__ import annotations

import pytest

MODELS = """
from pydantic import BaseModel


class Customer(BaseModel):
    id: int
    ssn: str
    salary: float


class SecurityTest(BaseModel):
    id: int
    sql_injection: str


class Both(BaseModel):
    password: str
    fuzz_input: str
"""

PII_TESTS = """
import pytest
from gate_models import Customer


@pytest.mark.forge(allow_pii=True)
def test_opened(forge):
    assert forge.create(Customer).ssn.startswith("9")


def test_closed(forge):
    forge.create(Customer)
"""

DANGEROUS_TESTS = """
import pytest
from gate_models import SecurityTest


@pytest.mark.forge(allow_dangerous=True)
def test_opened(forge):
    assert forge.create(SecurityTest).sql_injection


def test_closed(forge):
    forge.create(SecurityTest)
"""

BOTH_TESTS = """
import pytest
from gate_models import Both


@pytest.mark.forge(allow_pii=True, allow_dangerous=True)
def test_both_opened(forge):
    assert forge.create(Both).password


@pytest.mark.forge(allow_pii=True)
def test_only_pii(forge):
    forge.create(Both)


@pytest.mark.forge(allow_dangerous=True)
def test_only_dangerous(forge):
    forge.create(Both)
"""


@pytest.fixture
def inner(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(gate_models=MODELS)
    return pytester


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("-p", "no:randomly", "-p", "no:cacheprovider", *args)


def test_the_marker_opens_the_pii_gate_and_its_absence_fails_the_test_with_the_way_in(inner):
    inner.makepyfile(test_pii=PII_TESTS)
    result = run(inner)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*ForgePermissionError: pytest-forge will not generate Customer: the sensitive gate is closed*",
            "*@pytest.mark.forge(allow_pii=True) on the test*",
        ]
    )
    result.stdout.no_fnmatch_line("*OSError*")


def test_the_environment_variable_opens_the_pii_gate_for_every_test(inner, monkeypatch):
    inner.makepyfile(test_pii=PII_TESTS)
    monkeypatch.setenv("FORGE_ALLOW_PII", "1")
    run(inner).assert_outcomes(passed=2)


def test_the_marker_opens_the_dangerous_gate_and_its_absence_fails_without_reading_stdin(inner):
    inner.makepyfile(test_dangerous=DANGEROUS_TESTS)
    result = run(inner)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*the dangerous gate is closed*", "*allow_dangerous=True*"])
    result.stdout.no_fnmatch_line("*reading from stdin while output is captured*")


def test_each_gate_needs_its_own_marker_keyword(inner):
    inner.makepyfile(test_both=BOTH_TESTS)
    result = run(inner)
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*_ test_only_pii _*",
            "*will not generate Both: the dangerous gate is closed*",
            "*_ test_only_dangerous _*",
            "*will not generate Both: the sensitive gate is closed*",
        ]
    )


def test_in_ci_mode_dangerous_data_is_refused_unless_a_marker_opens_it(inner, monkeypatch):
    inner.makepyfile(test_dangerous=DANGEROUS_TESTS)
    monkeypatch.setenv("FORGE_CI", "1")
    result = run(inner)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*_ test_closed _*", "*ForgePermissionError*the dangerous gate is closed*"])


def test_with_capture_off_in_ci_mode_no_prompt_is_printed_and_the_test_fails(inner):
    inner.makepyfile(test_dangerous=DANGEROUS_TESTS)
    result = inner.runpytest_subprocess("-p", "no:randomly", "--forge-ci", "-s", timeout=60)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.no_fnmatch_line("*Generate them?*")
