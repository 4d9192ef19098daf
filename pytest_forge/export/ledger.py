"""Keys without records: what a stream registers, so memory stays flat however many rows it makes.

A :class:`KeyLedger` stands in for a Forge's registry while a stream draws its
records. Records of the streamed model are dropped, its integer keys are kept as
one range (a counter), and everything else — other models' records (parents made
on the way), unique values, lookups — goes to the real registry underneath.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pytest_forge.relations.registry import Registry

__all__ = ["KeyLedger"]


class KeyLedger:
    """A registry stand-in for one streamed model: its records are not kept, its int keys are a range."""

    def __init__(self, registry: Registry, model_name: str) -> None:
        self.parent = registry
        self.model_name = model_name
        self._ranges: dict[str, tuple[int, int]] = {}

    def add(self, model_name: str, instances: list[Any]) -> None:
        """Parents made along the way are kept; the streamed model's records are not."""
        if model_name != self.model_name:
            self.parent.add(model_name, instances)

    def next_int(self, model_name: str, field: str, start: int = 1) -> int:
        """The next key after the last one issued (the first comes from the real registry)."""
        if model_name != self.model_name:
            return self.parent.next_int(model_name, field, start)
        span = self._ranges.get(field)
        if span is None:
            value = self.parent.next_int(model_name, field, start)
            self._ranges[field] = (value, value + 1)
            return value
        value = max(span[1], start)
        while self.parent.taken(model_name, field, value):
            value += 1
        self._ranges[field] = (span[0], value + 1)
        return value

    def taken(self, model_name: str, field: str, value: Any) -> bool:
        """Keys inside the issued range are taken, as are the real registry's."""
        span = self._ranges.get(field) if model_name == self.model_name else None
        if span is not None and isinstance(value, int) and span[0] <= value < span[1]:
            return True
        return self.parent.taken(model_name, field, value)

    def claim(self, model_name: str, field: str, value: Any) -> bool:
        """Unique values are claimed in the real registry (taken ones in the range refused first)."""
        if self.taken(model_name, field, value):
            return False
        return self.parent.claim(model_name, field, value)

    def settle(self) -> None:
        """Move the real registry's counters past every key issued, so later records never reuse one."""
        for field, (_, stop) in self._ranges.items():
            self.parent.continue_after(self.model_name, field, stop - 1)

    def __getattr__(self, name: str) -> Any:
        # Lookups (records, known, counts, ...) see the real registry: parents stay visible.
        return getattr(self.parent, name)
