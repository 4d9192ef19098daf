"""The Forge behind the ``forge_session`` fixture (imported only when the fixture is first set up)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.forge import Forge

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytest_forge.plugin.isolation import RunningTest

__all__ = ["SessionForge"]


class SessionForge(Forge):
    """A Forge whose calls made while a test runs go to that test's stand-in (see plugin.isolation)."""

    def __init__(self, seed: int | None, *, running: RunningTest, **settings: Any) -> None:
        super().__init__(seed, **settings)
        self._running = running

    def create_batch(self, model: Any, count: int = 10, **kwargs: Any) -> list[Any]:
        __tracebackhide__ = True
        stand_in = self._running.stand_in()
        if stand_in is not None:
            return stand_in.create_batch(model, count, **kwargs)
        return super().create_batch(model, count, **kwargs)

    def create_large(self, model: Any, count: int, seed_ratio: float = 0.01, **kwargs: Any) -> list[Any]:
        __tracebackhide__ = True
        stand_in = self._running.stand_in()
        if stand_in is not None:
            return stand_in.create_large(model, count, seed_ratio, **kwargs)
        return super().create_large(model, count, seed_ratio, **kwargs)

    def create_stream(self, model: Any, count: int, filename: Any = None, **kwargs: Any) -> Iterator[Any]:
        stand_in = self._running.stand_in()
        if stand_in is not None:
            return stand_in.create_stream(model, count, filename, **kwargs)
        return super().create_stream(model, count, filename, **kwargs)

    def swarm(
        self, models: Any, counts: Any, contexts: Any = None, *, workers: int | None = None
    ) -> dict[str, list[Any]]:
        stand_in = self._running.stand_in()
        if stand_in is not None:
            return stand_in.swarm(models, counts, contexts, workers=workers)
        return super().swarm(models, counts, contexts, workers=workers)
