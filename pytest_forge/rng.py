"""Seeds and random streams: stable across processes, one stream per field.

Python's ``hash()`` is salted per process, so seeds are derived with BLAKE2b:
the same parts give the same seed on every machine. Each field draws from its own
``random.Random`` so adding a field never shifts another field's values.
"""

from __future__ import annotations

import hashlib
import random
from typing import Any

__all__ = ["ForgeRandom", "derive_seed", "field_stream", "random_seed", "seed_of_digest", "seed_prefix"]

_SEED_BITS = 63
_FAST_SPAN = 1 << 40


class ForgeRandom(random.Random):
    """``random.Random`` with cheaper small-range integer draws (the hot path of every generator).

    ``randint``/``randrange``/``choice`` over spans under 2**40 scale one ``random()`` float
    (bias below 2**-12 of one value's share) instead of the rejection loop, about 3x faster.
    Larger spans use the exact standard algorithm.
    """

    def randint(self, a: int, b: int) -> int:
        span = b - a + 1
        if 0 < span < _FAST_SPAN:
            return a + int(self.random() * span)
        return super().randint(a, b)

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        if stop is None:
            start, stop = 0, start
        if step == 1 and 0 < stop - start < _FAST_SPAN:
            return start + int(self.random() * (stop - start))
        return super().randrange(start, stop, step)

    def choice(self, seq: Any) -> Any:
        size = len(seq)
        if not size:
            raise IndexError("Cannot choose from an empty sequence")
        return seq[int(self.random() * size)]


def derive_seed(*parts: object) -> int:
    """A non-negative 63-bit seed that depends only on ``parts`` (their ``str`` forms)."""
    digest = hashlib.blake2b("\x1f".join(str(p) for p in parts).encode(), digest_size=8).digest()
    return seed_of_digest(digest)


def seed_prefix(*parts: object) -> bytes:
    """What ``derive_seed(*parts, last)`` hashes before ``str(last)``: hash it once, then per ``last``
    ``h = blake2b(prefix, digest_size=8)``, ``h.update(str(last).encode())``, ``seed_of_digest(h.digest())``
    (a copy of ``h`` per ``last``) gives the same seeds for less."""
    return ("\x1f".join(str(p) for p in parts) + "\x1f").encode()


def seed_of_digest(digest: bytes) -> int:
    """The seed ``derive_seed`` makes of an 8-byte BLAKE2b digest."""
    return int.from_bytes(digest, "big") >> (64 - _SEED_BITS)


def field_stream(seed: int, *path: object) -> random.Random:
    """The random stream of one field (or other named consumer) under ``seed``."""
    return ForgeRandom(derive_seed(seed, *path))


def random_seed() -> int:
    """A fresh seed for runs that did not ask for one (from the OS, not the global RNG)."""
    return random.SystemRandom().randrange(10**9)
