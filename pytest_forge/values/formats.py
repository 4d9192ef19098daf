"""Paths, byte sizes and payment card numbers: format-shaped values that stay harmless.

Card numbers only use published test prefixes and carry a valid Luhn check digit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pytest_forge.errors import UnsupportedTypeError
from pytest_forge.values.files import existing_file
from pytest_forge.values.numbers import int_values

if TYPE_CHECKING:
    import random

    from pytest_forge.spec import TypeSpec
    from pytest_forge.values import Gen

__all__ = ["byte_size_values", "luhn_check_digit", "path_values", "payment_card_values"]

PATH_DIRS = ("reports", "data", "exports", "docs", "assets/img", "logs", "backups", "config")
PATH_STEMS = ("summary", "invoice-0042", "q3-results", "readme", "customers", "notes", "settings", "build")
PATH_SUFFIXES = (".csv", ".json", ".txt", ".pdf", ".md", ".log", ".yaml", ".png")
# published test prefixes (Visa 4242 42/4111 11, Mastercard 5555 55/5105 10/2223 00, Amex 3782 82/
# 3714 49, Discover 6011 11, JCB 3566 00) with the lengths their brands use
TEST_CARD_PREFIXES = (
    ("424242", 16), ("411111", 16), ("555555", 16), ("510510", 16), ("222300", 16),
    ("378282", 15), ("371449", 15), ("601111", 16), ("356600", 16),
)  # fmt: skip
_BYTE_UNITS = (1, 1024, 1024**2, 1024**3)


def path_values(spec: TypeSpec) -> Gen:
    """Relative paths such as ``reports/2024/summary.csv``; ``NewPath`` gets a name that cannot exist,
    ``FilePath`` an existing empty file (values/files.py)."""
    kind = spec.path_type
    if kind is None:
        return _relative_path
    if kind == "new":
        # the parent must exist for pydantic's NewPath, so the fresh name sits in the working dir
        return lambda rng: Path(f"forge-new-{rng.getrandbits(64):016x}.txt")
    if kind == "dir":
        return lambda rng: Path(".")
    if kind == "file":  # an empty file made in pytest-forge's own temporary directory
        return lambda rng: existing_file(_relative_path(rng))
    if kind == "socket":
        raise UnsupportedTypeError(
            "SocketPath must point at an existing socket, which generated data cannot create;"
            " pass the value as an override"
        )
    raise UnsupportedTypeError(f"path_type={kind!r} is not a path kind pytest-forge knows")


def _relative_path(rng: random.Random) -> Path:
    year = rng.randint(2015, 2025)
    name = rng.choice(PATH_STEMS) + rng.choice(PATH_SUFFIXES)
    return Path(rng.choice(PATH_DIRS), str(year), name)


def byte_size_values(spec: TypeSpec) -> Gen:
    """Byte counts: a few hundred B/KiB/MiB/GiB by default, or any integer within the bounds."""
    if all(bound is None for bound in (spec.gt, spec.ge, spec.lt, spec.le, spec.multiple_of)):
        return lambda rng: rng.randint(1, 999) * rng.choice(_BYTE_UNITS)
    return int_values(spec, hint=(1, 10 * 1024**3))


def luhn_check_digit(digits: str) -> str:
    """The digit that makes ``digits + check`` pass the Luhn test."""
    if not digits.isdigit():
        raise ValueError(f"luhn_check_digit needs decimal digits, got {digits!r}")
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:  # these get doubled once the check digit is appended
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return str(-total % 10)


def payment_card_values(spec: TypeSpec) -> Gen:
    """Card numbers (str) on published test prefixes, random account digits and a valid check digit."""
    del spec

    def draw(rng: random.Random) -> str:
        prefix, length = rng.choice(TEST_CARD_PREFIXES)
        free = length - len(prefix) - 1
        body = f"{prefix}{rng.randrange(10**free):0{free}d}"
        return body + luhn_check_digit(body)

    return draw
