"""Classes used as annotations: scalars, enums, pydantic's own types, IP and path types, NamedTuples,
classes that describe themselves to pydantic, and arbitrary classes built by their ``__init__``."""

from __future__ import annotations

import collections.abc as cabc
import datetime as dt
import decimal
import enum
import ipaddress
import pathlib
import re
import typing
import uuid
from typing import Any

from pytest_forge.spec import Kind, TypeSpec

__all__ = ["SCALARS", "known_class", "patterns"]

#: the classes that are one scalar kind
SCALARS: dict[Any, Kind] = {
    bool: "bool", int: "int", float: "float", str: "str", bytes: "bytes", bytearray: "bytes",
    decimal.Decimal: "decimal", dt.datetime: "datetime", dt.date: "date", dt.time: "time",
    dt.timedelta: "timedelta", uuid.UUID: "uuid", type(None): "none", None: "none",
    typing.Any: "any", object: "any", cabc.Hashable: "any", complex: "complex",
    cabc.Callable: "callable", typing.Callable: "callable",
}  # fmt: skip
IP: dict[type, tuple[Kind, int]] = {
    ipaddress.IPv4Address: ("ip_address", 4), ipaddress.IPv6Address: ("ip_address", 6),
    ipaddress.IPv4Network: ("ip_network", 4), ipaddress.IPv6Network: ("ip_network", 6),
    ipaddress.IPv4Interface: ("ip_interface", 4), ipaddress.IPv6Interface: ("ip_interface", 6),
}  # fmt: skip


def patterns(kind: Any) -> TypeSpec:
    """``re.Pattern``: a few compiled patterns of the right kind (text or bytes)."""
    sources = (r"^[a-z]+$", r"\d{3}-\d{4}", r"[A-Z][a-z]*")
    compiled = tuple(re.compile(p.encode() if kind is bytes else p) for p in sources)
    return TypeSpec("literal", python_type=re.Pattern, choices=compiled, label="re.Pattern")


def _described_to_pydantic(cls: type) -> TypeSpec | None:
    """A class with its own ``__get_pydantic_core_schema__``: what that schema accepts."""
    from pytest_forge.adapters.core_schema import has_custom_schema, spec_from_core_schema

    if not has_custom_schema(cls):
        return None
    return spec_from_core_schema(cls)


def known_class(cls: type) -> TypeSpec:
    from pytest_forge.adapters.pydantic_classes import pydantic_class_spec

    if issubclass(cls, enum.Enum):
        return TypeSpec("enum", python_type=cls, choices=tuple(cls))
    special = pydantic_class_spec(cls)
    if special is not None:
        return special
    described = _described_to_pydantic(cls)
    if described is not None:
        return described
    if cls is re.Pattern:
        return patterns(str)
    if any(k.__name__ == "Color" and "color" in k.__module__ for k in cls.__mro__):
        return TypeSpec("color", python_type=cls, label=cls.__name__)  # pydantic's Color and its copies
    if cls in IP:
        kind, version = IP[cls]
        return TypeSpec(kind, python_type=cls, ip_version=version)
    if issubclass(cls, pathlib.PurePath):
        return TypeSpec("path", python_type=cls)
    if issubclass(cls, tuple) and hasattr(cls, "_fields"):  # a NamedTuple: its items in order
        hints = typing.get_type_hints(cls, include_extras=True)
        from pytest_forge.adapters.annotations import resolve_annotation

        items = tuple(resolve_annotation(hints.get(name, Any)) for name in cls._fields)
        return TypeSpec("tuple", python_type=cls, args=items)
    for base, kind in SCALARS.items():
        if isinstance(base, type) and base not in (object, cabc.Hashable) and issubclass(cls, base):
            return TypeSpec(kind, python_type=cls)
    from pytest_forge.adapters.plain_classes import constructible_class

    if constructible_class(cls):  # an arbitrary type: an instance built by its __init__
        return TypeSpec("model", python_type=cls, model=cls, label=cls.__name__)
    from pytest_forge.adapters.annotations import describe_class
    from pytest_forge.adapters.subclasses import standing_in

    return standing_in(cls, describe_class) or TypeSpec("unsupported", python_type=cls)
