"""The record registry: what a Forge has made, per model, for foreign keys and unique keys.

A registry may sit on a parent (the pytest session's registry under each test's):
lookups see both, writes stay in the child, and ``clear()`` empties only the child.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Registry"]


class Registry:
    """Records and claimed keys per model class name."""

    def __init__(self, parent: Registry | None = None) -> None:
        self.parent = parent
        self._records: dict[str, list[Any]] = {}
        self._keys: dict[tuple[str, str], set[Any]] = {}
        self._counters: dict[tuple[str, str], int] = {}
        self._lock = threading.RLock()

    def add(self, model_name: str, instances: list[Any]) -> None:
        """Register made records so later children can point at them."""
        with self._lock:
            self._records.setdefault(model_name, []).extend(instances)

    def records(self, model_name: str) -> list[Any]:
        """Every record of ``model_name``, the parent's first."""
        own = self._records.get(model_name, [])
        if self.parent is None:
            return list(own)
        return [*self.parent.records(model_name), *own]

    def size(self, model_name: str) -> int:
        """How many records of ``model_name`` there are (the parent's included), without copying them."""
        own = len(self._records.get(model_name, ()))
        return own if self.parent is None else own + self.parent.size(model_name)

    def record_at(self, model_name: str, index: int) -> Any:
        """The ``index``-th record of :meth:`records`, without copying the list (keys pick by index)."""
        if self.parent is not None:
            inherited = self.parent.size(model_name)
            if index < inherited:
                return self.parent.record_at(model_name, index)
            index -= inherited
        return self._records[model_name][index]

    def known(self, model_name: str) -> bool:
        """True when records of this model exist here or in the parent."""
        return bool(self._records.get(model_name)) or (
            self.parent is not None and self.parent.known(model_name)
        )

    def counts(self) -> dict[str, int]:
        """Records per model (the parent's included)."""
        totals = dict(self.parent.counts()) if self.parent is not None else {}
        for name, items in self._records.items():
            totals[name] = totals.get(name, 0) + len(items)
        return {name: count for name, count in totals.items() if count}

    def own_records(self) -> dict[str, list[Any]]:
        """Only the records made through this registry (not the parent's)."""
        return {name: list(items) for name, items in self._records.items() if items}

    def taken(self, model_name: str, field: str, value: Any) -> bool:
        """True when ``value`` is already a key of that model's field here or in the parent."""
        if value in self._keys.get((model_name, field), ()):
            return True
        return self.parent is not None and self.parent.taken(model_name, field, value)

    def claim(self, model_name: str, field: str, value: Any) -> bool:
        """Claim a unique value; False when it was already taken."""
        with self._lock:
            if self.taken(model_name, field, value):
                return False
            self._keys.setdefault((model_name, field), set()).add(value)
            return True

    def next_int(self, model_name: str, field: str, start: int = 1) -> int:
        """The next free integer key, counting up from ``start`` (skipping claimed ones)."""
        with self._lock:
            slot = (model_name, field)
            parent = self.parent
            value = self._counters.get(slot, start)
            if parent is not None:
                value = max(value, self._parent_counter(slot, start))
            elif value < start:
                value = start
            keys = self._keys.get(slot)
            if keys is None:
                keys = self._keys[slot] = set()
            while value in keys or (parent is not None and parent.taken(model_name, field, value)):
                value += 1
            self._counters[slot] = value + 1
            keys.add(value)
            return value

    def continue_after(self, model_name: str, field: str, last: int) -> None:
        """Make :meth:`next_int` hand out keys after ``last`` (rows already in a table, streamed rows).

        One counter per (model, field): O(1), where claiming every earlier key would cost memory per key.
        """
        with self._lock:
            slot = (model_name, field)
            self._counters[slot] = max(self._counters.get(slot, 1), last + 1)

    def _parent_counter(self, slot: tuple[str, str], start: int) -> int:
        parent = self.parent
        while parent is not None:
            if slot in parent._counters:
                return parent._counters[slot]
            parent = parent.parent
        return start

    def clear(self) -> None:
        """Forget this registry's own records, keys and counters (the parent's stay)."""
        with self._lock:
            self._records.clear()
            self._keys.clear()
            self._counters.clear()

    def discard(self, drop: Callable[[Any], bool]) -> None:
        """Forget this registry's own records for which ``drop(record)`` is true (the parent's stay)."""
        with self._lock:
            for items in self._records.values():
                items[:] = [record for record in items if not drop(record)]

    def mark(self) -> dict[str, int]:
        """How many records of each model this registry holds now (for :meth:`rewind`)."""
        with self._lock:
            return {name: len(items) for name, items in self._records.items()}

    def rewind(self, mark: dict[str, int]) -> None:
        """Forget the records added since ``mark`` (a saving call that rolled back: they are not stored)."""
        with self._lock:
            for name, items in self._records.items():
                del items[mark.get(name, 0) :]
