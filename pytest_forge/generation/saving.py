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

    from pytest_forge.generation.overrides import Override
    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.spec import ModelSpec

__all__ = ["atomic", "building", "finish_batch", "unsaved"]

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


def finish_batch(
    plan: ModelPlan, records: list[dict[str, Any]], overrides: dict[str, Override], bulk: bool
) -> list[Any]:
    """Validate every record into an instance and save it through the adapter, if it stores models.

    One by one, each instance is saved before the next is validated, so the model's own checks
    (Django's ``validate_unique``) see the rows this batch made; ``bulk`` validates the whole
    batch, then saves it in one statement where the adapter can.
    """
    from pytest_forge.generation.builder import finish_record

    storage = plan.spec.storage
    if storage is None or building():
        return [finish_record(plan, record, overrides) for record in records]
    if bulk:
        return storage.save([finish_record(plan, record, overrides) for record in records], True)
    return [storage.save([finish_record(plan, record, overrides)], False)[0] for record in records]
