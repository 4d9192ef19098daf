"""The flags ``forge generate`` and ``forge load`` share, and the Forge they configure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

__all__ = ["ENGINES", "checked_locale", "cli_forge", "forge_options", "partition_options"]

ENGINES = ("processes", "dask", "serial")
Command = TypeVar("Command", bound=Callable[..., Any])


def checked_locale(locale: str) -> str:
    """The ``--locale`` value; an unknown one is a usage error naming the closest supported locales."""
    from pytest_forge.locales import unknown_locale

    problem = unknown_locale(locale)
    if problem is not None:
        raise click.BadParameter(problem, param_hint="--locale")
    return locale


def _stacked(*options: Callable[[Command], Command]) -> Callable[[Command], Command]:
    """Apply click options so that ``--help`` lists them in the order given."""

    def apply(command: Command) -> Command:
        for option in reversed(options):
            command = option(command)
        return command

    return apply


def forge_options(command: Command) -> Command:
    """``--seed``, ``--locale``, ``--allow-pii`` and ``--allow-dangerous``: what :func:`cli_forge` takes."""
    return _stacked(
        click.option("--seed", type=click.IntRange(min=0), help="Seed for reproducible data."),
        click.option(
            "--locale",
            default="en_US",
            show_default=True,
            callback=lambda ctx, param, value: checked_locale(value),
            help="Language and country of names and places.",
        ),
        click.option(
            "--allow-pii", is_flag=True, help="Open the sensitive-data gate (fake-by-construction PII)."
        ),
        click.option(
            "--allow-dangerous", is_flag=True, help="Open the dangerous-data gate (curated hostile payloads)."
        ),
    )(command)


def partition_options(partitions_help: str) -> Callable[[Command], Command]:
    """``--partitions`` (with the command's own help), ``--engine``, ``--workers`` and ``--scheduler``."""
    return _stacked(
        click.option("--partitions", type=click.IntRange(min=1), help=partitions_help),
        click.option(
            "--engine", type=click.Choice(ENGINES), help="Where partitions run (default: processes)."
        ),
        click.option(
            "--workers", type=click.IntRange(min=1), help="Worker processes (default: one per core)."
        ),
        click.option(
            "--scheduler", help="A Dask scheduler address (tcp://host:8786) instead of a LocalCluster."
        ),
    )


def cli_forge(seed: int | None, locale: str, allow_pii: bool, allow_dangerous: bool) -> Any:
    """The command's Forge; its refusals advise the command-line flags."""
    from pytest_forge.forge import Forge

    return Forge(seed=seed, locale=locale, allow_pii=allow_pii, allow_dangerous=allow_dangerous, advice="cli")
