"""Django's side of the adapter contract: ``full_clean`` as validation, the ORM as storage.

``validate`` makes an unsaved instance and runs ``full_clean`` (inside ``forge.build``
without touching the database: no foreign-key, unique or constraint queries);
``save`` saves a validated batch one by one or with ``bulk_create`` where the
database returns the new keys, then sets many-to-many parents.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.django_files import as_file
from pytest_forge.adapters.django_generic import generic_linker
from pytest_forge.errors import UsageError
from pytest_forge.spec import Rejection, Storage, building, rejection_of_plain_error

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from django.db.models import Model

__all__ = ["django_storage", "rejection_reader", "validator", "validators"]

#: how many rows already in a table are offered as parents (the first ones by key)
STORED_PARENTS = 1000
#: where a validated instance keeps its many-to-many parents until it is saved
_PENDING = "_forge_pending_m2m"


def validator(model: type[Model], many: tuple[str, ...]) -> Callable[[dict[str, Any]], Any]:
    """Build an unsaved instance and ``full_clean`` it (a refusal raises Django's ValidationError)."""
    relations = tuple(f.name for f in model._meta.concrete_fields if f.is_relation)
    files = {f.name: f for f in model._meta.concrete_fields if _is_file(f)}
    sets_password = callable(getattr(model, "set_password", None))
    link_generic = generic_linker(model)

    def validate(data: dict[str, Any]) -> Any:
        pending = {name: data.pop(name) for name in many if name in data}
        password = data.pop("password", None) if sets_password else None
        if link_generic is not None and not building():
            link_generic(data)
        for name, field in files.items():
            if isinstance(data.get(name), bytes):
                data[name] = as_file(field, data[name])
        instance = model(**data)
        if password is not None:
            instance.set_password(password)
        chosen = relations if building() else [n for n in relations if isinstance(data.get(n), _model_base())]
        _full_clean(instance, chosen, database=not building())
        if pending:
            instance.__dict__[_PENDING] = pending
        return instance

    return validate


def _full_clean(instance: Any, skip: list[str] | tuple[str, ...], database: bool) -> None:
    """``full_clean`` without the per-key existence query for parents we chose (they exist), and
    without any query at all when building; every refusal is gathered as ``full_clean`` does."""
    from django.core.exceptions import ValidationError

    steps = [lambda: instance.clean_fields(exclude=list(skip)), instance.clean]
    if database:
        steps += [instance.validate_unique, instance.validate_constraints]
    errors: dict[str, Any] = {}
    for step in steps:
        try:
            step()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _is_file(field: Any) -> bool:
    from django.db.models import FileField

    return isinstance(field, FileField)


def _model_base() -> type[Model]:
    from django.db.models import Model

    base: type[Model] = Model
    return base


def rejection_reader(model: type[Model]) -> Callable[[BaseException], Rejection | None]:
    """Reads Django's ValidationError: field errors name fields, ``__all__`` ones the whole record."""
    names = {f.name for f in model._meta.get_fields()}
    by_attname = {getattr(f, "attname", f.name): f.name for f in model._meta.concrete_fields}

    def read(exc: BaseException) -> Rejection | None:
        from django.core.exceptions import ValidationError

        if not isinstance(exc, ValidationError):
            return rejection_of_plain_error(exc)
        if not hasattr(exc, "error_dict"):
            return Rejection({}, "; ".join(exc.messages))
        failing: dict[str, str] = {}
        for key, errors in exc.message_dict.items():
            name = by_attname.get(key, key)
            if name in names:
                failing[name] = "; ".join(errors)
        first = next(iter(exc.message_dict.values()), [str(exc)])
        return Rejection(failing, "; ".join(first))

    return read


def validators(model: type[Model]) -> Callable[[str | None], tuple[str, ...]]:
    """The names of a field's validators (``None``: the model's ``clean``), for error messages."""

    def names(field: str | None) -> tuple[str, ...]:
        if field is None:
            return ("clean",) if "clean" in vars(model) else ()
        try:
            found = model._meta.get_field(field)
        except Exception:
            return ()
        return tuple(getattr(v, "__name__", type(v).__name__) for v in getattr(found, "validators", ()))

    return names


def django_storage(model: type[Model]) -> Storage:
    """Save through the model's default manager, in a transaction on the database it writes to."""

    @contextlib.contextmanager
    def atomic() -> Iterator[None]:
        from django.db import router, transaction

        try:
            with transaction.atomic(using=router.db_for_write(model)):
                yield
        except RuntimeError as exc:  # pytest-django's block on tests without database access
            if "Database access not allowed" not in str(exc):
                raise
            raise _no_database(model) from None

    def save(instances: list[Any], bulk: bool) -> list[Any]:
        if bulk and _can_bulk(model, instances):
            model._default_manager.bulk_create(instances)
        else:
            for instance in instances:
                instance.save(force_insert=True)
        for instance in instances:
            _set_many(instance)
        return instances

    def existing(known: list[Any]) -> list[Any]:
        made = [getattr(record, "pk", None) for record in known]
        rows = model._default_manager.exclude(pk__in=[pk for pk in made if pk is not None])
        return list(rows.order_by("pk")[:STORED_PARENTS])

    return Storage(save=save, atomic=atomic, existing=existing)


def _no_database(model: type[Model]) -> UsageError:
    name = model.__name__
    return UsageError(
        f"forge.create({name}) saves {name} (and its parents) to the database, but this test may not use "
        f"the database: mark it @pytest.mark.django_db (or request the db fixture), or use "
        f"forge.build({name}), which saves nothing",
        model=model,
    )


def _can_bulk(model: type[Model], instances: list[Any]) -> bool:
    """``bulk_create`` only where every saved row gets its key back (MySQL/MariaDB return none)
    and the model is not a multi-table child (Django refuses those)."""
    from django.db import connections, router

    if model._meta.parents:
        return False
    features = connections[router.db_for_write(model)].features
    return bool(features.can_return_rows_from_bulk_insert) or all(i.pk is not None for i in instances)


def _set_many(instance: Any) -> None:
    pending = instance.__dict__.pop(_PENDING, None)
    for name, parents in (pending or {}).items():
        if parents:
            getattr(instance, name).add(*parents)  # a new row has none yet: no read, as set() would do
