"""Forward references left as strings, evaluated in the namespace of the model being described.

A model's annotations may name classes its module imports only for type checkers; those are looked up
where the module's own import statements say (through its package).
"""

from __future__ import annotations

import contextlib
import contextvars
import typing
from typing import Any

if typing.TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["evaluate_forward", "names_of", "resolving_names"]

#: the module namespace of the model being described, for forward references left as strings
_NAMESPACE: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "forge_namespace", default=None
)


def evaluate_forward(ref: Any) -> Any:
    """A forward reference (``"Expression"``) evaluated in the model's module, or None."""
    code = ref.__forward_arg__ if isinstance(ref, typing.ForwardRef) else ref
    namespace = dict(_NAMESPACE.get() or {})
    try:  # the model's own annotation text; names missing from its module come from its packages
        return eval(code, namespace, _PackageNames(namespace))
    except Exception:  # an unresolvable name stays unsupported
        return None


class _PackageNames(dict[str, Any]):
    """Names of the model's module, else of its parent packages (imported only for type checkers)."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        super().__init__()
        self.namespace = namespace

    def __missing__(self, name: str) -> Any:
        from pytest_forge.adapters.pydantic_models import look_up

        if name in self.namespace:
            return self.namespace[name]
        module = self.namespace.get("__name__")
        found = look_up(module, name) if isinstance(module, str) else None
        if found is None:
            raise KeyError(name)
        return found


@contextlib.contextmanager
def names_of(namespace: dict[str, Any]) -> Iterator[None]:
    """Resolve forward references in ``namespace`` (a model's module globals) inside the block."""
    token = _NAMESPACE.set(namespace)
    try:
        yield
    finally:
        _NAMESPACE.reset(token)


def resolving_names() -> bool:
    """Whether a model's namespace is set, so that string annotations can be evaluated."""
    return bool(_NAMESPACE.get())
