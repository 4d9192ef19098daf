"""Seeds under pytest: the session seed (a number, ``random`` or ``last``) and each test's seed.

A test's seed depends only on the session seed and its node id, so its data is the
same whatever ran before it, in which order, and on which xdist worker.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import pytest

from pytest_forge.rng import derive_seed, random_seed

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "CACHE_KEY",
    "SessionSeed",
    "derive_test_seed",
    "parse_seed_setting",
    "remember_session_seed",
    "resolve_session_seed",
    "seed_type",
]

#: where the previous run's seed is kept in pytest's cache (``.pytest_cache``)
CACHE_KEY: Final = "forge/seed"
_WORDS: Final = ("random", "last")


def seed_type(value: str) -> int | str:
    """The argparse ``type=`` of ``--forge-seed``: a non-negative integer, ``random`` or ``last``."""
    text = value.strip().lower()
    if text in _WORDS:
        return text
    try:
        seed = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a seed: use a non-negative integer, 'random' or 'last'"
        ) from None
    if seed < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a seed: seeds are non-negative integers")
    return seed


def parse_seed_setting(value: str, source: str) -> int | str:
    """``seed_type`` for values argparse never sees (the ``forge_seed`` ini key): a usage error."""
    try:
        return seed_type(value)
    except argparse.ArgumentTypeError as error:
        raise pytest.UsageError(f"{source}: {error}") from None


@dataclass(frozen=True, slots=True)
class SessionSeed:
    """The run's seed, and a note for the header when it is not what was asked for."""

    value: int
    note: str | None = None


def resolve_session_seed(
    config: pytest.Config, choice: int | str, fresh: Callable[[], int] = random_seed
) -> SessionSeed:
    """Turn ``--forge-seed`` into a number: as given, fresh for ``random``, cached for ``last``."""
    if isinstance(choice, int):
        return SessionSeed(choice)
    if choice == "random":
        return SessionSeed(fresh())
    cache = getattr(config, "cache", None)
    if cache is None:
        raise pytest.UsageError(
            "--forge-seed=last reads the previous run's seed from pytest's cache, which is disabled "
            "(-p no:cacheprovider); pass the seed as a number instead"
        )
    last = cache.get(CACHE_KEY, None)
    if isinstance(last, int) and not isinstance(last, bool) and last >= 0:
        return SessionSeed(last, "seed of the last run")
    return SessionSeed(fresh(), "no previous run for --forge-seed=last, so a random seed")


def remember_session_seed(config: pytest.Config, seed: int) -> None:
    """Keep the seed for ``--forge-seed=last`` (nothing to do without the cache provider)."""
    cache = getattr(config, "cache", None)
    if cache is not None:
        cache.set(CACHE_KEY, seed)


def derive_test_seed(session_seed: int, nodeid: str) -> int:
    """The seed of one test's Forge: the session seed mixed with the test's node id."""
    return derive_seed(session_seed, nodeid)
