"""Options of a Forge and of one ``create`` call, kept apart from field overrides."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CALL_OPTIONS", "CallOptions", "GenerationOptions"]

#: keywords of create/create_batch that are options, not field overrides
CALL_OPTIONS = ("field_values", "none_p")


@dataclass(slots=True)
class GenerationOptions:
    """Settings generators read while drawing (mutable for the duration of one call)."""

    none_p: float = 0.1

    @contextlib.contextmanager
    def scoped(self, none_p: float | None) -> Iterator[None]:
        """Use ``none_p`` for one call, then restore the Forge's default."""
        if none_p is None:
            yield
            return
        saved, self.none_p = self.none_p, none_p
        try:
            yield
        finally:
            self.none_p = saved


@dataclass(slots=True)
class CallOptions:
    """A create/create_batch call's keywords: options by name, everything else a field override."""

    overrides: dict[str, Any] = field(default_factory=dict)
    none_p: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def split(cls, kwargs: dict[str, Any], option_names: tuple[str, ...] = ()) -> CallOptions:
        """Separate options from overrides; ``field_values`` overrides fields named like options."""
        kwargs = dict(kwargs)
        field_values = kwargs.pop("field_values", None) or {}
        if not isinstance(field_values, dict):
            raise TypeError(f"field_values must be a dict of field name to value, got {field_values!r}")
        none_p = kwargs.pop("none_p", None)
        if none_p is not None and (isinstance(none_p, bool) or not 0 <= none_p <= 1):
            raise ValueError(f"none_p must be a probability between 0 and 1, got {none_p!r}")
        extra = {name: kwargs.pop(name) for name in option_names if name in kwargs}
        return cls(overrides={**kwargs, **field_values}, none_p=none_p, extra=extra)
