"""The ``forge`` section of a failed test's report, and the terminal summary."""

from __future__ import annotations

import shlex

import pytest

from pytest_forge.plugin.report import summary_lines
from pytest_forge.plugin.seeding import derive_test_seed
from pytest_forge.plugin.state import Tally
from tests.plugin.inner import forge_section, recorded

FAILING = """
from forge_models import Customer, Order

def test_refund(forge, record):
    customers = forge.create_batch(Customer, count=4)
    order = forge.create(Order)
    record([c.model_dump() for c in customers] + [order.model_dump()])
    assert order.total < 0
"""


def test_a_failed_test_reports_its_seed_the_command_to_reproduce_it_and_its_records(
    project: pytest.Pytester,
) -> None:
    project.makepyfile(test_shop=FAILING)
    result = project.runpytest("--forge-seed=1234")
    result.assert_outcomes(failed=1)
    seed = derive_test_seed(1234, "test_shop.py::test_refund")
    assert forge_section(result.outlines) == [
        f"seed: {seed} (from the session seed and the node id); session seed 1234",
        "reproduce: pytest 'test_shop.py::test_refund' --forge-seed=1234",
        "records made by this test:",
        "  Customer: 4 (ids 1, 2, 3, ...)",
        "  Order: 1 (id 1)",
    ]


def test_the_reproduce_command_remakes_the_same_data(project: pytest.Pytester) -> None:
    project.makepyfile(test_shop=FAILING, test_other="def test_other(forge):\n    pass\n")
    result = project.runpytest()
    first = recorded(project)
    command = next(line for line in forge_section(result.outlines) if line.startswith("reproduce: "))
    args = shlex.split(command.removeprefix("reproduce: "))[1:]
    project.runpytest(*args).assert_outcomes(failed=1)
    assert recorded(project) == first


def test_a_marker_seed_is_named_as_the_seed_in_the_report(project: pytest.Pytester) -> None:
    project.makepyfile("import pytest\n@pytest.mark.forge(seed=7)\ndef test_a(forge):\n    assert False\n")
    result = project.runpytest("--forge-seed=9", "--forge-ci")
    assert forge_section(result.outlines)[:3] == [
        "seed: 7 (from @pytest.mark.forge); session seed 9",
        "reproduce: pytest 'test_a_marker_seed_is_named_as_the_seed_in_the_report.py::test_a' "
        "--forge-seed=9 --forge-ci",
        "records made by this test: none",
    ]


def test_a_failure_in_a_fixture_using_forge_also_gets_the_section(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        import pytest
        from forge_models import Customer

        @pytest.fixture
        def broken(forge):
            forge.create(Customer)
            raise RuntimeError("boom")

        def test_a(broken):
            pass
        """
    )
    result = project.runpytest("--forge-seed=3")
    result.assert_outcomes(errors=1)
    assert forge_section(result.outlines)[-1] == "  Customer: 1 (id 1)"


def test_passing_tests_and_tests_without_forge_get_no_section(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        "def test_pass(forge):\n    pass\n\ndef test_fail_without_forge():\n    assert False\n"
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    assert "- forge -" not in result.stdout.str()


def test_the_summary_counts_records_generated_per_model(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        import pytest
        from forge_models import Customer, Order

        @pytest.fixture(scope="session")
        def customers(forge_session):
            return forge_session.create_batch(Customer, count=3)

        def test_a(forge, customers):
            forge.create_batch(Order, count=5)

        def test_b(forge):
            forge.create(Customer)
        """
    )
    result = project.runpytest()
    result.stdout.fnmatch_lines(["*- forge -*", "9 records generated (Customer: 4, Order: 5)"])


def test_no_summary_is_printed_when_nothing_was_generated(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_a(forge):\n    pass\n")
    assert "records generated" not in pytester.runpytest().stdout.str()


AI_STATS = {
    "requests": 2,
    "cache_hits": 1,
    "prompt_tokens": 800,
    "completion_tokens": 100,
    "reasks": 0,
    "fallbacks": 1,
    "failures": 0,
    "cost_usd": 0.0015,
    "per_model": {"gpt-x": {"requests": 2}},
}


def test_the_summary_adds_up_ai_calls_tokens_cost_and_cache_hits() -> None:
    tally = Tally()
    tally.add_stats({"generated": {"Review": 20}, "ai": AI_STATS})
    tally.merge(Tally(ai={"requests": 1, "prompt_tokens": 100, "cost_usd": 0.0005}).as_dict())
    assert summary_lines(tally) == [
        "20 records generated (Review: 20)",
        "AI: 3 calls, 1000 tokens (900 prompt, 100 completion), $0.0020, 1 cache hits, 1 fallbacks",
    ]


def test_the_summary_says_when_the_ai_cost_is_unknown() -> None:
    tally = Tally()
    tally.add_stats({"ai": {**AI_STATS, "cost_usd": None}})
    tally.add_stats({"ai": AI_STATS})
    assert summary_lines(tally)[0].startswith(
        "AI: 4 calls, 1800 tokens (1600 prompt, 200 completion), cost unknown"
    )


def test_the_summary_has_no_ai_line_when_no_forge_called_an_llm(project: pytest.Pytester) -> None:
    project.makepyfile(
        "from forge_models import Customer\n\ndef test_a(forge):\n    forge.create(Customer)\n"
    )
    result = project.runpytest()
    result.stdout.fnmatch_lines(["1 records generated (Customer: 1)"])
    assert "AI:" not in result.stdout.str()


def test_the_summary_sums_the_ai_usage_every_forge_reports(project: pytest.Pytester) -> None:
    project.makeconftest(
        project.path.joinpath("conftest.py").read_text()
        + f"""
import pytest
from pytest_forge.forge import Forge

@pytest.fixture(autouse=True)
def _fake_ai_stats(monkeypatch):
    real = Forge.stats
    monkeypatch.setattr(Forge, "stats", lambda self: {{**real(self), "ai": {AI_STATS!r}}})
"""
    )
    project.makepyfile("def test_a(forge):\n    pass\n\ndef test_b(forge):\n    pass\n")
    result = project.runpytest()
    result.stdout.fnmatch_lines(
        ["AI: 4 calls, 1800 tokens (1600 prompt, 200 completion), $0.0030, 2 cache hits*"]
    )
