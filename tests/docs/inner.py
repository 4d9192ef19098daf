"""Run a page's test files and conftests the way a reader would: as a real pytest session.

A page whose blocks are test files (``def test_...(forge)``, a ``conftest.py``) calls, in a hidden block,
``run_pytest({"conftest.py": blocks[-2], "test_shop.py": blocks[-1]})``: the files are written into a fresh
folder and ``python -m pytest`` runs there in a subprocess with only our plugin loaded
(``-p pytest_forge.plugin``, as its ``pytest11`` entry point would; skipping the other installed
plugins makes a run ~5x faster).
``blocks`` is the list of the page's Python blocks run so far (tests/docs/runner.py keeps it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def write_files(folder: str, files: dict[str, str]) -> None:
    """Write ``{relative path: source}`` under ``folder`` (sub-folders made as needed)."""
    for name, source in files.items():
        path = Path(folder, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")


def run_pytest(files: dict[str, str], *args: str, passed: int | None = None) -> str:
    """Write ``files`` and run pytest on them; fail with pytest's output unless every test passed."""
    with tempfile.TemporaryDirectory(prefix="forge-docs-") as folder:
        write_files(folder, files)
        env = {
            **os.environ,
            "PYTHONPATH": folder,
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        }
        for name in ("PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER", "PYTEST_XDIST_WORKER_COUNT"):
            env.pop(name, None)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "pytest_forge.plugin",
                "-p",
                "no:cacheprovider",
                *args,
            ],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    if passed is not None:
        assert f"{passed} passed" in output, output
    return output
