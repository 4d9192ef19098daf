"""``forge load app.models:Customer:10 app.models:Order:200 --db URL``: loadtestdata, done right."""

from __future__ import annotations

from typing import Any

import click

from pytest_forge.cli.generate import check_directory
from pytest_forge.cli.modelpath import parse_model_path
from pytest_forge.cli.options import cli_forge, forge_options, partition_options
from pytest_forge.cli.terminal import failures_as_messages, is_terminal, progress, terminal_stream

__all__ = ["load"]

DEFAULT_COUNT = 10
DEFAULT_DATABASE = "sqlite:///forge.db"


@click.command()
@click.argument("models", nargs=-1, required=True, metavar="MODEL[:N]...")
@click.option(
    "--db", "url", default=DEFAULT_DATABASE, show_default=True, help="SQLAlchemy URL or SQLite path."
)
@forge_options
@partition_options("PostgreSQL: COPY P partitions per model.")
@click.option(
    "--django-settings",
    metavar="MODULE",
    help="Load Django models (app_label.Model:N) into that project's database, like manage.py loadtestdata.",
)
def load(
    models: tuple[str, ...],
    url: str,
    seed: int | None,
    locale: str,
    allow_pii: bool,
    allow_dangerous: bool,
    partitions: int | None,
    engine: str | None,
    workers: int | None,
    scheduler: str | None,
    django_settings: str | None = None,
) -> None:
    """Insert N records (default 10) of each MODEL into a database, parents first, in one transaction.

    Tables are created when missing; existing rows stay and new keys continue after the largest.
    With --partitions (PostgreSQL), each partition is COPYed in its own transaction, in parallel, and
    a rerun of the same command skips the partitions already loaded.
    SQLAlchemy (and SQLModel table) models are saved into their own mapped tables through a Session.

    \b
      forge load app.models:Customer:10 app.models:Order:200 --db sqlite:///dev.db --seed 42
      forge load app.models:Customer:1000000 app.models:Order:5000000 --partitions 64 \\
          --engine dask --db postgresql+psycopg://localhost/dev --seed 42
    """
    if django_settings:
        _load_django(models, django_settings, seed, locale, allow_pii)
        return
    refs = [parse_model_path(text) for text in models]
    requests = [(ref.model, ref.count if ref.count is not None else DEFAULT_COUNT) for ref in refs]
    url = _checked_url(url)
    if partitions is not None:
        from pytest_forge.cli.partitioned import load_partitioned

        if seed is None:
            raise click.UsageError("--partitions needs --seed S, so that a rerun resumes the same load")
        options = (partitions, engine or "processes", workers, scheduler, seed, locale, allow_pii)
        load_partitioned(requests, url, *options)
        return
    if engine or workers or scheduler:
        raise click.UsageError("--engine, --workers and --scheduler need --partitions P")
    forge = cli_forge(seed, locale, allow_pii, allow_dangerous)
    total = sum(count for _, count in requests)
    with failures_as_messages(), progress(total, "loading") as advance:
        loaded = _load(forge, requests, url, advance)
    if is_terminal(terminal_stream()):
        from pytest_forge.export.database import shown_url

        summary = ", ".join(f"{count} into {table}" for table, count in loaded.items())
        click.echo(f"loaded {summary} ({shown_url(url)}, seed {forge.seed})", err=True)


def _load_django(
    models: tuple[str, ...], settings: str, seed: int | None, locale: str, allow_pii: bool
) -> None:
    from pytest_forge.django.cli import load_with_django

    with failures_as_messages():
        loaded = load_with_django(models, settings, seed=seed, locale=locale, allow_pii=allow_pii)
    summary = ", ".join(f"{count} {label}" for label, count in loaded.items())
    click.echo(f"loaded {summary}", err=True)


def _load(forge: Any, requests: list[tuple[Any, int]], url: str, advance: Any) -> dict[str, int]:
    """SQLAlchemy models go through a Session into their mapped tables; other models into new tables."""
    from pytest_forge.adapters.sqlalchemy_models import is_sqlalchemy_model

    mapped = [is_sqlalchemy_model(model) for model, _ in requests]
    if all(mapped):
        from pytest_forge.sqlalchemy.loading import load_mapped

        return load_mapped(forge, requests, url, progress=advance, report=_warn)
    if any(mapped):
        raise click.UsageError("load SQLAlchemy models and other models in separate `forge load` runs")
    from pytest_forge.export.loading import load_models

    return load_models(forge, requests, url, progress=advance)


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def _checked_url(url: str) -> str:
    from pytest_forge.errors import ExportError
    from pytest_forge.export.database import database_url, dialect_of

    try:
        full = database_url(url)
        dialect_of(full)
    except ExportError as exc:
        raise click.BadParameter(str(exc), param_hint="--db") from None
    check_directory(full)
    return full
