"""Seeds and random streams: stable across processes, one stream per field.

Python's ``hash()`` is salted per process, so seeds are derived with BLAKE2b:
the same parts give the same seed on every machine. Each field draws from its own
``random.Random`` so adding a field never shifts another field's values.
"""

from __future__ import annotations

import hashlib
import random

__all__ = ["derive_seed", "field_stream", "random_seed"]

_SEED_BITS = 63


def derive_seed(*parts: object) -> int:
    """A non-negative 63-bit seed that depends only on ``parts`` (their ``str`` forms)."""
    digest = hashlib.blake2b("\x1f".join(str(p) for p in parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> (64 - _SEED_BITS)


def field_stream(seed: int, *path: object) -> random.Random:
    """The random stream of one field (or other named consumer) under ``seed``."""
    return random.Random(derive_seed(seed, *path))


def random_seed() -> int:
    """A fresh seed for runs that did not ask for one (from the OS, not the global RNG)."""
    return random.SystemRandom().randrange(10**9)
