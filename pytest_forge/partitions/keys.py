"""Key ranges: which primary keys partition ``p`` of ``P`` owns, and the range a parent's keys span.

Partition ``p`` of a model with ``count`` records owns the keys ``base + p·size … base + (p+1)·size - 1``
(``size = ceil(count / P)``; the last partitions may be shorter or empty), where ``base`` is the first key
the model's integer primary key may take (1, or its ``ge``/``gt`` bound). Every partition, wherever it
runs, knows every other partition's keys without asking anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import UsageError
from pytest_forge.generation.keys import is_primary_key

if TYPE_CHECKING:
    from pytest_forge.spec import FieldSpec, ModelSpec

__all__ = ["KeyRange", "check_partition", "key_base", "partition_keys", "primary_key_field"]


@dataclass(frozen=True, slots=True)
class KeyRange:
    """The integer keys ``first … last`` (empty when ``last < first``)."""

    first: int
    last: int

    def __len__(self) -> int:
        return max(0, self.last - self.first + 1)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, int) and self.first <= key <= self.last


def check_partition(index: Any, of: Any, count: Any) -> None:
    """A UsageError naming the keyword when ``index``/``of``/``count`` cannot describe a partition."""
    for name, value, low in (("of", of, 1), ("index", index, 0), ("count", count, 0)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise UsageError(f"partition({name}=...) must be an int >= {low}, got {value!r}")
    if index >= of:
        raise UsageError(f"partition(index={index}) must be below of={of} (partitions are 0 … {of - 1})")


def partition_size(count: int, of: int) -> int:
    """Records per partition (the last ones hold what is left)."""
    return -(-count // of)


def partition_keys(base: int, count: int, index: int, of: int) -> KeyRange:
    """The keys partition ``index`` of ``of`` owns when the model has ``count`` records from ``base``."""
    size = partition_size(count, of)
    first = base + index * size
    last = min(first + size, base + count) - 1
    return KeyRange(first, last)


def primary_key_field(spec: ModelSpec) -> FieldSpec | None:
    """The model's top-level primary key (``id`` or tagged ``PrimaryKey``), if any."""
    return next((f for f in spec.fields if is_primary_key(f)), None)


def key_base(spec: ModelSpec) -> int:
    """The first key an integer primary key takes: 1, or above its ``ge``/``gt`` bound."""
    field = primary_key_field(spec)
    if field is None or field.type.inner().kind != "int":
        return 1
    inner = field.type.inner()
    start = 1
    if inner.ge is not None:
        start = max(start, int(inner.ge))
    if inner.gt is not None:
        start = max(start, int(inner.gt) + 1)
    return start
