"""What the commands show: a progress bar on a terminal (silence when piped) and one-line failures."""

from __future__ import annotations

import contextlib
import io
import sys
from typing import TYPE_CHECKING, TextIO

import click

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["PROGRESS_MIN", "failures_as_messages", "progress", "stdout_text", "terminal_stream"]

#: runs shorter than this finish before a bar would help
PROGRESS_MIN = 5000


def terminal_stream() -> TextIO:
    """Where progress goes (standard error); tests replace it with a fake terminal."""
    return sys.stderr


def is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return callable(isatty) and bool(isatty())


@contextlib.contextmanager
def progress(
    total: int, label: str, *, records_on_stdout: bool = False, minimum: int | None = None
) -> Iterator[Callable[[int], None]]:
    """``advance(n)`` for a bar on standard error, when it is a terminal and ``total`` reaches ``minimum``
    (PROGRESS_MIN records unless told)."""
    stream = terminal_stream()
    shown = total >= (PROGRESS_MIN if minimum is None else minimum) and is_terminal(stream)
    if records_on_stdout and is_terminal(sys.stdout):
        shown = False  # the bar would tear through the records being printed
    if not shown:
        yield lambda _n: None
        return
    with click.progressbar(length=total, label=label, file=stream, show_pos=True) as bar:
        yield bar.update


@contextlib.contextmanager
def stdout_text() -> Iterator[TextIO]:
    """Standard output as UTF-8 text whatever the locale (emoji survive a pipe)."""
    sys.stdout.flush()
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:
        yield sys.stdout
        return
    out = io.TextIOWrapper(binary, encoding="utf-8", newline="")
    try:
        yield out
    finally:
        with contextlib.suppress(BrokenPipeError, ValueError):
            out.flush()
        out.detach()


@contextlib.contextmanager
def failures_as_messages() -> Iterator[None]:
    """ForgeErrors (and a closed pipe) end the command with one message, never a traceback."""
    from pytest_forge.errors import ForgeError

    try:
        yield
    except BrokenPipeError:
        _silence_stdout()  # `forge generate ... | head` is normal use, not a failure
    except ForgeError as exc:
        raise click.ClickException(str(exc)) from None


def _silence_stdout() -> None:
    import os

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
