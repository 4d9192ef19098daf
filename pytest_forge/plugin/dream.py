"""``--forge-dream``: record what every test's Forge made, then report the data-coverage gaps.

Each Forge's own records are observed when its fixture ends (the session Forge's at the end);
xdist workers send their observations to the controller, which prints the per-model table in
the terminal summary and writes ``.forge/coverage_gaps.json`` (FORGE_MEMORY_DIR when set).
Also on for every run with ``FORGE_FLAG_DREAM_AUTO=1``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pytest

if TYPE_CHECKING:
    from pytest_forge.coverage.dream import CoverageRecorder  # noqa: F401 (the stash key's type)
    from pytest_forge.forge import Forge

__all__ = ["DREAM_KEY", "DREAM_OUTPUT", "add_dream_option", "dream_summary", "record_forge", "start_dream"]

DREAM_KEY = pytest.StashKey["CoverageRecorder"]()
DREAM_OUTPUT: Final = "forge_dream"


def add_dream_option(group: pytest.OptionGroup) -> None:
    group.addoption(
        "--forge-dream", dest="forge_dream", action="store_true", default=False,
        help="report the data-coverage gaps of what the tests generated (table in the summary, "
        ".forge/coverage_gaps.json)",
    )  # fmt: skip


def start_dream(config: pytest.Config) -> None:
    """Start recording when --forge-dream (or FORGE_FLAG_DREAM_AUTO=1) asks."""
    from pytest_forge.flags import is_enabled

    try:
        wanted = bool(config.getoption("forge_dream")) or is_enabled("dream_auto")
        if wanted and not is_enabled("dream"):
            raise pytest.UsageError("--forge-dream: ForgeDream is turned off by FORGE_FLAG_DREAM=0")
    except ValueError as error:
        raise pytest.UsageError(str(error)) from None
    if wanted:
        from pytest_forge.coverage.dream import CoverageRecorder

        config.stash[DREAM_KEY] = CoverageRecorder()


def record_forge(config: pytest.Config, forge: Forge) -> None:
    """Observe the records ``forge`` itself made (not its parents')."""
    recorder = config.stash.get(DREAM_KEY, None)
    if recorder is None:
        return
    from pytest_forge.adapters import is_model

    for instances in forge.registry.own_records().values():
        if not instances or not is_model(type(instances[0])):
            continue
        spec = forge.plan(type(instances[0])).spec
        recorder.observe(spec, instances, forge.memory.bind(spec, report=False))


def merge_worker(config: pytest.Config, output: dict[str, Any]) -> None:
    recorder = config.stash.get(DREAM_KEY, None)
    data = output.get(DREAM_OUTPUT)
    if recorder is not None and data is not None:
        recorder.merge(data)


def dream_summary(config: pytest.Config) -> list[str]:
    """The table and where the gaps were written (empty when not recording)."""
    recorder = config.stash.get(DREAM_KEY, None)
    if recorder is None:
        return []
    from pytest_forge.coverage.dream import GAPS_FILE

    report = recorder.report()
    directory = os.environ.get("FORGE_MEMORY_DIR") or str(config.rootpath / ".forge")
    path = report.write(Path(directory) / GAPS_FILE)
    return [*report.table(), f"{len(report.gaps)} gap(s) written to {path}"]
