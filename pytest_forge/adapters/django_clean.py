"""``Model.clean_fields`` with the same outcome, planned once per model instead of worked out per row.

Django's ``Field.clean`` converts a value (``to_python``), checks it against choices, ``null`` and
``blank`` (``validate``) and runs every validator (``run_validators``), then ``clean_fields`` sets
the converted value back. For a value already of the exact type ``to_python`` returns unchanged
(a ``str`` for a ``CharField``, an ``int`` for an ``IntegerField`` …) the conversion and the
setting back change nothing, so a field's plan checks only what can refuse it, with the same
comparisons Django makes: choices as a set of the (flattened) choice keys, ``null``/``blank``,
and each validator (``MaxLengthValidator``, ``MinValueValidator``, ``MaxValueValidator``,
``MinLengthValidator``, ``ProhibitNullCharactersValidator`` and ``RegexValidator`` (and its
subclasses that only set its attributes, such as ``UnicodeUsernameValidator``) as the comparison
or search their ``__call__`` makes; every other validator, and a field's own ``validate`` where
its class overrides it, called as it is — Django's URL, email and IP address validators remember
the texts they accepted, their verdict depending on the text alone). Nothing is skipped.

Any value the plan does not pass — another type, a refused check, a field kind or validator the
plan does not know — goes through the field's real ``clean``, which converts it, sets it and
raises Django's own error with its own message. So a row passes exactly when ``clean_fields``
would pass it, and a refusal reads exactly as Django's.
"""

from __future__ import annotations

import datetime
import decimal
import re
import uuid
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = ["fields_cleaner"]


def fields_cleaner(model: type[Any]) -> Callable[[Any, Iterable[str]], None]:
    """``clean_fields(exclude=...)`` for ``model``'s instances, each field's plan made once."""
    from django.core.exceptions import ValidationError
    from django.db.models.query_utils import DeferredAttribute

    meta = model._meta
    plans = [
        (
            f,
            f.name,
            f.attname,
            type(getattr(model, f.attname, None)) is DeferredAttribute,
            f.blank,
            f.empty_values,
            _plan(f),
        )
        for f in meta.fields
        if not getattr(f, "generated", False)
    ]

    database_default = _database_default()
    by_exclude: dict[tuple[str, ...], list[Any]] = {}  # the plans left by each exclude seen

    def clean_fields(instance: Any, exclude: Iterable[str]) -> None:
        key = tuple(exclude)
        left = by_exclude.get(key)
        if left is None:
            left = by_exclude[key] = [plan for plan in plans if plan[1] not in set(key)]
        errors: dict[str, Any] = {}
        values = instance.__dict__
        for field, name, attname, plain, blank, empty, check in left:
            # read as Django reads it: through the field's descriptor (a file field's wraps the value),
            # straight from the instance where the descriptor would return just that
            raw = values[attname] if plain and attname in values else getattr(instance, attname)
            if blank and raw in empty:
                continue
            if isinstance(raw, database_default):
                continue
            if check is not None and check(raw, instance):
                continue
            try:
                setattr(instance, attname, field.clean(raw, instance))
            except ValidationError as exc:
                errors[name] = exc.error_list
        if errors:
            raise ValidationError(errors)

    return clean_fields


def _database_default() -> type[Any] | tuple[()]:
    """Django 5's ``db_default`` placeholder, which ``clean_fields`` leaves alone (none in 4.2)."""
    try:
        from django.db.models.expressions import DatabaseDefault
    except ImportError:
        return ()
    found: type[Any] = DatabaseDefault
    return found


def _exact_types() -> dict[Any, tuple[type[Any], bool, Callable[[Any], bool] | None]]:
    """``to_python`` functions that return a value of this type unchanged (object: any value):
    the exact type, or any subclass where ``to_python`` only asks ``isinstance``; and only where the
    condition (if any) holds. A value failing either goes through the real ``clean``."""
    from django.db import models
    from django.db.models.fields import Field

    return {
        Field.to_python: (object, True, None),  # the identity
        # isinstance(value, str) and the like: a TextChoices member, a datetime subclass stay as they are
        models.CharField.to_python: (str, True, None),
        models.TextField.to_python: (str, True, None),
        models.DateTimeField.to_python: (datetime.datetime, True, None),
        models.TimeField.to_python: (datetime.time, True, None),
        models.DurationField.to_python: (datetime.timedelta, True, None),
        models.UUIDField.to_python: (uuid.UUID, True, None),
        # int(value), float(value), bool(value): an IntegerChoices member or a bool would be converted
        models.IntegerField.to_python: (int, False, None),
        models.FloatField.to_python: (float, False, None),
        models.BooleanField.to_python: (bool, False, None),
        models.DateField.to_python: (datetime.date, False, None),  # a datetime would be cut to its date
        models.BinaryField.to_python: (bytes, False, None),
        # Decimal(value) of a Decimal is an equal Decimal; it refuses the non-finite ones itself
        models.DecimalField.to_python: (decimal.Decimal, False, lambda value: value.is_finite()),
        # strips, and rewrites IPv6 text: an IPv4-looking string with nothing to strip is kept
        models.GenericIPAddressField.to_python: (
            str,
            False,
            lambda value: ":" not in value and value == value.strip(),
        ),
    }


def _plan(field: Any) -> Callable[[Any, Any], bool] | None:
    """The checks that pass ``field``'s value exactly when ``field.clean`` would return it unchanged."""
    from django.db.models.fields import Field

    kind = type(field)
    if field.is_relation or kind.clean is not Field.clean or kind.run_validators is not Field.run_validators:
        return None
    known = _exact_types().get(kind.to_python)
    if known is None:
        return None
    exact, subclasses, kept = known
    own_validate = kind.validate is not Field.validate
    # Field.validate's checks, made only when the field is editable (Django's own rule)
    checked = field.editable and not own_validate
    has_choices = checked and field.choices is not None
    keys = _choice_keys(field) if has_choices else None
    if has_choices and keys is None:
        return None
    refuse_none = checked and not field.null
    refuse_empty = checked and not field.blank
    checks = tuple(_validator_check(v) for v in field.validators)
    empty = field.empty_values
    validate = field.validate
    any_type = exact is object
    # ``value in empty`` without five comparisons where the type decides it: a str is empty when
    # it equals "" (if "" is one of them), a number, date, UUID or bytes never equals None, "",
    # [], () or {}; other empty values than those, or any type: the comparison itself
    standard = all(e is None or type(e) in (str, list, tuple, dict) for e in empty)
    blank_text = any(type(e) is str and e == "" for e in empty)
    mode = 0 if any_type or not standard else 1 if exact is str else 2

    def check(value: Any, instance: Any) -> bool:
        if not any_type and type(value) is not exact and not (subclasses and isinstance(value, exact)):
            return False
        if kept is not None and not kept(value):
            return False
        if own_validate and not _passes(validate, value, instance):
            return False
        if mode == 1:
            is_empty = blank_text and value == ""
        elif mode == 2:
            is_empty = False
        else:
            is_empty = value in empty
        if keys is not None and not is_empty:
            try:
                if value not in keys:
                    return False
            except TypeError:  # unhashable: Django's loop compares with ==, its real clean decides
                return False
        if (refuse_none and value is None) or (refuse_empty and is_empty):
            return False
        if is_empty:
            return True
        for one in checks:  # noqa: SIM110 - a loop: no generator per value
            if not one(value):
                return False
        return True

    return check


def _choice_keys(field: Any) -> frozenset[Any] | None:
    """The keys ``Field.validate`` compares a value with (groups flattened); None: one is unhashable."""
    try:
        return frozenset(key for key, _label in field.flatchoices)
    except TypeError:
        return None


def _validator_check(validator: Any) -> Callable[[Any], bool]:
    """The comparison a known validator's ``__call__`` makes; any other one called as it is."""
    from django.core import validators as v

    kind = type(validator)
    limit: Any = getattr(validator, "limit_value", None)
    if kind in (v.MaxLengthValidator, v.MinLengthValidator, v.MaxValueValidator, v.MinValueValidator):
        if callable(limit):
            return lambda value: _passes(validator, value)
        if kind is v.MaxLengthValidator:
            return lambda value: not (len(value) > limit)
        if kind is v.MinLengthValidator:
            return lambda value: not (len(value) < limit)
        if kind is v.MaxValueValidator:
            return lambda value: not (value > limit)
        return lambda value: not (value < limit)
    if kind is v.ProhibitNullCharactersValidator:
        return lambda value: "\x00" not in str(value)
    if issubclass(kind, v.RegexValidator) and kind.__call__ is v.RegexValidator.__call__:
        # RegexValidator and subclasses that only set its attributes (UnicodeUsernameValidator …)
        lazy, inverse = validator.regex, validator.inverse_match
        regex = re.compile(lazy.pattern, lazy.flags)  # the same pattern, without the lazy proxy
        return lambda value: (regex.search(str(value)) is not None) is not inverse
    if kind in (v.URLValidator, v.EmailValidator) or any(validator is f for f in _address_validators()):
        return _remembering(validator)
    return lambda value: _passes(validator, value)


#: how many accepted texts a format validator remembers (per field of a model)
REMEMBERED = 4096


def _remembering(validator: Any) -> Callable[[Any], bool]:
    """A Django format validator (URL, email, IP address) whose verdict on a text depends on that
    text alone, called as it is, remembering the texts it accepted (realistic pools repeat them:
    the same URL again is not parsed again)."""
    accepted: set[str] = set()

    def check(value: Any) -> bool:
        text = type(value) is str
        if text and value in accepted:
            return True
        if not _passes(validator, value):
            return False
        if text and len(accepted) < REMEMBERED:
            accepted.add(value)
        return True

    return check


def _address_validators() -> tuple[Any, ...]:
    from django.core import validators as v

    return (v.validate_ipv4_address, v.validate_ipv6_address, v.validate_ipv46_address)


def _passes(call: Callable[..., Any], *args: Any) -> bool:
    from django.core.exceptions import ValidationError

    try:
        call(*args)
    except ValidationError:
        return False
    return True
