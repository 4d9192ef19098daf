"""Warnings that litellm (and what it loads) raises while it works for us never reach the user.

litellm imports much of itself lazily, during the first ``completion()`` as well as at import,
and that code warns (pydantic's ``ReadOnly`` TypedDict notice, deprecations). Under
``filterwarnings = error`` such a warning would turn a good call into a failure. A filter is
placed first in the warnings list for the duration of our calls; it matches only on a thread
that is inside one of them, so warnings from the user's code on other threads, and pytest-forge's
own (``ForgeAIWarning``), still go through. The filter's module matcher is an object with a
``match`` method, which the ``warnings`` machinery accepts in place of a compiled regex.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["third_party_warnings_silenced"]

_OUR_PACKAGE = "pytest_forge"


class _InsideOurCall(threading.local):
    """A module matcher that matches any module but ours, on a thread inside a silenced block."""

    depth = 0

    def match(self, module: str) -> bool:
        return self.depth > 0 and not module.startswith(_OUR_PACKAGE)


_INSIDE = _InsideOurCall()
#: an ordinary warnings filter entry: (action, message, category, module, lineno)
_FILTER = ("ignore", None, Warning, _INSIDE, 0)
_FILTERS_LOCK = threading.Lock()


def _ensure_filter_first() -> None:
    """Put our filter at the head of the list (pytest and ``catch_warnings`` replace the list)."""
    with _FILTERS_LOCK:
        filters: list[object] = warnings.filters  # type: ignore[assignment]  # a list at run time
        if filters and filters[0] is _FILTER:
            return
        with contextlib.suppress(ValueError):
            filters.remove(_FILTER)
        filters.insert(0, _FILTER)
        mutated = getattr(warnings, "_filters_mutated", None)  # drops "already warned" caches
        if mutated is not None:
            mutated()


@contextlib.contextmanager
def third_party_warnings_silenced() -> Iterator[None]:
    """Within this block, on this thread, warnings raised by other packages' code are ignored."""
    _ensure_filter_first()
    _INSIDE.depth += 1
    try:
        yield
    finally:
        _INSIDE.depth -= 1
