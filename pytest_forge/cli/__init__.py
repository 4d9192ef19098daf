"""The ``forge`` command: ``generate`` volume data to files or databases, ``load`` several models at once.

Every usage problem (a bad model path, count, URL or suffix) is one line on
stderr and exit status 2; other failures are one line and status 1. Never a traceback.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from pytest_forge.cli.ai_cache import cache_group
from pytest_forge.cli.generate import generate
from pytest_forge.cli.load import load
from pytest_forge.cli.memory import memory_group

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]


class OneLineErrors(click.Group):
    """A group whose usage errors are one line (``Error: ...``) instead of usage text plus hint."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            return super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        except click.UsageError as exc:
            hint = f" (see: {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
            click.echo(f"Error: {exc.format_message()}{hint}", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)


@click.group(cls=OneLineErrors)
@click.version_option(package_name="pytest-forge", prog_name="forge")
def main() -> None:
    """pytest-forge: valid, realistic, reproducible test data for Python models."""


main.add_command(generate)
main.add_command(load)
main.add_command(cache_group)
main.add_command(memory_group)


def _add_lint() -> None:
    from pytest_forge.cli.lint import lint_command

    main.add_command(lint_command)


_add_lint()
