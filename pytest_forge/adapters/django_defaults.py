"""What a Django field's own default says about the values it takes, when nothing else does.

A field whose validators the adapter cannot read (django-otp's ``key_validator`` wants hex) but
whose callable default makes values they accept (``default_key`` → 40 hex digits) gets seeded
values shaped like the default's: the same length and the smallest well-known alphabet its
samples fit in (hex, digits, base32, base64 …). The default is only sampled (its values are
random, so they are never used): the same seed still gives the same rows.

A ``JSONField(default=list)`` holds a JSON list (django-oauth-toolkit's ``resource`` refuses
anything else when saved), so it is drawn as a list of strings rather than an object.
"""

from __future__ import annotations

import dataclasses
import string
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.db.models import Field

    from pytest_forge.spec import TypeSpec

__all__ = ["default_shape", "json_shape", "probed_json_shape", "probed_text_shape"]

#: how many values of a callable default are looked at
SAMPLES = 8

#: well-known alphabets, smallest first: the first one holding every sampled character is used
_ALPHABETS: tuple[tuple[str, str], ...] = (
    ("0-9", string.digits),
    ("0-9a-f", string.digits + "abcdef"),
    ("0-9A-F", string.digits + "ABCDEF"),
    ("A-Z2-7", string.ascii_uppercase + "234567"),
    ("a-z", string.ascii_lowercase),
    ("A-Z", string.ascii_uppercase),
    ("a-z0-9", string.ascii_lowercase + string.digits),
    ("A-Z0-9", string.ascii_uppercase + string.digits),
    ("a-zA-Z", string.ascii_letters),
    ("a-zA-Z0-9", string.ascii_letters + string.digits),
    ("a-zA-Z0-9_\\-", string.ascii_letters + string.digits + "_-"),
    ("a-zA-Z0-9+/=", string.ascii_letters + string.digits + "+/="),
)


def default_shape(
    field: Field[Any, Any], spec: TypeSpec, predicates: list[Callable[[Any], bool]]
) -> TypeSpec | None:
    """A text field's type with a pattern shaped like its callable default's values (which the
    validators accept), or None when the default says nothing usable."""
    default = field.default
    if spec.kind != "str" or spec.pattern is not None or not callable(default) or field.choices:
        return None
    samples = _samples(default)
    if not samples or not all(check(value) for value in samples for check in predicates):
        return None
    seen = set("".join(samples))
    alphabet = next((name for name, chars in _ALPHABETS if seen <= set(chars)), None)
    lengths = {len(value) for value in samples}
    if alphabet is None or len(lengths) != 1:
        return None
    length = lengths.pop()
    if spec.max_length is not None and length > spec.max_length:
        return None
    return dataclasses.replace(
        spec, pattern=f"^[{alphabet}]{{{length}}}$", label=f"{spec.label} (shaped like its default)"
    )


def _samples(default: Callable[[], Any]) -> list[str]:
    """Values of the default, or [] when it fails or makes anything but non-empty text."""
    try:
        values = [default() for _ in range(SAMPLES)]
    except Exception:
        return []
    if not all(isinstance(value, str) and value for value in values):
        return []
    return values


def json_shape(field: Field[Any, Any], spec: TypeSpec, item: TypeSpec) -> TypeSpec:
    """A JSON field whose default is ``list`` (or returns a list) holds a list of strings."""
    default = field.default
    if default is list or isinstance(default, list):
        return dataclasses.replace(spec, kind="list", args=(item,), label=f"{spec.label} (a JSON list)")
    return spec


def probed_json_shape(spec: TypeSpec, predicates: list[Callable[[Any], bool]], item: TypeSpec) -> TypeSpec:
    """A JSON field drawn as an object whose validators refuse an object but take a list of strings
    (django-helpdesk's ``task_list``: a list without empty items) holds a list of strings."""
    if spec.kind != "dict" or all(check({"key": "value"}) for check in predicates):
        return spec
    if not all(check(["item"]) for check in predicates):
        return spec
    return dataclasses.replace(
        spec, kind="list", args=(item,), min_length=1, label=f"{spec.label} (a JSON list)"
    )


#: an email address and a URL: probed when a text field's validators cannot be read
_EMAIL_SAMPLE, _URL_SAMPLE = "someone@example.com", "https://example.com/"


def probed_text_shape(spec: TypeSpec, predicates: list[Callable[[Any], bool]]) -> TypeSpec:
    """A text field whose validators refuse plain text but take an email address (django-post-office's
    comma-separated recipients) or a URL is drawn as that kind."""
    if spec.kind != "str" or spec.pattern is not None or all(check("plain text") for check in predicates):
        return spec
    if all(check(_EMAIL_SAMPLE) for check in predicates):
        return dataclasses.replace(spec, kind="email", label=f"{spec.label} (as email)")
    if all(check(_URL_SAMPLE) for check in predicates):
        return dataclasses.replace(
            spec, kind="url", schemes=("http", "https"), host_required=True, label=f"{spec.label} (as url)"
        )
    return spec
