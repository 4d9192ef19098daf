"""Under pytest-xdist (with pytest-randomly shuffling too) tests get the same data as in a serial run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.plugin.inner import DATA_TESTS, MODELS, RECORDER, recorded

SESSION_TESTS = """
import pytest
from forge_models import Customer

@pytest.fixture(scope="session")
def regulars(forge_session):
    return forge_session.create_batch(Customer, count=2)

@pytest.mark.parametrize("n", range(4))
def test_uses_session_records(forge, regulars, record, n):
    record([forge.registry.records("Customer") == regulars, forge.create(Customer).model_dump()])
"""


def run_inner(root: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "FORGE_", "COV_CORE"))}
    command = [sys.executable, "-m", "pytest", "--forge-seed=99", "-p", "no:cacheprovider", *args]
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done, recorded(root)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[subprocess.CompletedProcess[str], Any]]:
    """The same inner project run serially, and on 2 workers with pytest-randomly shuffling."""
    root = tmp_path_factory.mktemp("xdist")
    for name, text in {
        "forge_models.py": MODELS,
        "conftest.py": RECORDER,
        "test_data.py": DATA_TESTS,
        "test_session.py": SESSION_TESTS,
    }.items():
        (root / name).write_text(text)
    return {
        "serial": run_inner(root, "-p", "no:xdist", "-p", "no:randomly"),
        "n2": run_inner(root, "-n", "2", "-p", "randomly", "--randomly-seed=3"),
    }


def summary(done: subprocess.CompletedProcess[str]) -> str:
    return next(line for line in done.stdout.splitlines() if "records generated" in line)


def test_two_workers_make_the_same_data_as_a_serial_run(runs: dict[str, Any]) -> None:
    serial, parallel = runs["serial"][1], runs["n2"][1]
    assert len(serial) == 10
    assert parallel == serial


def test_every_worker_sees_its_own_session_records_as_parents(runs: dict[str, Any]) -> None:
    session_tests = {k: v for k, v in runs["n2"][1].items() if k.startswith("test_session.py")}
    assert [sees for sees, _ in session_tests.values()] == [True] * 4


def test_the_summary_adds_up_the_workers_records(runs: dict[str, Any]) -> None:
    assert summary(runs["n2"][0]) == summary(runs["serial"][0])
