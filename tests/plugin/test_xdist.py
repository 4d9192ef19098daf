"""Under pytest-xdist (with pytest-randomly shuffling too) tests get the same data as in a serial run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from tests.plugin.inner import DATA_TESTS, MODELS, RECORDER, recorded

SESSION_TESTS = """
import os
import pathlib

import pytest
from forge_models import Customer

@pytest.fixture(scope="session")
def regulars(forge_session, pytestconfig):
    workers = pathlib.Path(str(pytestconfig.rootpath)) / "workers"
    workers.mkdir(exist_ok=True)
    (workers / os.environ.get("PYTEST_XDIST_WORKER", "serial")).touch()
    return forge_session.create_batch(Customer, count=2)

@pytest.mark.parametrize("n", range(4))
def test_uses_session_records(forge, regulars, record, n):
    record([forge.registry.records("Customer") == regulars, forge.create(Customer).model_dump()])
"""


class InnerRun(NamedTuple):
    stdout: str
    data: dict[str, Any]
    #: how many processes built the session fixture ``regulars``
    session_builds: int


def run_inner(root: Path, *args: str) -> InnerRun:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "FORGE_", "COV_CORE"))}
    command = [sys.executable, "-m", "pytest", "--forge-seed=99", "-p", "no:cacheprovider", *args]
    done = subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    builds = len(list((root / "workers").iterdir()))
    shutil.rmtree(root / "workers")
    return InnerRun(done.stdout, recorded(root), builds)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, InnerRun]:
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


def customers_generated(run: InnerRun) -> int:
    line = next(line for line in run.stdout.splitlines() if "records generated" in line)
    match = re.search(r"Customer: (\d+)", line)
    assert match, line
    return int(match.group(1))


def test_two_workers_make_the_same_data_as_a_serial_run(runs: dict[str, InnerRun]) -> None:
    assert len(runs["serial"].data) == 10
    assert runs["n2"].data == runs["serial"].data


def test_every_worker_sees_its_own_session_records_as_parents(runs: dict[str, InnerRun]) -> None:
    session_tests = {k: v for k, v in runs["n2"].data.items() if k.startswith("test_session.py")}
    assert [sees for sees, _ in session_tests.values()] == [True] * 4


def test_the_summary_adds_up_the_workers_records(runs: dict[str, InnerRun]) -> None:
    serial, parallel = runs["serial"], runs["n2"]
    extra_session_records = 2 * (parallel.session_builds - serial.session_builds)
    assert customers_generated(parallel) == customers_generated(serial) + extra_session_records
