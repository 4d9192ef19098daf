"""``forge generate MODEL -n N -o FILE``: volume data in constant memory, to a file, a database or stdout."""

from __future__ import annotations

import os
from typing import Any

import click

from pytest_forge.cli.modelpath import parse_model_path
from pytest_forge.cli.options import cli_forge, forge_options, partition_options
from pytest_forge.cli.terminal import failures_as_messages, progress, stdout_text

__all__ = ["DEFAULT_COUNT", "check_directory", "generate"]

DEFAULT_COUNT = 10
FORMATS = ("json", "jsonl", "csv", "sql", "db", "parquet")


@click.command()
@click.argument("model_paths", nargs=-1, required=True, metavar="MODEL[:N]...")
@click.option(
    "-n", "--count", type=click.IntRange(min=0), help="Records to make (default: MODEL's :N, else 10)."
)
@click.option(
    "-o",
    "--output",
    help="A .json/.jsonl/.csv/.sql/.db file or a database URL (default or -: stdout); "
    "with --partitions, a folder or fsspec URL (default: ./forge-data).",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="The format, when the suffix does not say.")
@forge_options
@click.option(
    "--table", "table_name", help="Table name for .sql and databases (default: the model's snake_case)."
)
@click.option(
    "--dialect", type=click.Choice(("sqlite", "postgresql", "mysql")), default="sqlite", show_default=True
)
@partition_options("Split each model into P partitions written as OUT/TABLE/.")
@click.option("--overwrite", is_flag=True, help="Replace another run's partitions in the output folder.")
def generate(
    model_paths: tuple[str, ...],
    count: int | None,
    output: str | None,
    fmt: str | None,
    seed: int | None,
    locale: str,
    table_name: str | None,
    dialect: str,
    allow_pii: bool,
    allow_dangerous: bool,
    partitions: int | None,
    engine: str | None,
    workers: int | None,
    scheduler: str | None,
    overwrite: bool,
) -> None:
    """Write MODEL's records (pkg.module:Model[:N]) as JSON Lines to stdout, or to -o in its format.

    With --partitions, several models are written as OUT/TABLE/part-00000.parquet (or .jsonl, .csv)
    plus OUT/_manifest.json, on local processes or Dask; rerunning the command resumes.

    \b
      forge generate app.models:User -n 1000000 -o users.jsonl --seed 42
      forge generate app.models:User -n 500 -o postgresql+psycopg://localhost/dev
      forge generate app.models:Customer:1000000 app.models:Order:5000000 --partitions 256 \\
          --engine dask -o s3://bucket/shop/ --seed 42
    """
    refs = [parse_model_path(text) for text in model_paths]
    if partitions is not None:
        from pytest_forge.cli.partitioned import PartitionOptions, run_partitioned

        if allow_dangerous:
            raise click.UsageError(
                "--allow-dangerous does not apply with --partitions: partitioned datasets never hold "
                "hostile payloads; leave the flag out (or generate such records without --partitions)"
            )

        flags = (engine or "processes", workers, scheduler, overwrite, output, fmt, seed, locale, allow_pii)
        run_partitioned(refs, count, PartitionOptions(partitions, *flags))
        return
    _refuse_partition_flags(len(refs), engine, workers, scheduler, overwrite, fmt)
    ref = refs[0]
    total = _total(count, ref.count)
    output = None if output == "-" else output
    kind = _check_target(output, fmt)
    forge = cli_forge(seed, locale, allow_pii, allow_dangerous)
    with failures_as_messages():
        if kind == "db" and output is not None and _is_mapped(ref.model):
            _save_mapped(forge, ref.model, total, output, table_name)
        elif output is None:
            with stdout_text() as out:
                _run(forge, ref.model, total, out, kind, table_name, dialect, records_on_stdout=True)
        else:
            _run(forge, ref.model, total, output, kind, table_name, dialect)


def _refuse_partition_flags(
    models: int,
    engine: str | None,
    workers: int | None,
    scheduler: str | None,
    overwrite: bool,
    fmt: str | None,
) -> None:
    given = {"--engine": engine, "--workers": workers, "--scheduler": scheduler, "--overwrite": overwrite}
    named = [flag for flag, value in given.items() if value]
    if fmt == "parquet":
        named.append("--format parquet")
    if models > 1:
        named.append("several models")
    if named:
        raise click.UsageError(f"{', '.join(named)} need --partitions P (one file per partition)")


def _is_mapped(model: Any) -> bool:
    from pytest_forge.adapters.sqlalchemy_models import is_sqlalchemy_model

    return is_sqlalchemy_model(model)


def _save_mapped(forge: Any, model: Any, total: int, output: str, table_name: str | None) -> None:
    """A SQLAlchemy model goes into its own mapped table, through a Session (like ``forge load``)."""
    from pytest_forge.export.database import database_url
    from pytest_forge.sqlalchemy.loading import load_mapped

    if table_name is not None:
        raise click.UsageError(
            f"--table does not apply to {model.__name__}: it is saved into its mapped table"
        )
    with progress(total, model.__name__) as advance:
        load_mapped(forge, [(model, total)], database_url(output), progress=advance, report=_warn)


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def _total(count: int | None, from_path: int | None) -> int:
    if count is not None and from_path is not None and count != from_path:
        raise click.BadParameter(f"-n {count} disagrees with the :{from_path} in MODEL; give one of them")
    return count if count is not None else from_path if from_path is not None else DEFAULT_COUNT


def _check_target(output: str | None, fmt: str | None) -> str:
    from pytest_forge.errors import ExportError
    from pytest_forge.export.database import database_url, dialect_of
    from pytest_forge.export.stream import resolve_format

    try:
        kind = resolve_format(output, fmt)
        if kind == "db":
            if output is None:
                raise ExportError("--format db needs -o with a .db path or a database URL")
            output = database_url(output)
            dialect_of(output)
    except ExportError as exc:
        raise click.UsageError(str(exc)) from None
    check_directory(output)
    return kind


def check_directory(output: str | None) -> None:
    """A usage error when the file (or SQLite database) would go into a directory that does not exist."""
    from sqlalchemy.engine import make_url

    path = output
    if output is not None and "://" in output:
        path = make_url(output).database if output.startswith("sqlite") else None
    if path and path != ":memory:" and not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        raise click.UsageError(
            f"cannot write {path}: the directory {os.path.dirname(path) or '.'} does not exist"
        )


def _run(
    forge: Any,
    model: Any,
    total: int,
    target: Any,
    kind: str,
    table_name: str | None,
    dialect: str,
    *,
    records_on_stdout: bool = False,
) -> None:
    from pytest_forge.export.stream import create_stream

    stream = create_stream(forge, model, total, target, fmt=kind, table_name=table_name, dialect=dialect)
    with progress(total, f"{model.__name__}", records_on_stdout=records_on_stdout) as advance:
        done = 0
        for done, _record in enumerate(stream, 1):
            if done % 1000 == 0:
                advance(1000)
        advance(done % 1000)
