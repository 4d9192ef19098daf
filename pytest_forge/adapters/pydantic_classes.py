"""Pydantic's own special classes (EmailStr, HttpUrl, PastDate ...) as TypeSpecs."""

from __future__ import annotations

import functools
from typing import Any

from pytest_forge.spec import TypeSpec

__all__ = ["pydantic_class_spec"]


@functools.cache
def _class_table() -> dict[Any, TypeSpec]:
    import pydantic
    from pydantic import networks, types

    table: dict[Any, TypeSpec] = {
        networks.EmailStr: TypeSpec("email"),
        networks.NameEmail: TypeSpec("name_email", python_type=networks.NameEmail),
        types.SecretStr: TypeSpec("secret_str", args=(TypeSpec("str"),)),
        types.SecretBytes: TypeSpec("secret_bytes", args=(TypeSpec("bytes"),)),
        types.ByteSize: TypeSpec("byte_size", python_type=types.ByteSize, ge=0, le=10**12),
        types.PaymentCardNumber: TypeSpec("payment_card", python_type=types.PaymentCardNumber),
        types.PastDate: TypeSpec("date", when="past"),
        types.FutureDate: TypeSpec("date", when="future"),
        types.AwareDatetime: TypeSpec("datetime", tz="aware"),
        types.NaiveDatetime: TypeSpec("datetime", tz="naive"),
        types.PastDatetime: TypeSpec("datetime", when="past"),
        types.FutureDatetime: TypeSpec("datetime", when="future"),
        networks.IPvAnyAddress: TypeSpec("ip_address"),
        networks.IPvAnyNetwork: TypeSpec("ip_network"),
        networks.IPvAnyInterface: TypeSpec("ip_interface"),
    }
    del pydantic
    return table


def pydantic_class_spec(cls: type) -> TypeSpec | None:
    """A fresh TypeSpec for one of pydantic's special classes, or None for other classes."""
    import dataclasses

    spec = _class_table().get(cls)
    if spec is not None:
        return dataclasses.replace(spec, label=cls.__name__)
    return _url_spec(cls)


def _url_spec(cls: type) -> TypeSpec | None:
    from pydantic import networks

    url_bases = tuple(
        b for b in (getattr(networks, "_BaseUrl", None), getattr(networks, "_BaseMultiHostUrl", None)) if b
    )
    if not (url_bases and issubclass(cls, url_bases)):
        return None
    constraints = getattr(cls, "_constraints", None)
    schemes = tuple(getattr(constraints, "allowed_schemes", None) or ())
    max_length = getattr(constraints, "max_length", None)
    host_required = bool(getattr(constraints, "host_required", False))
    return TypeSpec(
        "url",
        python_type=cls,
        schemes=schemes,
        max_length=max_length,
        host_required=host_required,
        label=cls.__name__,
    )
