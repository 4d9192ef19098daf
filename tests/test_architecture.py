"""The architecture holds: the import-linter contracts in pyproject.toml are kept, and cover every package."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import pytest_forge

pytest.importorskip("importlinter.cli")

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def _contracts() -> list[dict]:
    return tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]


def test_every_import_linter_contract_is_kept(tmp_path):
    # in its own process: import-linter reconfigures logging and leaves file iterators to the collector
    run = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()",
         str(PYPROJECT), "--cache-dir", str(tmp_path), "--no-logo"],
        capture_output=True,
        text=True,
        cwd=PYPROJECT.parent,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


def test_the_layers_contract_places_every_package_and_root_module():
    layers = next(c for c in _contracts() if c["id"] == "layers")["layers"]
    placed = {name.strip() for layer in layers for name in layer.split("|")}
    top_level = {f"pytest_forge.{m.name}" for m in pkgutil.iter_modules(pytest_forge.__path__)}
    assert placed == top_level
