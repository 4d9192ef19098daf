"""``forge generate A:N B:M --partitions P [--engine dask|processes] -o URL``: datasets past one machine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from pytest_forge.cli.terminal import failures_as_messages, is_terminal, progress, terminal_stream

if TYPE_CHECKING:
    from pytest_forge.cli.modelpath import ModelPath

__all__ = ["DEFAULT_FOLDER", "PartitionOptions", "load_partitioned", "run_partitioned"]

DEFAULT_FOLDER = "forge-data"


@dataclass(frozen=True, slots=True)
class PartitionOptions:
    """The flags of a partitioned run, as given on the command line."""

    partitions: int
    engine: str
    workers: int | None
    scheduler: str | None
    overwrite: bool
    output: str | None
    fmt: str | None
    seed: int | None
    locale: str
    allow_pii: bool


def run_partitioned(refs: list[ModelPath], count: int | None, options: PartitionOptions) -> None:
    """Write each model's partitions under ``-o`` (default ./forge-data) and report what was done."""
    from pytest_forge.errors import UsageError

    models = _counts(refs, count)
    with failures_as_messages():
        try:
            plan = _plan(models, options)
            _execute(plan, _engine(options), options)
        except UsageError as exc:  # a bad URL, format, scheduler or another run's folder: exit status 2
            raise click.UsageError(str(exc)) from None


def _counts(refs: list[ModelPath], count: int | None) -> tuple[tuple[Any, int], ...]:
    from pytest_forge.cli.generate import DEFAULT_COUNT

    if count is not None and len(refs) > 1:
        raise click.UsageError("-n applies to one model; give each model its count as pkg.module:Model:N")
    if count is not None and refs[0].count not in (None, count):
        raise click.BadParameter(f"-n {count} disagrees with the :{refs[0].count} in MODEL; give one of them")
    models = [(ref.model, ref.count if ref.count is not None else count or DEFAULT_COUNT) for ref in refs]
    names = [model.__name__ for model, _ in models]
    if len(set(names)) != len(names):
        raise click.UsageError(f"a model is named twice ({', '.join(names)}); name each model once")
    return tuple(models)


def _plan(models: tuple[tuple[Any, int], ...], options: PartitionOptions) -> Any:
    from pytest_forge.partitions.run import RunPlan, seed_for
    from pytest_forge.partitions.writers import check_format

    output = options.output or DEFAULT_FOLDER
    fmt = check_format(options.fmt or "parquet")
    if fmt == "parquet":
        _need_pyarrow()
    return RunPlan(
        models, options.partitions, seed_for(output, options.seed), fmt, output, options.locale,
        options.allow_pii,
    )  # fmt: skip


def _need_pyarrow() -> None:
    from pytest_forge.errors import UsageError

    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise UsageError("--format parquet needs pyarrow: pip install 'pytest-forge[dask]'") from None


def _engine(options: PartitionOptions) -> Any:
    from pytest_forge.partitions.engines import engine

    return engine(options.engine, options.workers, options.scheduler)


def _execute(plan: Any, engine: Any, options: PartitionOptions) -> None:
    from pytest_forge.partitions.run import execute

    total = len(plan.models) * plan.partitions
    with progress(total, "partitions", minimum=1) as advance:
        manifest = execute(plan, engine, overwrite=options.overwrite, advance=advance)
    if is_terminal(terminal_stream()):
        rows = sum(part["rows"] for table in manifest.done.values() for part in table.values())
        click.echo(f"wrote {rows} rows in {total} partitions to {plan.output} (seed {plan.seed})", err=True)


def load_partitioned(
    models: list[tuple[Any, int]],
    url: str,
    partitions: int,
    engine_name: str,
    workers: int | None,
    scheduler: str | None,
    seed: int | None,
    locale: str,
    allow_pii: bool,
) -> None:
    """``forge load ... --partitions P``: COPY each partition into PostgreSQL in its own transaction."""
    from pytest_forge.errors import UsageError
    from pytest_forge.partitions.engines import engine
    from pytest_forge.partitions.pg_load import load_partitions, load_task
    from pytest_forge.partitions.run import RunPlan
    from pytest_forge.rng import random_seed

    chosen = seed if seed is not None else random_seed()
    plan = RunPlan(tuple(models), partitions, chosen, "csv", "", locale, allow_pii)
    with failures_as_messages(), progress(len(models) * partitions, "partitions", minimum=1) as advance:
        try:
            work = engine(engine_name, workers, scheduler, work=load_task)
            loaded = load_partitions(plan, url, work, advance)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
    if is_terminal(terminal_stream()):
        from pytest_forge.export.database import shown_url

        summary = ", ".join(f"{count} into {table}" for table, count in loaded.items())
        click.echo(f"loaded {summary} ({shown_url(url)}, seed {chosen})", err=True)
