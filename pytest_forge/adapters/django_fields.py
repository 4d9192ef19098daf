"""A Django model field as a neutral TypeSpec: its kind, choices, lengths, bounds and validators.

Only imported when a Django model is described, so Django stays optional.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.django_defaults import (
    default_shape,
    json_shape,
    probed_json_shape,
    probed_text_shape,
)
from pytest_forge.adapters.django_files import as_file
from pytest_forge.spec import TypeSpec

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.db.models import Field

__all__ = ["field_type", "range_field"]

#: Django internal type → TypeSpec kind (the first match in the field's class order wins)
_KINDS: dict[str, Any] = {
    "BooleanField": "bool",
    "CharField": "str",
    "TextField": "str",
    "SlugField": "str",
    "EmailField": "email",
    "URLField": "url",
    "GenericIPAddressField": "ip_address",
    "IPAddressField": "ip_address",
    "IntegerField": "int",
    "BigIntegerField": "int",
    "SmallIntegerField": "int",
    "PositiveIntegerField": "int",
    "PositiveBigIntegerField": "int",
    "PositiveSmallIntegerField": "int",
    "FloatField": "float",
    "DecimalField": "decimal",
    "DateField": "date",
    "DateTimeField": "datetime",
    "TimeField": "time",
    "DurationField": "timedelta",
    "UUIDField": "uuid",
    "BinaryField": "bytes",
    "JSONField": "dict",
    "ArrayField": "list",
    "HStoreField": "dict",
    "FileField": "bytes",
    "ImageField": "bytes",
    "FilePathField": "bytes",
}
_SLUG = r"^[-a-zA-Z0-9_]{1,50}$"
_STR = TypeSpec("str", python_type=str, min_length=1, max_length=12, label="str")


def field_type(field: Field[Any, Any], use_tz: bool) -> TypeSpec:
    """What values ``field`` accepts (None only where it is both ``null`` and ``blank``)."""
    spec = _base(field, use_tz)
    if field.choices:
        spec = TypeSpec("literal", choices=_choice_values(field), label=f"{type(field).__name__} choices")
        if getattr(field, "multiple", False) is True:  # django-countries' CountryField(multiple=True)
            low = 0 if field.blank else 1
            spec = TypeSpec("list", args=(spec,), min_length=low, max_length=3, label=f"list[{spec.label}]")
    spec = _with_validators(field, spec)
    if field.null and field.blank:
        return TypeSpec("optional", args=(spec,), label=f"{spec.label} | None")
    return spec


#: PostgreSQL range fields: the type of their bounds (a drawn pair becomes the field's range type)
_RANGES: dict[str, TypeSpec] = {
    "IntegerRangeField": TypeSpec("int", ge=-(2**31), le=2**31 - 1, label="int"),
    "BigIntegerRangeField": TypeSpec("int", ge=-(2**63), le=2**63 - 1, label="int"),
    "DecimalRangeField": TypeSpec("decimal", max_digits=12, decimal_places=2, label="Decimal"),
    "DateRangeField": TypeSpec("date", label="date"),
    "DateTimeRangeField": TypeSpec("datetime", label="datetime"),
}


def range_field(field: Any) -> bool:
    """True for a PostgreSQL range field (its drawn pair is turned into a range by the validator)."""
    return any(c.__name__ in _RANGES for c in type(field).__mro__)


def _range(field: Field[Any, Any], use_tz: bool, label: str) -> TypeSpec:
    bound = next(_RANGES[c.__name__] for c in type(field).__mro__ if c.__name__ in _RANGES)
    bound = dataclasses.replace(
        bound, tz=("aware" if use_tz else "naive") if bound.kind == "datetime" else None
    )
    return TypeSpec("tuple", args=(bound, bound), label=label)


def _base(field: Field[Any, Any], use_tz: bool) -> TypeSpec:
    label = f"{type(field).__name__} {field.model.__name__}.{field.name}"
    if range_field(field):
        return _range(field, use_tz, label)
    by_class = (c.__name__ for c in type(field).__mro__ if c.__name__ in _KINDS)
    internal = next(by_class, field.get_internal_type())
    kind = _KINDS.get(internal)
    if kind is None:
        return TypeSpec("unsupported", python_type=type(field), label=label)
    spec = TypeSpec(kind, label=label, max_length=_max_length(field))
    if kind in ("str", "bytes", "email", "url", "list", "dict") and not field.blank:
        spec.min_length = 1  # full_clean refuses empty values of a field that may not be blank
    if internal == "SlugField":
        spec.pattern = _SLUG.replace("50", str(min(50, spec.max_length or 50)))
    if kind == "int":
        spec.ge, spec.le = _int_range(internal)
    if kind == "decimal":
        spec.max_digits, spec.decimal_places = _digits(field)
    if kind == "datetime":
        spec.tz = "aware" if use_tz else "naive"
    if kind == "url":
        spec.schemes, spec.host_required = ("http", "https"), True
    if kind == "ip_address":
        protocol = str(getattr(field, "protocol", "both")).lower()
        spec.ip_version = 4 if protocol == "ipv4" else 6 if protocol == "ipv6" else None
    if kind == "dict":
        spec.args = (_STR, _STR)
        spec.max_length = 3
        spec = json_shape(field, spec, _STR)  # default=list: a JSON list, not an object
    if kind == "list":
        spec.args = (field_type(field.base_field, use_tz),)
        spec.max_length = getattr(field, "size", None) or 3
    if internal in ("FileField", "ImageField"):  # drawn bytes become a file (django_files.as_file)
        spec.min_length, spec.max_length = 8, 32
    if internal == "FilePathField":  # drawn bytes choose or name a real file (django_files.as_path)
        spec.min_length, spec.max_length = 4, 8
    if kind == "float":
        spec.ge, spec.le = -1e9, 1e9
    return spec


def _int_range(internal: str) -> tuple[int | None, int | None]:
    """The range every database stores for this integer type (SQLite would take any 64-bit value)."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    low, high = BaseDatabaseOperations.integer_field_ranges.get(internal, (None, None))
    return low, high


def _max_length(field: Field[Any, Any]) -> int | None:
    if field.get_internal_type() in ("JSONField", "ArrayField"):
        return None
    length = field.max_length
    return int(length) if isinstance(length, int) else None


def _digits(field: Field[Any, Any]) -> tuple[int | None, int | None]:
    return getattr(field, "max_digits", None), getattr(field, "decimal_places", None)


def _choice_values(field: Field[Any, Any]) -> tuple[Any, ...]:
    """Flat values of flat or grouped choices (TextChoices/IntegerChoices included), blank ones left out."""
    flat = field.flatchoices
    if flat is None:  # a field that hides them (a multiple-valued one): flatten them here
        flat = [
            pair
            for value, label in field.choices or ()
            for pair in (label if isinstance(label, (list, tuple)) else [(value, label)])
        ]
    values = tuple(value for value, _label in flat if value not in field.empty_values)
    return values or tuple(value for value, _label in flat)


def _with_validators(field: Field[Any, Any], spec: TypeSpec) -> TypeSpec:
    """Bounds and patterns from Min/Max value, length and Regex validators; the rest as predicates."""
    from django.core import validators as v

    predicates: list[Callable[[Any], bool]] = []
    cleaned = _as_validated(field)
    for validator in field.validators:
        if isinstance(validator, v.MinValueValidator):
            spec.ge = _tighter(spec.ge, validator.limit_value, max)
        elif isinstance(validator, v.MaxValueValidator):
            spec.le = _tighter(spec.le, validator.limit_value, min)
        elif isinstance(validator, v.MinLengthValidator) and spec.kind != "literal":
            spec.min_length = _tighter(spec.min_length, validator.limit_value, max)
        elif isinstance(validator, v.MaxLengthValidator) and spec.kind != "literal":
            spec.max_length = _tighter(spec.max_length, validator.limit_value, min)
        elif _plain_regex(validator) and spec.kind == "str" and spec.pattern is None:
            spec.pattern = validator.regex.pattern
        elif not _built_in_format(validator):
            predicates.append(_passes(validator, cleaned))
    if not predicates:
        return spec
    if _plain_default_passes(field, predicates):  # validators we cannot read: the model's own default
        return TypeSpec("literal", choices=(field.default,), label=f"{spec.label} (its default)")
    spec = probed_json_shape(spec, predicates, _STR)  # a JSON object refused, a list of strings taken
    spec = probed_text_shape(spec, predicates)  # plain text refused, an email address or URL taken
    shaped = default_shape(field, spec, predicates)  # or values shaped like its callable default's
    return dataclasses.replace(shaped or spec, predicates=tuple(predicates))


def _plain_default_passes(field: Field[Any, Any], predicates: list[Callable[[Any], bool]]) -> bool:
    default = field.default
    if not field.has_default() or callable(default) or default in field.empty_values:
        return False
    return all(check(default) for check in predicates)


def _tighter(current: Any, limit: Any, pick: Callable[[Any, Any], Any]) -> Any:
    limit = limit() if callable(limit) else limit
    return limit if current is None else pick(current, limit)


def _plain_regex(validator: Any) -> bool:
    from django.core.validators import RegexValidator

    return (
        type(validator) is RegexValidator
        and not validator.inverse_match
        and not validator.flags
        and isinstance(validator.regex.pattern, str)
    )


def _built_in_format(validator: Any) -> bool:
    """Validators the kind's own generator already satisfies (emails, URLs, slugs, IPs, decimals)."""
    from django.core import validators as v

    formats = (v.EmailValidator, v.URLValidator, v.DecimalValidator, v.ProhibitNullCharactersValidator)
    addresses = (v.validate_ipv46_address, v.validate_ipv4_address, v.validate_ipv6_address)
    return isinstance(validator, formats) or validator in addresses or validator is v.validate_slug


def _as_validated(field: Field[Any, Any]) -> Callable[[Any], Any]:
    """A drawn value as the field's validators see it: ``Field.clean`` runs them on what ``to_python``
    returns (django-post-office's comma-separated emails: a list), a file field's on the file the
    drawn bytes become (django-helpdesk's extension check reads its ``name``)."""
    from django.db.models import FileField

    if isinstance(field, FileField):
        return lambda value: as_file(field, value) if isinstance(value, bytes) else value
    to_python: Callable[[Any], Any] = field.to_python
    return to_python


def _passes(validator: Callable[[Any], Any], cleaned: Callable[[Any], Any]) -> Callable[[Any], bool]:
    """A Django validator (raises ValidationError) as a predicate (True when the value passes)."""
    from django.core.exceptions import ValidationError

    def check(value: Any) -> bool:
        try:
            validator(cleaned(value))
        except ValidationError:
            return False
        return True

    return check
