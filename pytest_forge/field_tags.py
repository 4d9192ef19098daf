"""Tags a user puts in ``Annotated[...]`` to tell the engine more than the type says.

``Annotated[int, ForeignKey(Customer)]``, ``Annotated[int, PrimaryKey]``,
``Annotated[str, Unique]`` and the sensitivity overrides ``Sensitive``,
``Dangerous`` and ``Safe``. The bare names work as well as called ones
(``Unique`` and ``Unique()`` mean the same).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Dangerous", "ForeignKey", "NotUnique", "PrimaryKey", "Safe", "Sensitive", "Unique"]


@dataclass(frozen=True, slots=True)
class ForeignKey:
    """The field holds the key of a record of ``model`` (a class, or its name as a string)."""

    model: Any
    field: str = "id"

    @property
    def model_name(self) -> str:
        """The target model's class name (what the registry is keyed by)."""
        return self.model if isinstance(self.model, str) else str(self.model.__name__)


@dataclass(frozen=True, slots=True)
class _Flag:
    name: str

    def __call__(self) -> _Flag:
        return self

    def __repr__(self) -> str:
        return self.name


PrimaryKey = _Flag("PrimaryKey")
Unique = _Flag("Unique")
#: a natural key (``email``, ``username``, ``slug``, ``sku`` ...) that may repeat: not unique by default
NotUnique = _Flag("NotUnique")
Sensitive = _Flag("Sensitive")
Dangerous = _Flag("Dangerous")
Safe = _Flag("Safe")
