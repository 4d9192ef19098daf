"""Where partitions run: local processes (no Dask) or a Dask cluster (a LocalCluster, or a scheduler).

Each engine takes the pending tasks and yields what finished, in completion order; the coordinator
records them. ``Engine.phases([first, second, ...])`` runs groups one after the other on the same
workers (tables loaded parents first start one cluster, not one per table). Dask is imported only
here, and only when asked for.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import UsageError
from pytest_forge.partitions.run import run_task

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytest_forge.partitions.run import PartitionDone

__all__ = ["ENGINES", "Engine", "engine", "run_in_dask", "run_in_processes", "run_serially"]

ENGINES = ("processes", "dask", "serial")
#: seconds to wait for a scheduler given with --scheduler
CONNECT_TIMEOUT = 10


@dataclass(frozen=True, slots=True)
class Engine:
    """Runs ``work(task)`` for each task on the workers ``--engine`` names; call it with a list of tasks."""

    name: str
    workers: int | None = None
    scheduler: str | None = None
    connect_timeout: float = CONNECT_TIMEOUT
    work: Callable[[Any], PartitionDone] = run_task

    def __call__(self, tasks: list[Any]) -> Iterator[PartitionDone]:
        return self.phases([tasks])

    def phases(self, groups: list[list[Any]]) -> Iterator[PartitionDone]:
        """Each group's tasks in parallel, a group only after the previous one finished."""
        if self.name == "processes":
            return run_in_processes(groups, self.workers, self.work)
        if self.name == "dask":
            return run_in_dask(groups, self.workers, self.scheduler, self.connect_timeout, self.work)
        return run_serially([task for group in groups for task in group], self.work)


def engine(
    name: str,
    workers: int | None = None,
    scheduler: str | None = None,
    *,
    connect_timeout: float = CONNECT_TIMEOUT,
    work: Callable[[Any], PartitionDone] = run_task,
) -> Engine:
    """The engine ``--engine name`` picks, with its ``--workers`` / ``--scheduler``; each task runs
    ``work(task)`` (a module-level function, so workers can import it)."""
    if name != "dask" and scheduler is not None:
        raise UsageError(f"--scheduler is for --engine dask; --engine {name} needs no scheduler")
    if name not in ENGINES:
        raise UsageError(f"unknown engine {name!r} (--engine): choose one of {', '.join(ENGINES)}")
    return Engine(name, workers, scheduler, connect_timeout, work)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def run_serially(
    tasks: list[Any], work: Callable[[Any], PartitionDone] = run_task
) -> Iterator[PartitionDone]:
    """Tasks one after the other in this process (small data, debugging, tests)."""
    for task in tasks:
        yield work(task)


def run_in_processes(
    groups: list[list[Any]], workers: int | None, work: Callable[[Any], PartitionDone] = run_task
) -> Iterator[PartitionDone]:
    """Groups of tasks, one after the other, on one pool of fresh (spawned) local processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    count = min(workers or default_workers(), max(1, max(map(len, groups), default=1)))
    context = multiprocessing.get_context("spawn")  # no fork of a threaded parent
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        for tasks in groups:
            futures = [pool.submit(work, task) for task in tasks]
            try:
                for future in as_completed(futures):
                    yield future.result()
            finally:
                for future in futures:
                    future.cancel()


def run_in_dask(
    groups: list[list[Any]],
    workers: int | None,
    scheduler: str | None,
    connect_timeout: float = CONNECT_TIMEOUT,
    work: Callable[[Any], PartitionDone] = run_task,
) -> Iterator[PartitionDone]:
    """Groups of tasks, one after the other, on a Dask cluster: the scheduler at ``scheduler``, else
    a LocalCluster of processes."""
    distributed = _import_distributed()
    with _client(distributed, workers, scheduler, connect_timeout) as client:
        for tasks in groups:
            futures = client.map(work, tasks, pure=False)
            try:
                for future in distributed.as_completed(futures):
                    yield future.result()
            finally:
                client.cancel(futures)


@contextlib.contextmanager
def _client(distributed: Any, workers: int | None, scheduler: str | None, timeout: float) -> Iterator[Any]:
    if scheduler is not None:
        try:
            client = distributed.Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            raise UsageError(
                f"cannot reach the Dask scheduler at {scheduler!r} (--scheduler): {exc}"
            ) from None
        with client:
            yield client
        return
    with (
        distributed.LocalCluster(
            n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
            dashboard_address=":0",  # any free port: several clusters may share a machine
        ) as cluster,
        distributed.Client(cluster) as client,
    ):  # fmt: skip
        yield client


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError("--engine dask needs dask.distributed: pip install 'pytest-forge[dask]'") from None
    return distributed
