"""JSON for model kinds pydantic cannot serialize: msgspec Structs and attrs classes.

A msgspec Struct is written by msgspec's own encoder (what ``msgspec.json.decode(text, type=Struct)``
reads back; bytes are base64). An attrs instance is turned into a dict by ``attrs.asdict`` and written
by pydantic-core's encoder (datetimes ISO 8601, bytes base64, as a pydantic model with
``ser_json_bytes='base64'`` would). Both libraries are imported only when such a record is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.attrs_models import is_attrs_class
from pytest_forge.adapters.msgspec_models import is_msgspec_struct

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["is_own_json", "own_json_dumper"]


def is_own_json(kind: type) -> bool:
    """True for the kinds this module writes (bytes fields there are base64 text, not binary columns)."""
    return is_msgspec_struct(kind) or is_attrs_class(kind)


def own_json_dumper(kind: type) -> Callable[[Any], str] | None:
    """``record -> JSON text`` for a msgspec Struct or attrs class, else None."""
    if is_msgspec_struct(kind):
        import msgspec

        encoder = msgspec.json.Encoder()
        return lambda record: encoder.encode(record).decode()
    if is_attrs_class(kind):
        import attrs
        from pydantic_core import to_json

        return lambda record: to_json(attrs.asdict(record, recurse=True), bytes_mode="base64").decode()
    return None
