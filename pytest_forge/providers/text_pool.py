"""Free text drawn from a lazily built, index-addressed pool shared by every Forge in the process.

Composing a realistic paragraph costs ~25 µs; picking one costs well under one. Entry ``i`` of a
pool is always composed from its own seed (``derive_seed(key, i)``), whatever order entries are
first needed in, so output stays reproducible across processes; which entry a record gets comes
from the field's own stream. A pool holds at most ``POOL_SIZE`` texts per kind of text, locale,
reference date and length bounds.
"""

from __future__ import annotations

import hashlib
import threading
from typing import TYPE_CHECKING, Any

from pytest_forge.rng import ForgeRandom, seed_of_digest, seed_prefix

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["POOLS", "POOL_SIZE", "PoolRegistry", "TextPool", "text_pool"]

POOL_SIZE = 16_384


class TextPool:
    """Texts composed on first use, at most ``size`` of them, each from its index's own seed."""

    def __init__(self, key: tuple[Any, ...], compose: Callable[[Any], str], size: int = POOL_SIZE) -> None:
        self.key, self.compose, self.size = key, compose, size
        self._texts: list[str | None] = [None] * size
        self._lock = threading.Lock()
        #: ``derive_seed("text-pool", *key, index)`` hashed up to the index once (the same seeds)
        self._hashed = hashlib.blake2b(seed_prefix("text-pool", *key), digest_size=8)

    def seed(self, index: int) -> int:
        """Entry ``index``'s seed: ``derive_seed("text-pool", *key, index)``."""
        hashed = self._hashed.copy()
        hashed.update(str(index).encode())
        return seed_of_digest(hashed.digest())

    def draw(self, rng: Any) -> str:
        index = int(rng.random() * self.size)
        text = self._texts[index]
        if text is None:
            text = self.compose(ForgeRandom(self.seed(index)))
            with self._lock:
                self._texts[index] = text
        return text


class PoolRegistry:
    """The process's text pools by key (a cache: every entry can be rebuilt identically)."""

    def __init__(self) -> None:
        self._pools: dict[tuple[Any, ...], TextPool | None] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], make: Callable[[], Callable[[Any], str] | None]) -> TextPool | None:
        """The pool for ``key``; ``make`` builds its composer the first time only."""
        if key not in self._pools:
            with self._lock:
                if key not in self._pools:
                    compose = make()
                    self._pools[key] = None if compose is None else TextPool(key, compose)
        return self._pools[key]


#: shared by every Forge, so each test's Forge under pytest reuses the texts already composed
POOLS = PoolRegistry()


def text_pool(key: tuple[Any, ...], make: Callable[[], Callable[[Any], str] | None]) -> TextPool | None:
    """The process's pool for ``key`` (``make`` builds the composer the first time)."""
    return POOLS.get(key, make)
