"""Where partitions run: local processes (no Dask) or a Dask cluster (a LocalCluster, or a scheduler).

Each engine takes the pending tasks and yields what finished, in completion order; the coordinator
records them. Dask is imported only here, and only when asked for.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import UsageError
from pytest_forge.partitions.run import run_task

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytest_forge.partitions.run import PartitionDone

__all__ = ["ENGINES", "engine", "run_in_dask", "run_in_processes", "run_serially"]

ENGINES = ("processes", "dask", "serial")
#: seconds to wait for a scheduler given with --scheduler
CONNECT_TIMEOUT = 10


def engine(
    name: str,
    workers: int | None = None,
    scheduler: str | None = None,
    *,
    connect_timeout: float = CONNECT_TIMEOUT,
    work: Callable[[Any], PartitionDone] = run_task,
) -> Callable[[list[Any]], Iterator[PartitionDone]]:
    """The engine ``--engine name`` picks, with its ``--workers`` / ``--scheduler``; each task runs
    ``work(task)`` (a module-level function, so workers can import it)."""
    if name != "dask" and scheduler is not None:
        raise UsageError(f"--scheduler is for --engine dask; --engine {name} needs no scheduler")
    if name == "processes":
        return lambda tasks: run_in_processes(tasks, workers, work)
    if name == "serial":
        return lambda tasks: run_serially(tasks, work)
    if name == "dask":
        return lambda tasks: run_in_dask(tasks, workers, scheduler, connect_timeout, work)
    raise UsageError(f"unknown engine {name!r} (--engine): choose one of {', '.join(ENGINES)}")


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def run_serially(
    tasks: list[Any], work: Callable[[Any], PartitionDone] = run_task
) -> Iterator[PartitionDone]:
    """Tasks one after the other in this process (small data, debugging, tests)."""
    for task in tasks:
        yield work(task)


def run_in_processes(
    tasks: list[Any], workers: int | None, work: Callable[[Any], PartitionDone] = run_task
) -> Iterator[PartitionDone]:
    """Tasks on a pool of fresh (spawned) local processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    count = min(workers or default_workers(), max(1, len(tasks)))
    context = multiprocessing.get_context("spawn")  # no fork of a threaded parent
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        futures = [pool.submit(work, task) for task in tasks]
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            for future in futures:
                future.cancel()


def run_in_dask(
    tasks: list[Any],
    workers: int | None,
    scheduler: str | None,
    connect_timeout: float = CONNECT_TIMEOUT,
    work: Callable[[Any], PartitionDone] = run_task,
) -> Iterator[PartitionDone]:
    """Tasks on a Dask cluster: the scheduler at ``scheduler``, else a LocalCluster of processes."""
    distributed = _import_distributed()
    with _client(distributed, workers, scheduler, connect_timeout) as client:
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
