"""Django's side of the adapter contract: ``full_clean`` as validation, the ORM as storage.

``validate`` makes an unsaved instance and runs ``full_clean`` (inside ``forge.build``
without touching the database: no foreign-key, unique or constraint queries);
``save`` saves a validated batch one by one or with ``bulk_create`` where the
database returns the new keys, then sets many-to-many parents.
"""

from __future__ import annotations

import functools
import hashlib
from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.django_clean import fields_cleaner
from pytest_forge.adapters.django_fields import range_field
from pytest_forge.adapters.django_files import FILLED, as_file, as_path
from pytest_forge.adapters.django_generic import generic_linker, generic_values
from pytest_forge.adapters.django_receiver_rows import receiver_row_taker
from pytest_forge.adapters.django_relink import relink, saved_empty
from pytest_forge.adapters.django_saving import PENDING_M2M, call_atomic, save_one, save_rows
from pytest_forge.adapters.django_trees import own_content_type, tree_placer
from pytest_forge.adapters.django_unique import settled_groups, stored_values, unique_checker
from pytest_forge.errors import ConstraintError
from pytest_forge.spec import Rejection, Storage, building, rejection_of_plain_error

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from django.db.models import Model

__all__ = ["django_storage", "rejection_reader", "validator", "validators"]

#: how many rows already in a table are offered as parents (the first ones by key)
STORED_PARENTS = 1000


def validator(
    model: type[Model], many: tuple[str, ...], together: tuple[tuple[str, ...], ...]
) -> Callable[[dict[str, Any]], Any]:
    """Build an unsaved instance and ``full_clean`` it (a refusal raises Django's ValidationError)."""
    own_full_clean, own_fields, own_unique = _own_steps(model)
    check_unique = (
        _model_unique_check if own_unique else unique_checker(model, settled_groups(model, together))
    )
    clean_fields = _model_clean_fields if own_fields else fields_cleaner(model)
    relations = tuple(f.name for f in model._meta.concrete_fields if f.is_relation)
    files = {f.name: f for f in model._meta.concrete_fields if _is_file(f)}
    ranges = {f.name: f for f in model._meta.concrete_fields if range_field(f)}
    paths = {f.name: f for f in model._meta.concrete_fields if f.get_internal_type() == "FilePathField"}
    addresses = tuple(f.name for f in model._meta.concrete_fields if _is_address(f))
    sets_password = callable(getattr(model, "set_password", None))
    link_generic = generic_linker(model)
    take_generic = generic_values(model)
    place = tree_placer(model)
    construct = _constructor(model)
    own_type = own_content_type(model) if place is not None else None
    take_receiver_row = receiver_row_taker(model)

    def validate(data: dict[str, Any]) -> Any:
        built = building()
        pending = {name: data.pop(name) for name in many if name in data} if many else None
        password = data.pop("password", None) if sets_password else None
        given_generic = take_generic(data)
        if link_generic is not None and not built:
            link_generic(data, given_generic)
        for name, field in ranges.items():
            if isinstance(data.get(name), tuple):
                low, high = sorted(data[name])
                data[name] = field.range_type(low, high)
        for name, field in paths.items():
            if isinstance(data.get(name), bytes):
                data[name] = as_path(field, data[name])
        for name in addresses:  # an ipaddress object as text: the first step of the field's to_python
            address = data.get(name)
            if address is not None and not isinstance(address, str):
                data[name] = str(address)
        filled = [name for name in files if isinstance(data.get(name), bytes)] if files else None
        for name in filled or ():
            data[name] = as_file(files[name], data[name])
        later = saved_empty(data, relations)  # keys set once their parents are saved (a cycle)
        instance = construct(data)
        if place is not None and own_type is not None and not built:
            place(instance)
            own_type(instance)
        if filled:
            instance.__dict__[FILLED] = filled
        if password is not None:
            set_password(instance, password)
        if take_receiver_row is not None and not built:
            take_receiver_row(instance)
        base = _model_base()
        if own_full_clean:
            _model_full_clean(instance, relations if built else later)
        else:
            chosen = relations if built else [n for n in relations if isinstance(data.get(n), base)]
            _full_clean(instance, clean_fields, [*chosen, *later], None if built else check_unique)
        if pending:
            instance.__dict__[PENDING_M2M] = pending
        return instance

    return validate


def _constructor(model: type[Model]) -> Callable[[dict[str, Any]], Any]:
    """``model(**data)``, with the fields given by position as ``Model.from_db`` does (Django's
    quicker path: one ``setattr`` per field, no keyword lookups) and the parents set afterwards
    through their descriptors, as the keyword path sets them. Only for models whose fields are
    all plain columns, with Django's ``__init__`` and no ``pre_init`` receiver (which would see
    the arguments); any other model is called with the keywords."""
    from django.db.models import Model
    from django.db.models.base import DEFERRED
    from django.db.models.fields.reverse_related import ForeignObjectRel
    from django.db.models.signals import pre_init

    meta = model._meta
    fields = list(meta.concrete_fields)
    plain = (
        model.__init__ is Model.__init__
        and not meta.parents
        and list(meta.fields) == fields
        and not any(getattr(f, "generated", False) or f.column is None for f in fields)
    )
    if not plain:
        return lambda data: model(**data)
    order = [(f.name, f.attname, isinstance(f.remote_field, ForeignObjectRel), f) for f in fields]

    def construct(given: dict[str, Any]) -> Any:
        if pre_init.has_listeners(model):
            return model(**given)
        data = dict(given)  # the caller reads it afterwards, as it would after model(**given)
        args: list[Any] = []
        parents: list[tuple[str, Any]] = []
        for name, attname, relation, field in order:
            if relation and name in data:
                parents.append((name, data.pop(name)))
                args.append(DEFERRED)
            elif attname in data:
                args.append(data.pop(attname))
            else:
                args.append(field.get_default())
        instance = model(*args, **data)
        for name, parent in parents:
            if parent is not DEFERRED:
                setattr(instance, name, parent)
        return instance

    return construct


def set_password(instance: Any, password: str) -> None:
    """``set_password`` with a salt drawn from the password itself instead of the system's random
    source: the same seed gives the same hash (and no ``secrets`` call per user). The salt has the
    length and alphabet of Django's own (its entropy check passes, so no re-hash at first login)."""
    base, make_password, letters = _hashing()
    if type(instance).set_password is not base.set_password:
        instance.set_password(password)
        return
    digest = hashlib.blake2b(password.encode(), digest_size=32, person=b"forge-salt").digest()
    salt = digest[:22].translate(letters).decode("ascii")  # each byte → alphabet[byte % len(alphabet)]
    instance.password = make_password(password, salt=salt)
    instance._password = password


@functools.cache
def _hashing() -> tuple[Any, Callable[..., str], bytes]:
    """Django's user base class, ``make_password``, and the salt's letters as a byte table: byte ``b``
    → ``RANDOM_STRING_CHARS[b % len(RANDOM_STRING_CHARS)]`` (Django's salt alphabet, all ASCII)."""
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.hashers import make_password
    from django.utils.crypto import RANDOM_STRING_CHARS

    letters = bytes(ord(RANDOM_STRING_CHARS[byte % len(RANDOM_STRING_CHARS)]) for byte in range(256))
    return AbstractBaseUser, make_password, letters


def _full_clean(
    instance: Any,
    clean_fields: Callable[[Any, Iterable[str]], None],
    skip: list[str] | tuple[str, ...],
    check_unique: Callable[[Any], dict[str, Any]] | None,
) -> None:
    """``full_clean`` without the per-key existence query for parents we chose (they exist), without
    the unique queries the engine made needless, and without any query at all when building
    (``check_unique`` None); every refusal is gathered as ``full_clean`` does. ``clean_fields`` is
    django_clean's: Django's outcome, each field's checks planned once per model."""
    ValidationError = _validation_error()
    errors: dict[str, Any] = {}
    for step in (lambda: clean_fields(instance, skip), instance.clean):
        try:
            step()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        except (ValueError, TypeError, AssertionError, LookupError):
            raise  # a plain refusal: the engine re-draws
        except Exception as exc:
            raise _crashed(instance, exc) from exc
    if check_unique is not None:
        for key, found in check_unique(instance).items():
            errors.setdefault(key, []).extend(found)
    if errors:
        raise ValidationError(errors)


#: ``full_clean``'s unique and constraint steps (and the methods Django's versions go through)
_UNIQUE_STEPS = (
    "validate_unique",
    "validate_constraints",
    "_get_unique_checks",
    "_perform_unique_checks",
    "_perform_date_checks",
    "get_constraints",
)


def _own_steps(model: type[Model]) -> tuple[bool, bool, bool]:
    """Which steps of ``full_clean`` the model overrides: ``full_clean`` itself, ``clean_fields``, and
    its unique/constraint checks. Those run as the model wrote them (wagtail's Site allows one default
    site in ``clean_fields``; django-celery-beat's PeriodicTask wants a schedule in ``validate_unique``);
    the planned, query-saving versions are only for Django's own."""
    base = _model_base()
    own = [getattr(model, name) is not getattr(base, name) for name in ("full_clean", "clean_fields")]
    unique = any(getattr(model, name) is not getattr(base, name) for name in _UNIQUE_STEPS)
    return own[0], own[1], unique


def _model_clean_fields(instance: Any, exclude: Iterable[str]) -> None:
    instance.clean_fields(exclude=set(exclude))


def _model_unique_check(instance: Any) -> dict[str, Any]:
    """The model's own ``validate_unique`` then ``validate_constraints``; Django's error dict."""
    ValidationError = _validation_error()
    errors: dict[str, Any] = {}
    for step in (instance.validate_unique, instance.validate_constraints):
        try:
            step()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    return errors


def _model_full_clean(instance: Any, building_without: tuple[str, ...] | list[str]) -> None:
    """The model's own ``full_clean``, as Django's callers call it; when building (``building_without``
    the relations: their parents are not saved) without the relations and the database checks; a
    list: without the keys left empty until their parents are saved (checked when they are set)."""
    ValidationError = _validation_error()
    try:
        if isinstance(building_without, list):
            instance.full_clean(exclude=building_without)
        else:
            instance.full_clean(
                exclude=list(building_without), validate_unique=False, validate_constraints=False
            )
    except ValidationError:
        raise
    except (ValueError, TypeError, AssertionError, LookupError):
        raise  # a plain refusal: the engine re-draws
    except Exception as exc:
        raise _crashed(instance, exc) from exc


def _crashed(instance: Any, exc: Exception) -> ConstraintError:
    """The model's own ``clean`` failed on a generated row (not a ValidationError): say so plainly."""
    name = type(instance).__name__
    return ConstraintError(
        f"{name}.full_clean() raised {type(exc).__name__}: {exc} on a generated row (its clean() expects "
        f"something the row lacks, such as a place in a tree); give those fields as overrides or use a "
        f"Blueprint for {name}",
        model=type(instance),
    )


def _is_address(field: Any) -> bool:
    """A ``GenericIPAddressField`` whose ``to_python`` is Django's, which starts with ``str(value)``:
    drawn as an ``ipaddress`` object, given as that text, its planned check (django_clean) passes it
    without the field's full ``clean`` (which would convert and set back the same text)."""
    from django.db.models import GenericIPAddressField

    return isinstance(field, GenericIPAddressField) and (
        type(field).to_python is GenericIPAddressField.to_python
    )


def _is_file(field: Any) -> bool:
    from django.db.models import FileField

    return isinstance(field, FileField)


@functools.cache
def _validation_error() -> Any:
    from django.core.exceptions import ValidationError

    return ValidationError


@functools.cache
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
    """Save through the model's default manager, in one transaction per outermost call."""

    def existing(known: list[Any]) -> list[Any]:
        made = [getattr(record, "pk", None) for record in known]
        rows = model._default_manager.exclude(pk__in=[pk for pk in made if pk is not None])
        return list(rows.order_by("pk")[:STORED_PARENTS])

    return Storage(
        save=save_rows,
        atomic=lambda bulk: call_atomic(model, bulk),
        existing=existing,
        stored_values=stored_values(model),
        save_one=save_one,
        relink=relink,
    )
