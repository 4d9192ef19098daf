"""Checks of the Forge's own arguments: wrong types fail at once, naming the keyword and a fix."""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

from pytest_forge.errors import ArgumentError, UnknownLocaleError
from pytest_forge.locales import unknown_locale

__all__ = ["HUGE_BATCH", "LARGE_BATCH", "LargeBatchWarning", "check_batch_size", "check_locale",
           "check_reference_date"]  # fmt: skip

#: above this many records a batch is held in memory at once: create_stream writes them one by one
LARGE_BATCH = 1_000_000
#: past this a list of records cannot fit in the memory of a test machine
HUGE_BATCH = 50_000_000


class LargeBatchWarning(UserWarning):
    """A batch large enough that holding it in memory may hurt; ``create_stream`` does not."""


def check_locale(locale: Any) -> str:
    """``locale`` when it is a supported locale name; else an ArgumentError (not a str) or an
    UnknownLocaleError naming the closest supported ones."""
    if not isinstance(locale, str):
        raise ArgumentError(
            f"Forge(locale=...) must be a locale name such as 'en_US' or 'de_DE', got {locale!r}"
        )
    problem = unknown_locale(locale) if locale else None
    if problem is not None:
        raise UnknownLocaleError(f"Forge(locale={locale!r}): {problem}")
    return locale


def check_reference_date(reference_date: Any) -> dt.date | None:
    """``reference_date`` when it is a date (or None), else an ArgumentError."""
    if reference_date is not None and not isinstance(reference_date, dt.date):
        hint = ""
        if isinstance(reference_date, str):
            hint = f"; write datetime.date.fromisoformat({reference_date!r})"
        raise ArgumentError(
            f"Forge(reference_date=...) must be a datetime.date, got {reference_date!r}{hint}"
        )
    return reference_date


def check_batch_size(count: int) -> None:
    """Refuse batches that cannot fit in memory; warn about those that may not."""
    if count > HUGE_BATCH:
        raise ArgumentError(
            f"count={count:,} records will not fit in memory as one list; use "
            "forge.create_stream(model, count, filename) to write them one at a time"
        )
    if count > LARGE_BATCH:
        warnings.warn(
            f"count={count:,} holds every record in memory at once (about 1-2 KB each); "
            "forge.create_stream(model, count, filename) writes them one at a time",
            LargeBatchWarning,
            stacklevel=4,
        )
