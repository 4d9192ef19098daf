"""pytest-xdist hooks, registered only when xdist is loaded (their hookspecs come from xdist).

The controller picks the session seed and hands it to every worker through
``workerinput``; workers send their tallies back through ``workeroutput``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from pytest_forge.plugin.state import RUN_KEY, TALLY_KEY

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pytest

__all__ = ["TALLY_OUTPUT", "WORKER_INPUT", "XdistHooks", "worker_input", "worker_output"]

WORKER_INPUT: Final = "forge_run"
TALLY_OUTPUT: Final = "forge_tally"


class XdistHooks:
    """The controller's side: seed out to workers, tallies back in."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput[WORKER_INPUT] = self.config.stash[RUN_KEY].as_workerinput()

    def pytest_testnodedown(self, node: Any, error: object | None) -> None:
        tally = getattr(node, "workeroutput", {}).get(TALLY_OUTPUT)
        if tally is not None:
            self.config.stash[TALLY_KEY].merge(tally)
        from pytest_forge.plugin.dream import merge_worker

        merge_worker(self.config, getattr(node, "workeroutput", {}))


def worker_input(config: pytest.Config) -> Mapping[str, Any] | None:
    """The run settings the controller sent, when this process is an xdist worker."""
    workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
    return None if workerinput is None else workerinput.get(WORKER_INPUT)


def worker_output(config: pytest.Config) -> dict[str, Any] | None:
    """Where a worker leaves data for the controller (None outside a worker)."""
    return getattr(config, "workeroutput", None)
