"""Parents whose keys the database has not assigned yet, remembered on the child until it is saved.

The adapter copies a parent's key into a child's foreign-key columns when the child is
built; a parent made in memory (its autoincrement key still None) is remembered on the
child under :data:`PENDING_PARENTS`, and :func:`settle_pending` saves such parents first
and copies their keys, just before the children are flushed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["PENDING_PARENTS", "remember_pending", "settle_pending"]

_NONE: dict[str, Any] = {}

#: the instance attribute holding ``[(parent, ((column attribute, parent attribute), ...)), ...]``
PENDING_PARENTS = "_forge_pending_parents"


def remember_pending(instance: Any, pending: list[tuple[Any, tuple[tuple[str, str], ...]]]) -> None:
    """Keep the parents whose keys ``instance`` still needs."""
    if pending:
        object.__setattr__(instance, PENDING_PARENTS, pending)


def settle_pending(instances: Iterable[Any], session: Any) -> None:
    """Save the remembered parents in ``session`` (one flush) and copy their keys into the children."""
    waiting = [
        (child, pending)
        for child in instances
        if (pending := getattr(child, "__dict__", _NONE).get(PENDING_PARENTS)) is not None
    ]
    if not waiting:
        return
    session.add_all({id(parent): parent for _, pending in waiting for parent, _ in pending}.values())
    session.flush()
    for child, pending in waiting:
        for parent, pairs in pending:
            for local, remote in pairs:
                if getattr(child, local) is None:
                    setattr(child, local, getattr(parent, remote))
        object.__delattr__(child, PENDING_PARENTS)
