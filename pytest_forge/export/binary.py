"""Bytes bound for SQL: a record's top-level ``bytes`` fields stay bytes, for BLOB/bytea columns.

JSON has no bytes, so pydantic writes them as text (UTF-8 unless the model asks for
``ser_json_bytes='base64'`` or ``'hex'``), and bytes that are not UTF-8 cannot be written at
all. A database keeps bytes exactly: rows for SQL are encoded as JSON without those
fields, and the fields are added back as the record's own bytes (through pydantic's
Python-mode dump, so field serializers still apply). ``Base64Bytes`` and other encoded
bytes keep their text: the model reads that text back, not the decoded bytes.
"""

from __future__ import annotations

import dataclasses
from typing import Any

__all__ = ["BinaryFields", "binary_fields", "undecodable_path"]


@dataclasses.dataclass(frozen=True, slots=True)
class BinaryFields:
    """A record type's top-level bytes fields (by attribute name) and the order of its row's keys."""

    names: frozenset[str]
    key_order: tuple[str, ...]

    def merge(self, text_row: dict[str, Any], raw: dict[str, Any]) -> dict[str, Any]:
        """The JSON row with the raw bytes put back where the model declares them."""
        merged = {
            key: raw[key] if key in raw else text_row[key]
            for key in self.key_order
            if key in raw or key in text_row
        }
        for key, value in text_row.items():  # keys the model does not declare (extra='allow')
            merged.setdefault(key, value)
        return merged


def binary_fields(kind: type) -> BinaryFields | None:
    """The bytes fields of records of ``kind`` (None when it has none, or is not a model)."""
    from pytest_forge.adapters import is_model, model_spec
    from pytest_forge.export.mapped import is_mapped
    from pytest_forge.export.own_json import is_own_json
    from pytest_forge.export.tables import record_keys

    if kind is dict or not is_model(kind) or is_mapped(kind) or is_own_json(kind):
        return None  # SQLAlchemy, msgspec and attrs records: bytes are base64 text in their JSON
    names = frozenset(
        field.name
        for field in model_spec(kind).fields
        if field.type.inner().kind == "bytes" and field.type.inner().encoder is None
    )
    if not names:
        return None
    return BinaryFields(names, tuple(record_keys(kind)))


def undecodable_path(value: Any, depth: int = 0) -> str | None:
    """Where in ``value`` the first bytes that are not UTF-8 sit (``data``, ``parts[2]``, ``child.blob``)."""
    if isinstance(value, (bytes, bytearray)):
        try:
            bytes(value).decode()
        except UnicodeDecodeError:
            return ""
        return None
    if depth > 20:
        return None
    for step, item in _children(value):
        inner = undecodable_path(item, depth + 1)
        if inner is not None:
            return step + (inner if not inner or inner.startswith("[") else "." + inner)
    return None


def _children(value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [(f"[{key!r}]", item) for key, item in value.items()]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [(f"[{i}]", item) for i, item in enumerate(value)]
    fields = getattr(type(value), "__pydantic_fields__", None)
    if isinstance(fields, dict):
        return [(name, getattr(value, name, None)) for name in fields]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [(f.name, getattr(value, f.name, None)) for f in dataclasses.fields(value)]
    return []
