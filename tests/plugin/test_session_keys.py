"""Natural keys a test makes never repeat the session records it can see (issue 13), and what it
makes still depends only on its own seed and fixtures, not on the tests that ran before it."""

from __future__ import annotations

import pytest

from tests.plugin.inner import RECORDER, recorded

MODELS = """
from pydantic import BaseModel


class Customer(BaseModel):
    first_name: str
    last_name: str
    email: str
    username: str
"""

CONFTEST = (
    RECORDER
    + """

from keys_models import Customer


@pytest.fixture(scope="session")
def regulars(forge_session):
    return forge_session.create_batch(Customer, count=150)
"""
)

# the test's seed is the session's: without the session's keys in view it would draw the same people
NEWCOMERS = """
import pytest
from keys_models import Customer


@pytest.mark.forge(seed=5)
def test_newcomers(forge, regulars, record):
    made = forge.create_batch(Customer, count=150)
    record({
        "regulars": [[c.first_name, c.email, c.username] for c in regulars],
        "made": [[c.first_name, c.email, c.username] for c in made],
    })
"""

EARLIER = """
from keys_models import Customer


def test_earlier(forge_session, forge):
    forge_session.create_batch(Customer, count=40)  # the test's own records, gone with it
    forge.create_batch(Customer, count=40)
"""


@pytest.fixture
def keys_project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(keys_models=MODELS, conftest=CONFTEST, test_newcomers=NEWCOMERS, test_earlier=EARLIER)
    return pytester


def newcomers(pytester: pytest.Pytester, *files: str) -> dict[str, list[list[str]]]:
    flags = ("--forge-seed=5", "-p", "no:randomly", "-p", "no:cacheprovider", *files)
    result = pytester.runpytest_subprocess(*flags, timeout=120)
    assert result.ret == 0, result.stdout.str()
    return recorded(pytester)["test_newcomers.py::test_newcomers"]  # type: ignore[no-any-return]


def test_a_tests_emails_and_usernames_avoid_the_session_records_it_sees(keys_project):
    data = newcomers(keys_project, "test_newcomers.py")
    regulars, made = data["regulars"], data["made"]
    # the same people were drawn (same seed and streams) ...
    assert sum(r[0] == m[0] for r, m in zip(regulars, made, strict=True)) >= 140
    # ... but no email or username of the session's records comes back
    assert not {r[1] for r in regulars} & {m[1] for m in made}
    assert not {r[2] for r in regulars} & {m[2] for m in made}
    assert len({m[1] for m in made}) == len(made)


def test_what_a_test_makes_does_not_depend_on_the_tests_before_it(keys_project):
    alone = newcomers(keys_project, "test_newcomers.py")
    assert newcomers(keys_project, "test_earlier.py", "test_newcomers.py") == alone
