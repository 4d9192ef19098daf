"""Optional self-references inside one batch: later records may point at earlier ones.

A ``parent_id: Annotated[int | None, ForeignKey("Folder")]`` field picks among registered
folders; in the first batch none is registered yet, so without this step every folder of the
batch would be a root. Records after the first point at an earlier record of the same batch
(the none_p share stay roots), drawn from the field's own stream so the tree is reproducible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.relations.foreign_keys import FieldLink
    from pytest_forge.relations.registry import Registry

__all__ = ["batch_self_links", "link_within_batch"]


def batch_self_links(links: dict[str, FieldLink]) -> tuple[FieldLink, ...]:
    """The optional, single-key references of a model to itself."""
    return tuple(link for link in links.values() if link.self_ref and link.optional and not link.many)


def link_within_batch(
    plan: ModelPlan,
    records: list[dict[str, Any]],
    links: tuple[FieldLink, ...],
    skip: set[str],
    registry: Registry,
    none_p: float,
) -> None:
    """Point records after the first at earlier ones when no record of the model is registered."""
    if len(records) < 2 or registry.size(plan.name):
        return
    for link in links:
        fp = next((fp for fp in plan.fields if fp.name == link.field), None)
        if fp is None or link.field in skip or link.key not in plan.spec.by_name:
            continue
        for index in range(1, len(records)):
            if records[index].get(link.field) is None and fp.rng.random() >= none_p:
                parent = records[int(fp.rng.random() * index)]
                records[index][link.field] = parent.get(link.key)
