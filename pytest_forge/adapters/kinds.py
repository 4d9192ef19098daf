"""Which kind of model a class is, answered without importing any adapter (or its library).

Each test is cheap and imports nothing its kind's library has not already loaded: a SQLAlchemy
or Django model means the library is in ``sys.modules``. The adapters re-export their own test,
and :func:`pytest_forge.adapters.adapters` loads an adapter only for a class of its kind, so a
process that only generates pydantic models never loads the other six.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = [
    "is_attrs_class",
    "is_django_model",
    "is_msgspec_struct",
    "is_pydantic_model",
    "is_sqlalchemy_model",
]


def is_sqlalchemy_model(model: Any) -> bool:
    """True for a class mapped by the SQLAlchemy ORM (never imports SQLAlchemy for other models)."""
    if not isinstance(model, type) or "sqlalchemy.orm" not in sys.modules:
        return False
    from sqlalchemy import inspect
    from sqlalchemy.orm import Mapper

    return isinstance(inspect(model, raiseerr=False), Mapper)


def is_pydantic_model(model: Any) -> bool:
    """True for a pydantic v2 BaseModel subclass (parametrized generics included)."""
    from pydantic import BaseModel

    return isinstance(model, type) and issubclass(model, BaseModel)


def is_django_model(model: Any) -> bool:
    """True for a Django model class (Django is never imported here: a Django model means it already is)."""
    if "django.db.models" not in sys.modules or not isinstance(model, type):
        return False
    from django.db.models import Model

    return issubclass(model, Model)


def is_attrs_class(model: Any) -> bool:
    """True for a class decorated by attrs (``@attrs.define``, ``@attr.s``)."""
    return isinstance(model, type) and hasattr(model, "__attrs_attrs__")


def is_msgspec_struct(model: Any) -> bool:
    """True for a ``msgspec.Struct`` subclass (never imports msgspec for other classes)."""
    return (
        isinstance(model, type)
        and hasattr(model, "__struct_fields__")
        and hasattr(model, "__struct_config__")
    )
