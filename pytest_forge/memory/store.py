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
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
        self._index_name = str(directory / INDEX_NAME)
        self._parsed: dict[Path, tuple[bytes, list[Rule]]] = {}
        self._topics: list[tuple[str, Path]] = []
        self._snapshot: tuple[tuple[Any, ...], list[Rule]] | None = None

    @property
    def index(self) -> Path:
        return self.directory / INDEX_NAME

    def topic_path(self, topic: str) -> Path:
        return self.directory / "topics" / f"{topic}.md"

    def read(self) -> list[Rule]:
        """Every rule of every topic the index points at, as the files say now."""
        return self.snapshot()[1]

    def snapshot(self) -> tuple[tuple[Any, ...], list[Rule]]:
        """``(version, rules)``: the version changes whenever a rule file does.

        Files are stat'ed on each call and read again only when a stat changed or the file is
        younger than ``_SETTLED_NS`` (an edit in the same clock tick keeps size and mtime: the
        bytes are compared then, like git's racily-clean check).
        """
        try:
            index_stat = os.stat(self._index_name)
        except FileNotFoundError:
            return (), []
        version = (_signature(index_stat), *(_signature_of(path) for _, path in self._topics))
        cached = self._snapshot
        if cached is not None and cached[0] == version and _settled(version):
            return cached
        index_text = self.index.read_text(encoding="utf-8")
        self._topics = [(topic, self.directory / rel) for rel, topic in _LINK.findall(index_text)]
        rules = [rule for topic, path in self._topics for rule in self._read_topic(topic, path)]
        version = (_signature(index_stat), *(_signature_of(path) for _, path in self._topics))
        self._snapshot = (version, rules)
        return version, rules

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


_SETTLED_NS = 2_000_000_000


def _signature(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _signature_of(path: Path) -> tuple[int, int, int] | None:
    try:
        return _signature(os.stat(path))
    except FileNotFoundError:
        return None


def _settled(version: tuple[Any, ...]) -> bool:
    newest = max((sig[2] for sig in version if sig is not None), default=0)
    return time.time_ns() - newest > _SETTLED_NS


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
