"""Run a page's old code for a tool we cannot install beside our own (FixtureForge pins Faker < 23 and
ships a ``forge`` command) in an environment of its own.

The page skips the block in its namespace (``<!-- skip: next "..." -->``) and a hidden block after it
calls :func:`run_script` or :func:`run_pytest_elsewhere` with ``set_aside[-1]`` (tests/docs/runner.py
keeps the skipped sources). The packages are installed with pip into a folder of their own, once per
machine (pip reaches the package registry here and in CI), and Python runs with ``-S``: only the
standard library and that folder are importable, never this project's environment.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from tests.docs.inner import write_files


def environment(*packages: str) -> Path:
    """A folder holding ``packages`` and everything they need (``pip install --target``), made once."""
    key = hashlib.sha256(" ".join(sorted(packages)).encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir(), f"forge-docs-env-{key}")
    if folder.is_dir():
        return folder
    building = Path(tempfile.mkdtemp(prefix=f"forge-docs-env-{key}-"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-warn-conflicts",
            "--target",
            str(building),
            *packages,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"pip could not install {packages}:\n{done.stdout}{done.stderr}"
    try:
        building.rename(folder)  # atomic: a parallel run either wins or finds the finished folder
    except OSError:
        shutil.rmtree(building, ignore_errors=True)
    return folder


def _run(packages: tuple[str, ...], arguments: list[str], cwd: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(environment(*packages)),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "HOME": cwd,
    }
    return subprocess.run(
        [sys.executable, "-S", *arguments], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def run_script(source: str, *packages: str) -> str:
    """Run ``source`` as a script where only ``packages`` are installed; fail unless it ran."""
    with tempfile.TemporaryDirectory(prefix="forge-docs-elsewhere-") as folder:
        Path(folder, "block.py").write_text(textwrap.dedent(source), encoding="utf-8")
        done = _run(packages, ["block.py"], folder)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def run_pytest_elsewhere(
    files: dict[str, str], *packages: str, plugin: str
) -> subprocess.CompletedProcess[str]:
    """Run pytest on ``files`` where only ``packages`` (pytest among them) are, with ``plugin``."""
    with tempfile.TemporaryDirectory(prefix="forge-docs-elsewhere-") as folder:
        write_files(folder, files)
        return _run(packages, ["-m", "pytest", "-q", "-p", plugin, "-p", "no:cacheprovider"], folder)
