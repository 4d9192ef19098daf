"""Partitions into PostgreSQL with ``COPY``: one transaction per partition, restartable.

The coordinator creates the tables (parents first, with their foreign keys) and a bookkeeping table,
``_forge_partitions``. Each worker then makes its partition and, in one transaction, checks that the
partition is not recorded there, ``COPY``s its rows (CSV, as ``forge generate -o x.csv`` writes them)
and records it. A rerun skips what is recorded, so a stopped load resumes without duplicates.
Tables load one after the other, parents first, each table's partitions in parallel.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ExportError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytest_forge.partitions.run import PartitionDone, RunPlan

__all__ = ["BOOKKEEPING", "LoadTask", "load_partitions", "load_task"]

BOOKKEEPING = "_forge_partitions"


@dataclass(frozen=True, slots=True)
class LoadTask:
    """One partition bound for one table of the database at ``url``."""

    url: str
    run: str
    table: str
    columns: tuple[str, ...]
    task: Any  # a PartitionTask (its output and format are not used)


def run_id(plan: RunPlan) -> str:
    """A short name of the run (models, counts, partitions, seed, version) kept with each loaded partition."""
    identity = {k: v for k, v in plan.identity().items() if k not in ("format",)}
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:16]


def load_partitions(
    plan: RunPlan,
    url: str,
    engine: Callable[[list[Any]], Iterator[PartitionDone]],
    advance: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Load every partition of the plan into ``url`` (PostgreSQL); rows loaded now, per table.

    Tables go parents first, a table only after its parents finished: through ``engine.phases`` on one
    set of workers when the engine has it, else one ``engine(tasks)`` call per table."""
    from pytest_forge.export.database import dialect_of

    if dialect_of(url) != "postgresql":
        raise UsageError("loading partitions uses PostgreSQL's COPY: --db must be a postgresql:// URL")
    layouts = _prepare(url, plan)
    run = run_id(plan)
    groups = [
        [
            LoadTask(url, run, layout.name, tuple(c.name for c in layout.columns), task)
            for task in plan.tasks()
            if task.table == layout.name
        ]
        for layout in layouts
    ]
    loaded = {layout.name: 0 for layout in layouts}
    phases = getattr(engine, "phases", None)
    results = phases(groups) if phases is not None else (d for group in groups for d in engine(group))
    for done in results:
        loaded[done.table] += done.rows
        if advance is not None:
            advance(1)
    return loaded


def _prepare(url: str, plan: RunPlan) -> list[Any]:
    import sqlalchemy as sa

    from pytest_forge.export.database import DatabaseLoader
    from pytest_forge.export.tables import TableLayout, parents_first

    tables = {task.table: task.model for task in plan.tasks()}
    layouts = parents_first([TableLayout.of(name, model, None) for name, model in tables.items()])
    with DatabaseLoader(url) as db:
        for layout in layouts:
            db.prepare(layout)
        bookkeeping = sa.Table(
            BOOKKEEPING, sa.MetaData(),
            sa.Column("run", sa.String(32), primary_key=True),
            sa.Column("table_name", sa.String(255), primary_key=True),
            sa.Column("partition", sa.Integer, primary_key=True, autoincrement=False),
            sa.Column("rows", sa.BigInteger, nullable=False),
        )  # fmt: skip
        bookkeeping.create(db.connection, checkfirst=True)
    return layouts


def load_task(load: LoadTask) -> PartitionDone:
    """On a worker: make one partition and COPY it in one transaction, unless it is already loaded."""
    import sqlalchemy as sa

    from pytest_forge.export.database import _first_line, shown_url
    from pytest_forge.partitions.run import PartitionDone

    task = load.task
    engine = sa.create_engine(load.url, poolclass=sa.pool.NullPool)
    try:
        raw = engine.raw_connection()
    except sa.exc.SQLAlchemyError as exc:
        raise ExportError(f"cannot connect to {shown_url(load.url)}: {_first_line(exc)}") from None
    try:
        rows = _load(raw.driver_connection, load)
    finally:
        raw.close()
        engine.dispose()
    return PartitionDone(task.table, task.index, rows, "")


def _load(connection: Any, load: LoadTask) -> int:
    import psycopg

    try:
        return _load_once(connection, load)
    except psycopg.Error as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ExportError(
            f"loading partition {load.task.index} of {load.table} failed "
            f"(that partition was rolled back; rerun to resume): {first}",
            model=load.task.model,
        ) from None


def _load_once(connection: Any, load: LoadTask) -> int:
    task = load.task
    key = (load.run, load.table, task.index)
    with connection.transaction(), connection.cursor() as cursor:
        cursor.execute(
            f'SELECT 1 FROM "{BOOKKEEPING}" WHERE run = %s AND table_name = %s AND partition = %s', key
        )
        if cursor.fetchone() is not None:
            return 0
        rows = _copy(cursor, load)
        cursor.execute(f'INSERT INTO "{BOOKKEEPING}" VALUES (%s, %s, %s, %s)', (*key, rows))
    return rows


def _copy(cursor: Any, load: LoadTask) -> int:
    from pytest_forge.export.csv_files import csv_cell
    from pytest_forge.export.encode import RecordEncoder
    from pytest_forge.partitions.generate import partition_chunks

    task = load.task
    encoder = RecordEncoder(raw_bytes=True)  # bytes fields go to bytea columns
    columns = ", ".join(f'"{name}"' for name in load.columns)
    statement = f'COPY "{load.table}" ({columns}) FROM STDIN WITH (FORMAT csv)'
    rows = 0
    chunks = partition_chunks(
        task.model, index=task.index, of=task.of, count=task.count, seed=task.seed,
        parents=dict(task.parents), locale=task.locale, allow_pii=task.allow_pii,
    )  # fmt: skip
    with cursor.copy(statement) as copy:
        for chunk in chunks:
            lines = []
            for record in chunk:
                row = encoder.row(record)
                lines.append(",".join(_copy_cell(row.get(name), csv_cell) for name in load.columns) + "\n")
            copy.write("".join(lines))
            rows += len(chunk)
    return rows


def _copy_cell(value: Any, csv_cell: Callable[[Any], str]) -> str:
    """A CSV cell for COPY: bytes in bytea's hex form (``\\x…``), anything else as CSV files write it."""
    return "\\x" + value.hex() if isinstance(value, bytes) else csv_cell(value)
