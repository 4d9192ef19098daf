"""Where memory rules live on disk, and reading and writing them safely.

``<dir>/FORGE.md`` is the index: one Markdown link per topic file, ``<dir>/topics/<topic>.md``.
Reads never lock (every file is replaced atomically, so a reader sees the old or the new
file, never half of one) and parse a file again only when its bytes changed.
Writes hold a file lock (``<dir>/.lock``) around read-modify-write, so several processes
(xdist workers) may add and remove rules at once without losing any.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pytest_forge.errors import UsageError
from pytest_forge.memory.rules import Rule, parse_topic_file, render_topic_file

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["INDEX_NAME", "RuleStore"]

INDEX_NAME = "FORGE.md"
_LINK = re.compile(r"\]\((topics/([a-z][a-z0-9_]*)\.md)\)")
_INDEX_HEAD = (
    "# pytest-forge memory\n\n"
    "Domain rules for generated test data: one file per topic, meant to be committed.\n"
    "`forge memory add/list/check/remove` keeps them; editing them by hand works too.\n"
    "Field names and types are never stored here: they are read from the models.\n\n"
)


class RuleStore:
    """The rules under one memory directory (``.forge``)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._parsed: dict[Path, tuple[bytes, list[Rule]]] = {}

    @property
    def index(self) -> Path:
        return self.directory / INDEX_NAME

    def topic_path(self, topic: str) -> Path:
        return self.directory / "topics" / f"{topic}.md"

    def read(self) -> list[Rule]:
        """Every rule of every topic the index points at, as the files say now."""
        try:
            index_text = self.index.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        rules: list[Rule] = []
        for relative, topic in _LINK.findall(index_text):
            rules.extend(self._read_topic(topic, self.directory / relative))
        return rules

    def update(self, topic: str, change: Callable[[list[Rule]], list[Rule]]) -> None:
        """Replace ``topic``'s rules by ``change(current rules)``, under the lock, atomically."""
        from filelock import FileLock

        self.directory.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.directory / ".lock"), timeout=30):
            path = self.topic_path(topic)
            current = self._read_topic(topic, path)
            updated = change(list(current))
            if updated:
                _write_atomic(path, render_topic_file(topic, updated))
            elif path.exists():
                path.unlink()
            self._write_index()

    def _read_topic(self, topic: str, path: Path) -> list[Rule]:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return []
        cached = self._parsed.get(path)
        if cached is not None and cached[0] == raw:
            return cached[1]
        try:
            rules = parse_topic_file(topic, raw.decode("utf-8"), str(path))
        except UnicodeDecodeError:
            raise UsageError(f"{path}: not a UTF-8 text file; fix or remove it") from None
        self._parsed[path] = (raw, rules)
        return rules

    def _write_index(self) -> None:
        topics_dir = self.directory / "topics"
        lines = [_INDEX_HEAD]
        for path in sorted(topics_dir.glob("*.md")) if topics_dir.is_dir() else []:
            count = len(self._read_topic(path.stem, path))
            lines.append(f"- [{path.stem}](topics/{path.name}): {count} rule{'' if count == 1 else 's'}\n")
        _write_atomic(self.index, "".join(lines))


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
