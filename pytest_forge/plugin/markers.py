"""``@pytest.mark.forge(...)``: its signature, its validation, and how nested markers merge.

Markers on a module, a class and a test all apply; per keyword the nearest one wins.
Misuse makes the test error at setup with a message that names the test, the bad
keyword and the accepted ones (like pytest-django's ``validate_django_db``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import pytest

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["MARKER_HELP", "ForgeMark", "forge_mark_of", "validate_forge_marker"]

MARKER_HELP: Final = (
    "forge(seed=None, locale=None, allow_pii=False, allow_dangerous=False, ai=None, context=None, "
    "verbose=False): settings of this test's `forge` fixture. seed (int >= 0) is used as is instead of "
    "the seed derived from --forge-seed and the node id; allow_pii / allow_dangerous open the gates; "
    "ai switches the LLM (always off under --forge-ci); context is passed to AI prompts."
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ForgeMark:
    """The merged keywords of a test's forge markers (``None``: not set by any marker)."""

    seed: int | None = None
    locale: str | None = None
    allow_pii: bool | None = None
    allow_dangerous: bool | None = None
    ai: bool | None = None
    context: str | None = None
    verbose: bool | None = None


ACCEPTED: Final = tuple(sorted(f.name for f in dataclasses.fields(ForgeMark)))
_EXPECTED: Final[Mapping[str, tuple[type, str]]] = {
    "seed": (int, "an int >= 0"),
    "locale": (str, "a str such as 'de_DE'"),
    "allow_pii": (bool, "a bool"),
    "allow_dangerous": (bool, "a bool"),
    "ai": (bool, "a bool"),
    "context": (str, "a str"),
    "verbose": (bool, "a bool"),
}


class ForgeMarkerError(ValueError):
    """A forge marker used with arguments it does not accept."""


def validate_forge_marker(marker: pytest.Mark) -> ForgeMark:
    """Check one ``forge`` marker's arguments and return them as a :class:`ForgeMark`."""
    accepted = f"accepted keywords: {', '.join(ACCEPTED)}"
    if marker.args:
        shown = ", ".join(repr(arg) for arg in marker.args)
        raise ForgeMarkerError(f"@pytest.mark.forge takes keywords only, got positional {shown}; {accepted}")
    unknown = sorted(set(marker.kwargs) - set(ACCEPTED))
    if unknown:
        raise ForgeMarkerError(
            f"@pytest.mark.forge got unknown keyword {', '.join(map(repr, unknown))}; {accepted}"
        )
    for name, value in marker.kwargs.items():
        if not _fits(name, value):
            raise ForgeMarkerError(
                f"@pytest.mark.forge({name}={value!r}): {name} must be {_EXPECTED[name][1]}; {accepted}"
            )
    locale = marker.kwargs.get("locale")
    if locale is not None:
        from pytest_forge.locales import unknown_locale

        problem = unknown_locale(locale)
        if problem is not None:
            raise ForgeMarkerError(f"@pytest.mark.forge(locale={locale!r}): {problem}")
    return ForgeMark(**marker.kwargs)


def _fits(name: str, value: Any) -> bool:
    expected = _EXPECTED[name][0]
    if expected is bool:
        return isinstance(value, bool)
    if isinstance(value, bool) or not isinstance(value, expected):
        return False
    return not (isinstance(value, int) and value < 0)


def forge_mark_of(item: pytest.Item) -> ForgeMark:
    """The test's merged forge markers; a misused one fails the test's setup (no traceback)."""
    __tracebackhide__ = True
    merged: dict[str, Any] = {}
    for marker in item.iter_markers("forge"):  # nearest first: function, class, module
        mark = _validated(item, marker)
        for name in marker.kwargs:
            merged.setdefault(name, getattr(mark, name))
    return ForgeMark(**merged)


def _validated(item: pytest.Item, marker: pytest.Mark) -> ForgeMark:
    __tracebackhide__ = True
    try:
        return validate_forge_marker(marker)
    except ForgeMarkerError as error:
        message = f"{item.nodeid}: {error}"
    pytest.fail(message, pytrace=False)  # outside the except: no "during handling" chain
