"""The three permission levels, in order: safe < sensitive < dangerous."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["DANGEROUS", "LEVELS", "SAFE", "SENSITIVE", "Level", "highest", "rank"]

Level = Literal["safe", "sensitive", "dangerous"]

SAFE: Level = "safe"
SENSITIVE: Level = "sensitive"
DANGEROUS: Level = "dangerous"
#: every level, lowest first
LEVELS: tuple[Level, ...] = (SAFE, SENSITIVE, DANGEROUS)


def rank(level: str) -> int:
    """0 for safe, 1 for sensitive, 2 for dangerous."""
    try:
        return [str(known) for known in LEVELS].index(level)
    except ValueError:
        raise ValueError(f"{level!r} is not a permission level; use one of {', '.join(LEVELS)}") from None


def highest(levels: Iterable[str]) -> Level:
    """The highest of ``levels`` (safe when there are none)."""
    best = 0
    for level in levels:
        best = max(best, rank(level))
    return LEVELS[best]
