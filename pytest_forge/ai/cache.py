"""The response cache: diskcache holding JSON text only, safe for many xdist workers at once.

diskcache unpickles non-string values and keys it reads (CVE-2025-69872), and a cache directory
may be committed to a repository for CI replay, so :class:`JSONOnlyDisk` refuses to store or read
anything but ``str``. Entries carry their own write time: lookups in development treat entries
older than 7 days as missing, CI replay serves them whatever their age.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import diskcache  # type: ignore[import-untyped]
from diskcache.core import MODE_RAW, MODE_TEXT  # type: ignore[import-untyped]

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["MAX_AGE_SECONDS", "JSONOnlyDisk", "ResponseCache", "UnsafeCacheEntry", "default_cache_dir"]

MAX_AGE_SECONDS = 7 * 24 * 3600
_LOCK_PREFIX = "lock:"
_POLL_SECONDS = 0.05


class UnsafeCacheEntry(ValueError):
    """A cache row that is not plain text (it would need unpickling): never read."""


class JSONOnlyDisk(diskcache.Disk):  # type: ignore[misc]
    """A diskcache Disk that stores and reads ``str`` keys and values only, so it never unpickles."""

    def put(self, key: Any) -> tuple[Any, bool]:
        if type(key) is not str:
            raise TypeError("the pytest-forge cache keys are str only")
        return key, True

    def get(self, key: Any, raw: bool) -> Any:
        if not raw or type(key) is not str:
            raise UnsafeCacheEntry("cache key is not plain text")
        return key

    def store(self, value: Any, read: bool, key: Any = diskcache.core.UNKNOWN) -> Any:
        if read or type(value) is not str:
            raise TypeError("the pytest-forge cache stores JSON text only")
        return super().store(value, read, key=key)

    def fetch(self, mode: int, filename: str | None, value: Any, read: bool) -> Any:
        if read or mode not in (MODE_RAW, MODE_TEXT) or (mode == MODE_RAW and type(value) is not str):
            raise UnsafeCacheEntry("cache entry is not plain text")
        return super().fetch(mode, filename, value, read)


def default_cache_dir() -> str:
    """``FORGE_CACHE_DIR``, else the user cache directory (``platformdirs``) + ``ai``."""
    explicit = os.environ.get("FORGE_CACHE_DIR")
    if explicit:
        return explicit
    import platformdirs

    return os.path.join(platformdirs.user_cache_dir("pytest-forge"), "ai")


class ResponseCache:
    """Answers by request key, as JSON objects; one request per key across threads and processes."""

    def __init__(self, directory: str | os.PathLike[str], *, max_age: float | None = MAX_AGE_SECONDS) -> None:
        self.directory = os.fspath(directory)
        self.max_age = max_age
        self._cache = diskcache.Cache(self.directory, disk=JSONOnlyDisk)

    @classmethod
    def open_existing(cls, directory: str, *, max_age: float | None) -> ResponseCache | None:
        """The cache at ``directory`` if it already exists (CI replay never creates one)."""
        if not Path(directory, "cache.db").is_file():
            return None
        return cls(directory, max_age=max_age)

    def get(self, key: str) -> dict[str, Any] | None:
        """The entry for ``key`` (None when absent, too old, or not plain JSON)."""
        try:
            text = self._cache.get(key, retry=True)
        except UnsafeCacheEntry:
            return None
        if not isinstance(text, str):
            return None
        try:
            entry = json.loads(text)
        except ValueError:
            return None
        if not isinstance(entry, dict) or not self._fresh(entry):
            return None
        return entry

    def set(self, key: str, entry: dict[str, Any]) -> None:
        """Store ``entry`` (JSON-serialisable, no secrets) with its write time."""
        stamped = {**entry, "stored_at": time.time()}
        self._cache.set(key, json.dumps(stamped, sort_keys=True, ensure_ascii=False), retry=True)

    def get_or_compute(
        self, key: str, compute: Callable[[], dict[str, Any] | None], *, wait: float
    ) -> tuple[dict[str, Any] | None, bool]:
        """``(entry, was_hit)``: the cached entry, or ``compute()`` run by one worker while others wait."""
        entry = self.get(key)
        if entry is not None:
            return entry, True
        lock = _LOCK_PREFIX + key
        deadline = time.monotonic() + wait
        owned = self._cache.add(lock, "1", expire=wait + 1, retry=True)
        while not owned and time.monotonic() < deadline:
            time.sleep(_POLL_SECONDS)
            entry = self.get(key)
            if entry is not None:
                return entry, True
            owned = self._cache.add(lock, "1", expire=wait + 1, retry=True)
        try:
            return self._compute_once(key, compute)
        finally:
            if owned:
                self._cache.delete(lock, retry=True)

    def _compute_once(
        self, key: str, compute: Callable[[], dict[str, Any] | None]
    ) -> tuple[dict[str, Any] | None, bool]:
        entry = self.get(key)
        if entry is not None:
            return entry, True
        entry = compute()
        if entry is not None:
            self.set(key, entry)
        return entry, False

    def _fresh(self, entry: dict[str, Any]) -> bool:
        if self.max_age is None:
            return True
        stored = entry.get("stored_at")
        return isinstance(stored, (int, float)) and time.time() - stored <= self.max_age

    def stats(self) -> dict[str, Any]:
        """``{"directory", "entries", "size_bytes"}`` (entries excludes in-flight locks)."""
        keys = [k for k in self._keys() if not k.startswith(_LOCK_PREFIX)]
        return {"directory": self.directory, "entries": len(keys), "size_bytes": int(self._cache.volume())}

    def prune(self) -> int:
        """Delete entries older than the maximum age (and unreadable ones); return how many."""
        removed = 0
        for key in self._keys():
            if not key.startswith(_LOCK_PREFIX) and self.get(key) is None:
                removed += bool(self._cache.delete(key, retry=True))
        return removed

    def _keys(self) -> list[str]:
        keys: list[str] = []
        with contextlib.suppress(UnsafeCacheEntry):  # a planted non-text key ends the listing, unread
            keys.extend(self._cache.iterkeys())
        return keys

    def clear(self) -> int:
        """Delete every entry; return how many there were."""
        return int(self._cache.clear(retry=True))

    def close(self) -> None:
        self._cache.close()
