"""Saving what ``create`` makes, for models that live in a database; ``build`` saves nothing.

Whether the running call saves travels with the call in a context variable: a parent
made for a foreign key inside ``forge.build(...)`` is built (unsaved) too, and a call
on another thread or task is never affected.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytest_forge.spec import ModelSpec

__all__ = ["atomic", "building", "save", "unsaved"]

_BUILDING: ContextVar[bool] = ContextVar("forge_building", default=False)


def building() -> bool:
    """True inside :func:`unsaved` (``forge.build``): adapters validate without the database."""
    return _BUILDING.get()


@contextlib.contextmanager
def unsaved() -> Iterator[None]:
    """Calls made inside this block (in this context only) build instances and save nothing."""
    token = _BUILDING.set(True)
    try:
        yield
    finally:
        _BUILDING.reset(token)


def atomic(spec: ModelSpec) -> contextlib.AbstractContextManager[Any]:
    """The adapter's transaction around one call (nothing for models without storage, or when building)."""
    if spec.storage is None or building():
        return contextlib.nullcontext()
    return spec.storage.atomic()


def save(spec: ModelSpec, instances: list[Any], bulk: bool) -> list[Any]:
    """Save validated instances through the adapter (``bulk``: in one statement where it can)."""
    if spec.storage is None or building():
        return instances
    return spec.storage.save(instances, bulk)
