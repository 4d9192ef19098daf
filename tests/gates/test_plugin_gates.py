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


FIXTURE_TESTS = """
import pytest
from gate_models import Customer
from pytest_forge import ForgePermissionError, forge_fixture

employees = forge_fixture(Customer, count=3, scope="session", allow_pii=True)
employee = forge_fixture(Customer, allow_pii=True)


def test_session_fixture(employees):
    assert len(employees) == 3 and all(e.ssn.startswith("9") for e in employees)


def test_function_fixture_opens_only_its_own_records(employee, forge):
    assert employee.ssn.startswith("9")
    with pytest.raises(ForgePermissionError):
        forge.create(Customer)
"""


def test_forge_fixture_opens_the_gate_for_its_own_records(inner):
    inner.makepyfile(test_fixtures=FIXTURE_TESTS)
    run(inner).assert_outcomes(passed=2)


SESSION_FIXTURE = """
import pytest
from gate_models import Customer


@pytest.fixture(scope="session")
def staff(forge_session):
    return forge_session.create_batch(Customer, count=2)
"""

MARKED_SESSION_TESTS = """
import pytest


@pytest.mark.forge(allow_pii=True)
def test_marked(staff):
    assert all(person.ssn.startswith("9") for person in staff)


def test_later_unmarked_test_reuses_the_records(staff):
    assert len(staff) == 2
"""


def test_a_session_fixture_requested_under_an_opening_marker_is_made_with_the_gate_open(inner):
    inner.makeconftest(SESSION_FIXTURE)
    inner.makepyfile(test_marked=MARKED_SESSION_TESTS)
    run(inner).assert_outcomes(passed=2)


def test_a_session_fixture_requested_without_the_marker_is_refused_with_pytest_advice(inner):
    inner.makeconftest(SESSION_FIXTURE)
    inner.makepyfile(test_unmarked="def test_unmarked(staff):\n    pass\n")
    result = run(inner)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*the sensitive gate is closed*", "*forge_allow_pii = true*"])
    result.stdout.no_fnmatch_line("*Forge(allow_pii=True)*")


INI_TESTS = """
import pytest
from gate_models import Both, Customer


@pytest.fixture(scope="session")
def people(forge_session):
    return forge_session.create_batch(Both, count=2)


def test_function_forge(forge):
    assert forge.create(Customer).ssn.startswith("9")
    assert forge.create(Both).fuzz_input


def test_session_forge(people, forge_session):
    assert len(people) == 2
    assert forge_session.create(Customer).ssn.startswith("9")
"""


@pytest.mark.parametrize("ci", [[], ["--forge-ci"]], ids=["default", "ci"])
def test_the_ini_twins_open_both_gates_for_the_whole_suite_in_ci_mode_too(inner, ci):
    inner.makeini("[pytest]\nforge_allow_pii = true\nforge_allow_dangerous = true\n")
    inner.makepyfile(test_ini=INI_TESTS)
    run(inner, *ci).assert_outcomes(passed=2)


def test_without_the_ini_twins_the_same_suite_is_refused(inner):
    inner.makepyfile(test_ini=INI_TESTS)
    run(inner, "--forge-ci").assert_outcomes(failed=1, errors=1)


def test_a_refusal_under_pytest_shows_pytest_advice_and_no_plugin_frames(inner):
    inner.makepyfile(test_pii=PII_TESTS)
    result = run(inner, "-k", "closed")
    result.assert_outcomes(failed=1, deselected=1)
    result.stdout.fnmatch_lines(
        [
            "*forge.create(Customer)*",
            "*@pytest.mark.forge(allow_pii=True) on the test*",
            "*forge_fixture(Model, ..., allow_pii=True)*",
            "*forge_allow_pii = true*",
        ]
    )
    result.stdout.no_fnmatch_line("*pytest_forge/*.py:*")
    result.stdout.no_fnmatch_line("*Forge(allow_pii=True)*")


VERBOSE_TESTS = """
import pytest
from gate_models import SecurityTest


class Plain:
    pass


@pytest.mark.forge(verbose=True, seed=3, allow_dangerous=True)
def test_verbose(forge):
    forge.create(SecurityTest)
    assert False, "show the report"


@pytest.mark.forge(seed=3, allow_dangerous=True)
def test_quiet(forge):
    forge.create(SecurityTest)
    assert False, "show the report"
"""


def test_the_verbose_marker_shows_provenance_lines_in_the_report_without_logging_flags(inner):
    inner.makepyfile(test_verbose=VERBOSE_TESTS)
    result = run(inner)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "*_ test_verbose _*",
            "*- forge provenance -*",
            "[[]structural[]] SecurityTest.id = *",
            "[[]dangerous[]] SecurityTest.sql_injection = * (hostile.sql_injection)",
            "*_ test_quiet _*",
        ]
    )
    assert result.stdout.str().count("forge provenance") == 1


def test_a_refusal_in_a_forge_fixture_shows_no_plugin_frames(inner):
    inner.makepyfile(
        test_fixture="""
        from gate_models import Customer
        from pytest_forge import forge_fixture

        staff = forge_fixture(Customer, count=2, scope="session")

        def test_uses(staff):
            pass
        """
    )
    result = run(inner)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*will not generate Customer: the sensitive gate is closed*"])
    result.stdout.no_fnmatch_line("*pytest_forge/*.py*")
    result.stdout.no_fnmatch_line("*def maker*")


def test_a_marker_saying_allow_pii_false_closes_the_gate_the_ini_opens(inner):
    inner.makeini("[pytest]\nforge_allow_pii = true\n")
    inner.makepyfile(
        test_closed_again="""
        import pytest
        from gate_models import Customer

        @pytest.mark.forge(allow_pii=False)
        def test_closed(forge):
            forge.create(Customer)

        def test_open(forge):
            forge.create(Customer)
        """
    )
    result = run(inner)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*_ test_closed _*", "*the sensitive gate is closed*"])
