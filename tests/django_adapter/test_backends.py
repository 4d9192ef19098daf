"""The Django suite (``suite/``) on SQLite always, and on PostgreSQL and MariaDB when CI gives their URLs.

Each database runs in its own pytest subprocess: Django has one DATABASES per process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.django_adapter.settings import BACKEND_ENV, URL_ENV

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("backend", ["sqlite", "postgres", "mysql"])
def test_the_django_suite_passes(backend):
    pytest.importorskip("django", reason="Django is not installed (pip install pytest-forge[django])")
    pytest.importorskip("pytest_django", reason="pytest-django is not installed (the dev extra has it)")
    if backend in URL_ENV and not os.environ.get(URL_ENV[backend]):
        pytest.skip(f"{URL_ENV[backend]} is not set")
    env = {**os.environ, BACKEND_ENV: backend}
    command = [sys.executable, "-m", "pytest", "tests/django_adapter/suite", "-q", "-p", "no:cacheprovider"]
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
    assert " failed" not in result.stdout
