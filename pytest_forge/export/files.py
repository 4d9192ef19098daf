"""Atomic files: written under a temporary name beside the target, renamed into place on success."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pytest_forge.errors import ExportError

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["AtomicTextFile", "atomic_text_file"]


class AtomicTextFile:
    """A UTF-8 text file that appears at ``path`` only when ``commit()`` is called."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        directory = self.path.parent
        if not directory.is_dir():
            raise ExportError(f"cannot write {self.path}: the directory {directory} does not exist")
        # open(..., "x") rather than mkstemp: the file gets the umask's mode, like any other file
        self.temp_path = directory / f".{self.path.name}.{secrets.token_hex(6)}.tmp"
        self.handle: TextIO = open(self.temp_path, "x", encoding="utf-8", newline="")  # noqa: SIM115

    def commit(self) -> None:
        """Flush, close and rename the file into place (replacing an older one)."""
        self.handle.close()
        os.replace(self.temp_path, self.path)

    def abort(self) -> None:
        """Close and remove the temporary file; the target is left as it was."""
        self.handle.close()
        with contextlib.suppress(FileNotFoundError):
            self.temp_path.unlink()


@contextlib.contextmanager
def atomic_text_file(path: str | os.PathLike[str]) -> Iterator[TextIO]:
    """``with atomic_text_file(p) as out:`` — ``p`` holds the whole text, or is untouched on error."""
    target = AtomicTextFile(path)
    try:
        yield target.handle
    except BaseException:
        target.abort()
        raise
    target.commit()
