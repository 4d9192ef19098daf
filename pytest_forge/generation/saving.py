"""Saving what ``create`` makes, for models that live in a database; ``build`` saves nothing.

Whether the running call saves travels with the call in a context variable (``spec.building``,
part of the adapter contract, since adapters read it): a parent
made for a foreign key inside ``forge.build(...)`` is built (unsaved) too, and a call
on another thread or task is never affected.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from pytest_forge.spec import building, unsaved

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.generation.builder import Mend
    from pytest_forge.generation.overrides import Override
    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.spec import ModelSpec

__all__ = ["atomic", "building", "finish_batch", "unsaved"]


def atomic(spec: ModelSpec, bulk: bool = False) -> contextlib.AbstractContextManager[Any]:
    """The adapter's transaction around one call (nothing for models without storage, or when building)."""
    if spec.storage is None or building():
        return contextlib.nullcontext()
    return spec.storage.atomic(bulk)


def finish_batch(
    plan: ModelPlan,
    records: list[dict[str, Any]],
    overrides_of: Callable[[int], dict[str, Override]],
    bulk: bool,
    mend: Mend | None = None,
) -> list[Any]:
    """Validate every record into an instance and save it through the adapter, if it stores models.

    ``overrides_of(i)`` gives record ``i``'s held values (call overrides and the domain rules it meets).

    One by one, each instance is saved before the next is validated, so the model's own checks
    (Django's ``validate_unique``) see the rows this batch made; ``bulk`` validates the whole
    batch, then saves it in one statement where the adapter can. ``mend``: what the call does to a
    record its model refused as a whole (generation/builder.py).
    """
    from pytest_forge.generation.builder import finish_record

    storage = plan.spec.storage
    if storage is not None and storage.save_one is not None and not bulk and not building():
        commit = storage.save_one  # saved inside the re-draw loop: a refusal of save() re-draws the record
        return [
            finish_record(plan, record, overrides_of(i), commit, mend) for i, record in enumerate(records)
        ]
    finished = (finish_record(plan, record, overrides_of(i), None, mend) for i, record in enumerate(records))
    if storage is None or building():
        return list(finished)
    if bulk:
        return storage.save(list(finished), True)
    return [storage.save([instance], False)[0] for instance in finished]
