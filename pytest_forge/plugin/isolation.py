"""``forge_session`` used while a test runs: the records belong to that test alone.

Records the session Forge makes in a session or module fixture are shared on purpose: every
test that requests the fixture sees them. Records it makes in a test body (or a function-scoped
fixture) would otherwise become parents for every later test, so other tests' data would change
with the test order, ``-k`` and ``-n``. While a test runs, the session Forge hands such calls to a
stand-in Forge of that test: seeded from the session seed and the node id, sharing the test's
registry (so the test's ``forge`` sees those records as parents, on top of the session records
the test may see), and dropped with the test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    import pytest

    from pytest_forge.forge import Forge

__all__ = ["RunningTest"]


@dataclass(slots=True)
class RunningTest:
    """The test being run, how deep we are in wider-scoped fixture setups, and its stand-in Forge."""

    item: pytest.Item | None = None
    wider_fixtures: int = 0
    #: builds a test's stand-in Forge (set when the session Forge is made)
    make: Callable[[pytest.Item], Forge] | None = None
    _stand_ins: dict[str, Forge] = field(default_factory=dict)

    def stand_in(self) -> Forge | None:
        """Who takes ``forge_session``'s calls now: None (the session Forge itself) outside tests
        and inside session, package, module and class fixtures, else the test's stand-in."""
        item = self.item
        if item is None or self.wider_fixtures or self.make is None:
            return None
        found = self._stand_ins.get(item.nodeid)
        if found is None:
            found = self._stand_ins[item.nodeid] = self.make(item)
        return found

    def finish(self, item: pytest.Item) -> Forge | None:
        """The test is over: forget its stand-in (returned, to count its work)."""
        if self.item is item:
            self.item = None
        return self._stand_ins.pop(item.nodeid, None)
