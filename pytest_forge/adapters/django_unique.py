"""``full_clean``'s unique and constraint checks, without a query for what the engine already settled.

The engine claims every value of a model's unique fields and plain ``unique_together`` /
unconditional ``UniqueConstraint`` groups in its registry, after claiming the values the
database already holds (``stored_values``, read once per outermost call): those groups cannot
collide, so Django's one query per group and row is skipped for them. Every other check
(conditional constraints, groups with a foreign key, ``unique_for_date``, check constraints,
inherited fields) runs as ``full_clean`` runs it. A one-to-one whose parent the running call
has just saved, and given to no other row, needs no query either. On databases whose text comparison is not
exact (MySQL/MariaDB collations ignore case and trailing spaces) every check runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.django_saving import fresh_parent, read_once

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.db.models import Model

__all__ = ["settled_groups", "stored_values", "unique_checker"]

#: databases that compare the values of a unique column exactly as Python does
_EXACT = frozenset({"sqlite", "postgresql"})


def settled_groups(model: type[Model], together: tuple[tuple[str, ...], ...]) -> frozenset[frozenset[str]]:
    """The field groups whose uniqueness the engine settles (own, plain, exactly compared fields)."""
    meta = model._meta
    concrete = meta.concrete_model
    singles = [
        (f.name,)
        for f in meta.concrete_fields
        if f.unique and not f.primary_key and not f.is_relation and f.model is concrete and _exact(f)
    ]
    groups = [g for g in together if all(_exact(meta.get_field(name)) for name in g)]
    return frozenset(frozenset(g) for g in (*singles, *groups))


def _exact(field: Any) -> bool:
    return not getattr(field, "db_collation", None)


def unique_checker(model: type[Model], settled: frozenset[frozenset[str]]) -> Callable[[Any], dict[str, Any]]:
    """``validate_unique`` then ``validate_constraints`` of an instance, the settled groups left out;
    returns Django's error dict (empty when the row passes)."""
    #: per database alias: the unique checks, date checks and constraints left once settled ones go
    left: dict[str, tuple[list[Any], list[Any], list[tuple[Any, Any]]]] = {}

    def checks(instance: Any, alias: str) -> tuple[list[Any], list[Any], list[tuple[Any, Any]]]:
        from django.db import connections

        if alias not in left:
            skip = settled if connections[alias].vendor in _EXACT else frozenset()
            unique, dates = instance._get_unique_checks()
            kept = [(cls, names) for cls, names in unique if frozenset(names) not in skip]
            constraints = [
                (model_class, constraint)
                for model_class, listed in instance.get_constraints()
                for constraint in listed
                if not _settled(constraint, skip)
            ]
            left[alias] = (kept, list(dates), constraints)
        return left[alias]

    from django.core.exceptions import ValidationError
    from django.db import DEFAULT_DB_ALIAS, router

    def check(instance: Any) -> dict[str, Any]:
        # no routers: what db_for_write answers for a row (its own database, else the default)
        alias = (instance._state.db or DEFAULT_DB_ALIAS) if not router.routers else None
        alias = alias or router.db_for_write(model, instance=instance)
        unique, dates, constraints = checks(instance, alias)
        unique = [(cls, names) for cls, names in unique if not _new_parent(instance, cls, names)]
        errors: dict[str, Any] = instance._perform_unique_checks(unique) if unique else {}
        if dates:
            for key, found in instance._perform_date_checks(dates).items():
                errors.setdefault(key, []).extend(found)
        for model_class, constraint in constraints:
            try:
                constraint.validate(model_class, instance, using=alias)
            except ValidationError as exc:
                fields: tuple[str, ...] = tuple(getattr(constraint, "fields", ()))
                if getattr(exc, "code", None) == "unique" and len(fields) == 1:
                    errors.setdefault(fields[0], []).append(exc)
                else:
                    errors = exc.update_error_dict(errors)
        return errors

    return check


def _new_parent(instance: Any, model: Any, names: tuple[str, ...]) -> bool:
    """A one-field unique relation (a one-to-one) whose parent this call made and gave no other row."""
    if len(names) != 1:
        return False
    relation = model._meta.get_field(names[0])
    if not relation.is_relation or not relation.is_cached(instance):
        return False
    parent = relation.get_cached_value(instance)
    return parent is not None and fresh_parent(relation, parent)


def _settled(constraint: Any, skip: frozenset[frozenset[str]]) -> bool:
    from django.db.models import UniqueConstraint

    return (
        isinstance(constraint, UniqueConstraint)
        and constraint.condition is None
        and not constraint.expressions
        and frozenset(constraint.fields) in skip
    )


def stored_values(model: type[Model]) -> Callable[[tuple[str, ...]], list[tuple[Any, ...]]]:
    """The values a group of fields holds in the table (every row, through the base manager, so a
    filtering default manager hides none), once per outermost call."""

    def read(fields: tuple[str, ...]) -> list[tuple[Any, ...]]:
        if not read_once((model, fields)):
            return []
        names = [model._meta.get_field(name).name for name in fields]
        return list(model._base_manager.values_list(*names))

    return read
