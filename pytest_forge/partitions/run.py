"""A partitioned run: every (model, partition) as a task, the manifest kept by the coordinator.

Tasks are plain picklable values and :func:`run_task` needs nothing but them, so any engine (local
processes, a Dask cluster) can run any task anywhere; the coordinator records each finished
partition in ``_manifest.json`` and a rerun skips what is recorded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import UsageError
from pytest_forge.partitions.manifest import Manifest, product_version, resume_or_start
from pytest_forge.partitions.writers import check_format, part_name

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from fsspec import AbstractFileSystem

__all__ = ["SAVE_EVERY", "PartitionDone", "PartitionTask", "RunPlan", "open_output", "run_task"]

#: seconds between two saves of the manifest during a run
SAVE_EVERY = 2.0


@dataclass(frozen=True, slots=True)
class PartitionTask:
    """Everything one partition needs: which records, where to write them, in which format."""

    model: Any
    table: str
    index: int
    of: int
    count: int
    seed: int
    parents: tuple[tuple[Any, int], ...]
    fmt: str
    output: str
    locale: str = "en_US"
    allow_pii: bool = False

    @property
    def path(self) -> str:
        return f"{self.table}/{part_name(self.index, self.fmt)}"


@dataclass(frozen=True, slots=True)
class PartitionDone:
    """What a worker reports back: the partition, its rows and the file's sha256."""

    table: str
    index: int
    rows: int
    sha256: str


def run_task(task: PartitionTask) -> PartitionDone:
    """Generate one partition and write it atomically (runs on a worker)."""
    from pytest_forge.partitions.generate import partition_chunks
    from pytest_forge.partitions.writers import write_partition

    fs, root = open_output(task.output)
    chunks = partition_chunks(
        task.model, index=task.index, of=task.of, count=task.count, seed=task.seed,
        parents=dict(task.parents), locale=task.locale, allow_pii=task.allow_pii,
    )  # fmt: skip
    rows, digest = write_partition(fs, f"{root}/{task.path}", task.model, task.fmt, chunks)
    return PartitionDone(task.table, task.index, rows, digest)


def open_output(output: str) -> tuple[AbstractFileSystem, str]:
    """The filesystem and root folder of ``-o`` (a local folder or any fsspec URL)."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:  # pragma: no cover - fsspec comes with the dask extra
        raise UsageError("partitioned output needs fsspec: pip install 'pytest-forge[dask]'") from None
    try:
        fs, root = url_to_fs(output)
    except ImportError as exc:
        raise UsageError(f"-o {output}: this URL needs a package that is not installed ({exc})") from None
    except (ValueError, OSError) as exc:
        raise UsageError(f"-o {output}: not a folder or fsspec URL we can write to ({exc})") from None
    return fs, str(root).rstrip("/") or "/"


@dataclass(frozen=True, slots=True)
class RunPlan:
    """Models with their counts, split into ``partitions`` each, written to ``output`` as ``fmt``."""

    models: tuple[tuple[Any, int], ...]
    partitions: int
    seed: int
    fmt: str
    output: str
    locale: str = "en_US"
    allow_pii: bool = False

    def identity(self) -> dict[str, Any]:
        """What makes two runs the same run (the manifest's ``run``)."""
        return {
            "models": [
                {"model": f"{m.__module__}:{m.__qualname__}", "table": _table(m), "count": n}
                for m, n in self.models
            ],
            "partitions": self.partitions,
            "seed": self.seed,
            "format": self.fmt,
            "locale": self.locale,
            "allow_pii": self.allow_pii,
            "version": product_version(),
        }

    def tasks(self) -> list[PartitionTask]:
        """One task per (model, partition), models in the order given."""
        check_format(self.fmt)
        return [
            self._task(model, count, index)
            for model, count in self.models
            for index in range(self.partitions)
        ]

    def _task(self, model: Any, count: int, index: int) -> PartitionTask:
        parents = tuple((m, n) for m, n in self.models if m is not model)
        return PartitionTask(
            model, _table(model), index, self.partitions, count, self.seed, parents, self.fmt, self.output,
            self.locale, self.allow_pii,
        )  # fmt: skip


def _table(model: Any) -> str:
    from pytest_forge.export.encode import snake_case

    return snake_case(model.__name__)


def execute(
    plan: RunPlan,
    engine: Callable[[list[PartitionTask]], Iterator[PartitionDone]],
    *,
    overwrite: bool = False,
    advance: Callable[[int], None] | None = None,
) -> Manifest:
    """Run the plan's unfinished partitions on ``engine``, recording each as it finishes.

    The manifest is saved at most every ``SAVE_EVERY`` seconds and once more at the end, even when the
    run stops (thousands of partitions on object storage would otherwise rewrite it thousands of times);
    a partition finished but not yet saved is simply made again on resume, with the same bytes.
    """
    fs, root = open_output(plan.output)
    manifest = resume_or_start(fs, root, plan.identity(), overwrite=overwrite)
    tasks = plan.tasks()
    pending = [t for t in tasks if not manifest.is_done(t.table, t.index)]
    if advance is not None:
        advance(len(tasks) - len(pending))
    saved = time.monotonic()
    try:
        for done in engine(pending) if pending else ():
            manifest.record(done.table, done.index, done.rows, done.sha256)
            if time.monotonic() - saved >= SAVE_EVERY:
                manifest.save(fs, root)
                saved = time.monotonic()
            if advance is not None:
                advance(1)
    finally:
        manifest.save(fs, root)
    return manifest


def seed_for(output: str, seed: int | None) -> int:
    """The seed to use: the given one, else the one of the run this folder holds, else a fresh one."""
    from pytest_forge.rng import random_seed

    if seed is not None:
        return seed
    fs, root = open_output(output)
    found = Manifest.load(fs, root)
    if found is not None and isinstance(found.run.get("seed"), int):
        return int(found.run["seed"])
    return random_seed()
