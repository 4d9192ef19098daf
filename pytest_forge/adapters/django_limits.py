"""Django's ``limit_choices_to`` on a foreign key as the relation's own parent filter.

A plain dict of field values is checked in Python and given to the parents the
Forge makes; a ``Q`` (or a dict with lookups such as ``age__gte``) is checked by
the database, once per candidate, and cannot be given to new parents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.spec import building

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["parent_limit"]


def parent_limit(field: Any) -> tuple[Callable[[Any], bool] | None, tuple[tuple[str, Any], ...]]:
    """``(accept, values)`` for a relation field: None and () when it has no ``limit_choices_to``."""
    limit = field.remote_field.limit_choices_to
    if callable(limit):
        limit = limit()
    if not limit:
        return None, ()
    target = field.related_model
    if isinstance(limit, dict) and all(_plain(target, key) for key in limit):
        values = tuple(limit.items())
        return _matches(values), values
    return _queried(target, limit), ()


def _plain(model: Any, key: str) -> bool:
    names = {f.name for f in model._meta.concrete_fields} | {f.attname for f in model._meta.concrete_fields}
    return "__" not in key and key in names


def _matches(values: tuple[tuple[str, Any], ...]) -> Callable[[Any], bool]:
    def accept(parent: Any) -> bool:
        return all(getattr(parent, name, None) == value for name, value in values)

    return accept


def _queried(model: Any, limit: Any) -> Callable[[Any], bool]:
    from django.db.models import Q

    condition = limit if isinstance(limit, Q) else Q(**limit)

    def accept(parent: Any) -> bool:
        if building() or parent.pk is None:
            return True  # forge.build does not touch the database
        return bool(model._default_manager.filter(condition, pk=parent.pk).exists())

    return accept
