"""Records to JSON values, exactly as pydantic's ``model_dump_json`` writes them.

Enum members become their values, dates ISO 8601, Decimals exact strings, UUIDs
text and NaN/inf ``null``. Pydantic does the work (in Rust), so an export agrees
with what the model itself would send over the wire.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ExportError
from pytest_forge.relations.foreign_keys import snake_case

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["RecordEncoder", "json_text", "snake_case"]


def json_text(value: Any) -> str:
    """Compact JSON for a nested value inside a CSV cell or an SQL column."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class RecordEncoder:
    """Encodes records of any kind the engine makes; one pydantic serializer per record type."""

    def __init__(self) -> None:
        self._dumpers: dict[type, Callable[[Any], str]] = {}

    def json(self, record: Any) -> str:
        """The record as one line of JSON (an object), as ``model_dump_json(by_alias=True)`` writes it."""
        kind = type(record)
        dump = self._dumpers.get(kind)
        if dump is None:
            dump = self._dumpers[kind] = _dumper_for(kind)
        try:
            return dump(record)
        except ValueError as exc:  # PydanticSerializationError, or bytes that are not UTF-8
            raise ExportError(
                f"cannot encode a {kind.__name__} as JSON: {exc}; bytes fields need "
                "model_config = ConfigDict(ser_json_bytes='base64') when they are not UTF-8",
                model=kind,
            ) from None

    def row(self, record: Any) -> dict[str, Any]:
        """The record as a dict of JSON values (str, int, float, bool, None, list, dict)."""
        row = json.loads(self.json(record))
        if not isinstance(row, dict):
            raise ExportError(
                f"a {type(record).__name__} does not encode to a JSON object", model=type(record)
            )
        return row


def _dumper_for(kind: type) -> Callable[[Any], str]:
    from pydantic import BaseModel, TypeAdapter

    from pytest_forge.export.mapped import is_mapped, row_dumper

    if is_mapped(kind):
        return row_dumper(kind)  # column values, not the pydantic fields of a SQLModel table
    if issubclass(kind, BaseModel):
        if kind.model_config.get("ser_json_inf_nan") == "constants":
            return lambda record: _without_constants(record.model_dump_json(by_alias=True))
        return lambda record: record.model_dump_json(by_alias=True)
    adapter: TypeAdapter[Any] = TypeAdapter(Any if issubclass(kind, dict) else kind)
    return lambda record: adapter.dump_json(record, by_alias=True).decode()


def _without_constants(text: str) -> str:
    """``NaN``/``Infinity`` are not JSON: a model that asks for them still gets ``null`` in files."""
    return json_text(json.loads(text, parse_constant=lambda _name: None))
