"""Relationships holding a saved parent as a loaded value sit out the flush that inserts their rows.

The adapter sets ``order.customer`` to a parent persistent in the session the order is saved
into as a *loaded* value, with ``order.customer_id`` already holding the parent's key
(:mod:`pytest_forge.adapters.sqlalchemy_loaded`). Such a value has nothing for the flush to
do, yet the flush would still cascade to the parent and read the attribute's history for
each row. So it is lifted from the instance just before ``add_all``/``flush`` and put back,
as the same loaded value, right after: the INSERT is the same (the key column is an
ordinary attribute), and afterwards the instance is what a row loaded from the database is.
"""

from __future__ import annotations

from typing import Any

__all__ = ["lift_loaded", "restore_loaded"]

Lifted = list[tuple[Any, str, Any]]


def lift_loaded(instances: list[Any], names: tuple[str, ...], session_key: Any) -> Lifted:
    """Take the loaded saved parents of new ``instances`` off their ``names`` attributes."""
    lifted: Lifted = []
    if session_key is None:
        return lifted
    for instance in instances:
        state = getattr(instance, "_sa_instance_state", None)
        if state is None or state.key is not None:
            continue  # not a new row
        values, changed = state.dict, state.committed_state
        for name in names:
            parent = values.get(name)
            if parent is None or name in changed:
                continue  # unset, or set the ordinary way (its history is the flush's business)
            parent_state = getattr(parent, "_sa_instance_state", None)
            if parent_state is None or parent_state.key is None or parent_state.session_id != session_key:
                continue
            del values[name]
            lifted.append((instance, name, parent))
    return lifted


def restore_loaded(lifted: Lifted) -> None:
    """Put the lifted parents back as loaded values."""
    if not lifted:
        return
    from sqlalchemy.orm.attributes import set_committed_value

    for instance, name, parent in lifted:
        set_committed_value(instance, name, parent)
