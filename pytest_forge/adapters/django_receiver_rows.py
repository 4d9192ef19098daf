"""Rows a parent's ``post_save`` receiver made along with it: the drawn row becomes that row.

Apps often give every new user a settings or profile row from a receiver (django-helpdesk's
``UserSettings``: ``post_save`` of the user model creates one per new user). A drawn row whose
one-to-one parent the running call has just made would then collide with it (the relation is
unique), and every other parent would too. So before validation the drawn row takes the key of
the row the receiver made: ``full_clean``'s unique checks see it as that row, and saving updates
it with the drawn values. (A one-to-one that is the primary key needs none of this: its key is
the parent's, and ``save`` updates; adapters/django_plain.py ``key_is_its_parent``.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.django_saving import fresh_parent

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["receiver_row_taker"]


def receiver_row_taker(model: Any) -> Callable[[Any], None] | None:
    """For a model with one-to-one relations besides its key: the step that gives an instance the key of
    the row a receiver made for its new parent (None: no such relation)."""
    relations = tuple(
        f
        for f in model._meta.concrete_fields
        if f.is_relation and f.unique and not f.primary_key and f.related_model is not model
    )
    if not relations:
        return None

    def take(instance: Any) -> None:
        from django.db.models.signals import post_save

        for relation in relations:
            if not relation.is_cached(instance):
                continue
            parent = relation.get_cached_value(instance)
            if parent is None or not fresh_parent(relation, parent):
                continue
            if not post_save.has_listeners(type(parent)):
                continue  # no receiver: no row can hold a parent this call has just made
            found = model._base_manager.filter(**{relation.attname: parent.pk}).values_list("pk", flat=True)
            key = found.first()
            if key is not None:
                instance.pk = key
                instance._state.adding = False
                return

    return take
