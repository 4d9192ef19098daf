"""The architecture holds: the import-linter contracts in pyproject.toml are kept, and cover every package."""

from __future__ import annotations

import logging
import pkgutil
import tomllib
from pathlib import Path

import pytest

import pytest_forge

importlinter_cli = pytest.importorskip("importlinter.cli")

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def _contracts() -> list[dict]:
    return tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]


def test_every_import_linter_contract_is_kept(tmp_path):
    loggers = [logging.getLogger(name) for name in logging.root.manager.loggerDict]
    enabled = [logger for logger in loggers if isinstance(logger, logging.Logger) and not logger.disabled]
    try:
        status = importlinter_cli.lint_imports(
            config_filename=str(PYPROJECT), cache_dir=str(tmp_path), no_logo=True
        )
    finally:  # lint_imports configures logging with disable_existing_loggers: later tests need theirs
        for logger in enabled:
            logger.disabled = False
    assert status == 0, "an import breaks a contract: run `lint-imports` for the chain"


def test_the_layers_contract_places_every_package_and_root_module():
    layers = next(c for c in _contracts() if c["id"] == "layers")["layers"]
    placed = {name.strip() for layer in layers for name in layer.split("|")}
    top_level = {f"pytest_forge.{m.name}" for m in pkgutil.iter_modules(pytest_forge.__path__)}
    assert placed == top_level
