"""What a row's INSERT binds, as ``SQLInsertCompiler`` prepares it, each column's steps chosen once.

For every inserted field Django runs ``pre_save`` and ``get_db_prep_save``, which (for Django's own
fields) runs ``get_prep_value`` (a conversion to the field's Python type) and then the backend's
adaptation. Where the conversion would hand the value back as it is, the column skips it and the
backend step still runs as Django's own code:

* a Char/TextField whose steps are all Django's binds a ``str`` as it is (``to_python`` keeps
  any str, and ``get_db_prep_value`` adds nothing);
* a field kind whose ``get_prep_value`` returns a value of one exact type unchanged (an ``int``
  for an ``IntegerField``, a finite ``Decimal``, an aware ``datetime`` …) and whose
  ``get_db_prep_value`` only applies it before the backend step (``prepared=False``) is given
  such a value already prepared (``get_db_prep_value(value, connection, prepared=True)``);
* a field whose ``pre_save`` only reads the attribute is read from the instance where that read
  would find it.

Anything else (another type, a naive datetime, an SQL expression, a field kind or override not
listed here) takes Django's full ``pre_save`` and ``get_db_prep_save``.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import uuid
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = ["Column", "columns", "row_values"]


class Column(NamedTuple):
    """One inserted field and the steps its values take."""

    field: Any
    #: a Char/TextField binding a str as it is
    text: bool
    #: the attribute its ``pre_save`` reads (None: call ``pre_save``)
    attname: str | None
    #: the exact type given prepared (None: no such type), and what such a value must also pass
    exact: type[Any] | None
    kept: Callable[[Any], bool] | None


def columns(concrete: type[Any], fields: Iterable[Any]) -> list[Column]:
    """The columns of ``concrete``'s INSERT for these fields, in their order."""
    found = []
    for field in fields:
        exact, kept = _prepared_as_is(field)
        found.append(Column(field, _text(field), _plain_read(concrete, field), exact, kept))
    return found


def row_values(instance: Any, listed: list[Column], connection: Any) -> tuple[Any, ...] | None:
    """What ``as_sql`` binds for this row (None: a value is an SQL expression, which ``save()`` or
    ``bulk_create`` compiles)."""
    values = []
    stored = instance.__dict__
    for field, text, attname, exact, kept in listed:
        value = (
            stored[attname] if attname is not None and attname in stored else field.pre_save(instance, True)
        )
        if text and isinstance(value, str):
            values.append(value)
        elif type(value) is exact and (kept is None or kept(value)):
            values.append(field.get_db_prep_value(value, connection, True))
        elif hasattr(value, "resolve_expression"):
            return None
        else:
            values.append(field.get_db_prep_save(value, connection=connection))
    return tuple(values)


def _prepared_as_is(field: Any) -> tuple[type[Any] | None, Callable[[Any], bool] | None]:
    """The exact type whose values ``field.get_prep_value`` returns unchanged (and the condition they
    must meet), where ``get_db_prep_save`` is Django's (``get_db_prep_value`` with ``prepared=False``)
    and ``get_db_prep_value`` is its kind's own, which with ``prepared=False`` calls ``get_prep_value``
    first and is otherwise the same. (None, None) for any other field."""
    from django.db.models.fields import Field

    kind = type(field)
    if kind.get_db_prep_save is not Field.get_db_prep_save:
        return None, None
    for klass in kind.__mro__:
        known = _as_is().get(klass)
        if known is None:
            continue
        own: Any = klass  # a Django field class
        if kind.get_prep_value is own.get_prep_value and kind.get_db_prep_value is own.get_db_prep_value:
            return known
        return None, None
    return None, None


@functools.cache
def _as_is() -> dict[type[Any], tuple[type[Any], Callable[[Any], bool] | None]]:
    """Django field kinds → the exact type their ``get_prep_value`` hands back unchanged (and when).
    ``AutoField`` is none of them: its ``get_db_prep_value`` checks the key (``validate_autopk_value``)
    only when not prepared. Char/TextFields are ``_text``'s."""
    from django.db import models

    return {
        models.BooleanField: (bool, None),  # to_python: a bool is returned as it is
        models.IntegerField: (int, None),  # int(value): an exact int is that int
        models.FloatField: (float, None),
        models.DecimalField: (decimal.Decimal, _finite),  # Decimal(value): an equal Decimal
        models.DateTimeField: (datetime.datetime, _aware),  # a naive one is warned about and made aware
        models.DateField: (datetime.date, None),
        models.TimeField: (datetime.time, None),
        models.DurationField: (datetime.timedelta, None),
        models.UUIDField: (uuid.UUID, None),
        models.BinaryField: (bytes, None),
        # an IPv6 text is rewritten (clean_ipv6_address); other text is str(value)
        models.GenericIPAddressField: (str, _not_ipv6),
    }


def _finite(value: decimal.Decimal) -> bool:
    return value.is_finite()


def _aware(value: datetime.datetime) -> bool:
    return value.utcoffset() is not None


def _not_ipv6(value: str) -> bool:
    return ":" not in value


def _plain_read(concrete: type[Any], field: Any) -> str | None:
    """The attribute name when ``field.pre_save`` is ``Field.pre_save`` (``getattr(row, attname)``)
    and that attribute's descriptor returns what the instance holds (Django's deferred-field one)."""
    from django.db.models.fields import Field
    from django.db.models.query_utils import DeferredAttribute

    if type(field).pre_save is not Field.pre_save:
        return None
    descriptor = concrete.__dict__.get(field.attname)
    if descriptor is None:
        for klass in concrete.__mro__:
            if field.attname in vars(klass):
                descriptor = vars(klass)[field.attname]
                break
    if (
        not isinstance(descriptor, DeferredAttribute)
        or type(descriptor).__get__ is not DeferredAttribute.__get__
    ):
        return None
    attname: str = field.attname
    return attname


def _text(field: Any) -> bool:
    """A Char/TextField (or a subclass changing none of these steps) whose value reaches the database
    as ``CharField.to_python`` leaves it: ``get_db_prep_save`` → ``get_db_prep_value`` →
    ``get_prep_value`` → ``to_python``, each Django's own."""
    from django.db import models
    from django.db.models.fields import Field

    kind = type(field)
    return (
        kind.get_db_prep_save is Field.get_db_prep_save
        and kind.get_db_prep_value is Field.get_db_prep_value
        and kind.get_prep_value in (models.CharField.get_prep_value, models.TextField.get_prep_value)
        and kind.to_python in (models.CharField.to_python, models.TextField.to_python)
    )
