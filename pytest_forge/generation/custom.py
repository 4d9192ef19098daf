"""User-supplied value providers: ``forge.register_provider`` and the ``forge_field_provider`` hook."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from pytest_forge.generation.compiler import Compiled, Gen
from pytest_forge.spec import FieldSpec, TypeSpec

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ProviderTable", "as_gen"]


def as_gen(fn: Callable[..., Any]) -> Gen:
    """Accept ``fn(rng)`` or ``fn()``; always call it with the field's stream when it takes one."""
    try:
        wants_rng = any(
            p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
            for p in inspect.signature(fn).parameters.values()
        )
    except (TypeError, ValueError):
        wants_rng = False
    if wants_rng:
        return fn
    return lambda rng: fn()


class ProviderTable:
    """Providers registered on one Forge, matched by type or by a predicate on the field."""

    def __init__(self) -> None:
        self._entries: list[tuple[Any, Gen]] = []
        #: consulted after this table's own entries (the pytest session Forge's table under a test's)
        self.parent: ProviderTable | None = None

    def register(self, key: Any, fn: Callable[..., Any]) -> None:
        """Later registrations win over earlier ones."""
        if not callable(fn):
            raise TypeError(f"register_provider needs a callable fn(rng) -> value, got {fn!r}")
        self._entries.insert(0, (key, as_gen(fn)))

    def find(self, field: FieldSpec) -> Gen | None:
        for key, gen in self._entries:
            if _matches(key, field):
                return gen
        return self.parent.find(field) if self.parent is not None else None


def _matches(key: Any, field: FieldSpec) -> bool:
    spec = field.type.inner()
    if isinstance(key, type):
        target = spec.model if spec.kind == "model" else spec.python_type
        return isinstance(target, type) and issubclass(target, key)
    if callable(key):
        return bool(key(field))
    return False


def custom_lookup(
    table: ProviderTable, plugin_provider: Callable[[FieldSpec], Any]
) -> Callable[[str, TypeSpec], Compiled | None]:
    """The ``CompileContext.custom`` callback: the table first, then ``plugin_provider(field)`` (hooks)."""

    def lookup(name: str, spec: TypeSpec) -> Compiled | None:
        field = FieldSpec(name=name, type=spec, input_path=(name,))
        gen = table.find(field)
        if gen is not None:
            return Compiled(gen, "custom.provider")
        found = plugin_provider(field)
        if found is None:
            return None
        return Compiled(as_gen(found), "plugin.forge_field_provider")

    return lookup
