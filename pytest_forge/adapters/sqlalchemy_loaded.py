"""A parent already saved in the session a new child is saved into, linked the way a loaded row is.

Setting ``order.customer = customer`` fires SQLAlchemy's attribute events: the save-update
cascade (a no-op for a parent already in that session), the backref (appending to
``customer.orders``), and history the flush then reads to copy ``customer.id`` into
``order.customer_id``. When the builder has already set ``customer_id`` to that key (an
ordinary, evented column set the INSERT reads), the relationship can hold its parent as a
*loaded* value instead (``set_committed_value``, what SQLAlchemy's lazy loader does): the
row saved is the same, ``order.customer`` is the parent, and ``customer.orders``, when next
read, is loaded from the database with the new row in it.

Only where that is the whole story: the parent is persistent in the very session the child
is saved into, its side of the relationship (``customer.orders``) is not loaded (a loaded
collection would miss the child), the child's key columns hold the parent's key, no
``@validates`` hook or other listener watches the attribute, and the relationship is not a
``post_update`` one. Anything else is set the ordinary way. The child then looks exactly
like a row loaded from the database (delete-orphan cascades treat both alike).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pytest_forge.adapters.sqlalchemy_keys import KeyLink

__all__ = ["LoadedLink", "loaded_links"]

#: SQLAlchemy's own listeners on a many-to-one attribute, which a loaded value needs not run:
#: the save-update cascade (the parent is in the session already) and the backref (its
#: collection is not loaded, so it loads the child from the database when read)
_OWN_LISTENERS = frozenset(
    {
        ("sqlalchemy.orm.unitofwork", "set_"),
        ("sqlalchemy.orm.attributes", "emit_backref_from_scalar_set_event"),
    }
)


class LoadedLink:
    """A many-to-one relationship that may hold a saved parent as a loaded value."""

    __slots__ = ("_dispatch", "_listeners", "field", "pairs", "reverse")

    def __init__(
        self, field: str, pairs: tuple[tuple[str, str], ...], dispatch: Any, reverse: tuple[str, ...]
    ) -> None:
        self.field = field
        #: (this instance's key attribute, the parent's attribute)
        self.pairs = pairs
        #: the parent's attributes pointing back at this model (``Customer.orders``)
        self.reverse = reverse
        self._dispatch = dispatch
        # how many listeners the attribute has, all SQLAlchemy's own (-1: another one watches it);
        # a listener added or removed later changes the count, and the ordinary way is taken
        own = all((fn.__module__, fn.__name__) in _OWN_LISTENERS for fn in dispatch.set)
        self._listeners = len(dispatch.set) if own else -1

    def applies(self, parent: Any, data: dict[str, Any], session_key: Any) -> bool:
        """True when ``parent`` is persistent in the session the record is saved into, its reverse
        side is not loaded and the record's key columns hold its key."""
        state = getattr(parent, "_sa_instance_state", None)
        if state is None or state.session_id != session_key or not state.persistent:
            return False
        loaded = state.dict
        for key in self.reverse:
            if key in loaded:
                return False
        for local, remote in self.pairs:
            if data.get(local) != loaded.get(remote, _UNKNOWN):
                return False
        return len(self._dispatch.set) == self._listeners


_UNKNOWN = object()


def loaded_links(mapper: Any, links: Iterable[KeyLink]) -> dict[str, LoadedLink]:
    """The relationship links of ``mapper`` whose saved parents may be set as loaded values."""
    found = {}
    for link in links:
        prop = mapper.relationships.get(link.field) if link.relationship else None
        if prop is None or prop.post_update:
            continue  # its flush writes the key in a second statement: left to it
        reverse = tuple(getattr(prop, "_reverse_property", ()) or ())
        dispatch = mapper.class_manager[link.field].impl.dispatch
        found[link.field] = LoadedLink(link.field, link.pairs, dispatch, tuple(o.key for o in reverse))
    return found
