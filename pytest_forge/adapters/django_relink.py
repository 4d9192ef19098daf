"""Closing a cycle of required keys on Django rows: saved with a key empty, then pointed at its parent.

``Charge.invoice`` and ``Invoice.charge`` are ``null=True`` (the columns accept NULL) but not
``blank``, so ``full_clean`` wants both. The engine (relations/cycle_closing.py) draws the key that
closes the cycle as ``LATER``: the row is checked without it and saved with it empty
(:func:`saved_empty`), and once the parent is saved :func:`relink` sets the key, runs the model's
``full_clean`` on the finished row and saves the keys, inside the call's transaction
(inside ``forge.build`` it only links the unsaved rows).
"""

from __future__ import annotations

from typing import Any

from pytest_forge.adapters.django_saving import held_back, note_relinked
from pytest_forge.errors import UsageError, ValidationRejectedError
from pytest_forge.field_tags import LATER
from pytest_forge.spec import building

__all__ = ["relink", "saved_empty"]


def saved_empty(data: dict[str, Any], relations: tuple[str, ...]) -> list[str]:
    """The relations drawn as ``LATER``, set to None in ``data`` (they are not checked now)."""
    later = [name for name in relations if data.get(name) is LATER]
    for name in later:
        data[name] = None
    return later


def relink(instance: Any, parents: dict[str, Any]) -> None:
    """Point a saved row's keys at ``parents``, ``full_clean`` the finished row and save those keys."""
    from django.core.exceptions import ValidationError

    model = type(instance)
    names = ", ".join(parents)
    if building():  # forge.build: linked in memory, checked as built rows are (without relations)
        for name, parent in parents.items():
            setattr(instance, name, parent)
        return
    if held_back(instance) or instance.pk is None:
        raise UsageError(
            f"{model.__name__}.{names} closes a cycle of required keys, which needs its rows saved one "
            f"by one: drop bulk=True, or create a {model.__name__} first",
            model=model,
            field=next(iter(parents)),
        )
    for name, parent in parents.items():
        setattr(instance, name, parent)
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise ValidationRejectedError(
            f"{model.__name__}.{names} was set after saving to close a cycle of required keys, and "
            f"full_clean() refused the finished row: {'; '.join(exc.messages)}",
            model=model,
            field=next(iter(parents)),
        ) from exc
    instance.save(update_fields=list(parents))
    note_relinked(instance)
