"""Call-backs into an owner that do not keep it alive.

A Forge hands its parts (compile context, relation context, key counters, the AI layer) ways to call
back into it. Bound methods and closures over ``self`` would make the Forge a reference cycle: a Forge
no longer used, and every plan it compiled, would then wait as garbage for the collector's next full
collection (which also walks everything the process imported: 0.1-1 s with a large package loaded,
landing on whichever call is running). Through these call-backs a dropped Forge is freed at once.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["weak_method", "weak_owner"]


def weak_method(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` (bound to its owner), called through a weak reference to the owner."""
    owner_ref = weak_owner(method.__self__)  # type: ignore[attr-defined]
    function = method.__func__  # type: ignore[attr-defined]

    def call(*args: Any, **kwargs: Any) -> Any:
        return function(owner_ref(), *args, **kwargs)

    call.__name__ = call.__qualname__ = function.__name__
    return call


def weak_owner(owner: Any) -> Callable[[], Any]:
    """A call returning ``owner`` while it lives (a clear error once it was freed)."""
    ref = weakref.ref(owner)
    kind = type(owner).__name__

    def get() -> Any:
        found = ref()
        if found is None:
            raise UsageError(
                f"this {kind} was freed while something it made was still in use (a plan, a strategy, "
                f"a generator): keep a reference to the {kind} for as long as you draw from what it made"
            )
        return found

    return get
