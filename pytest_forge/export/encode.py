"""Records to JSON values, exactly as pydantic's ``model_dump_json`` writes them.

Enum members become their values, dates ISO 8601, Decimals exact strings, UUIDs
text and NaN/inf ``null``. Pydantic does the work (in Rust), so an export agrees
with what the model itself would send over the wire. Bytes are text as the model
writes them (UTF-8 unless its ``ser_json_bytes`` says base64 or hex); rows bound for
SQL (``raw_bytes=True``) keep top-level bytes fields as bytes, for BLOB columns.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ExportError
from pytest_forge.export.binary import BinaryFields, binary_fields, undecodable_path
from pytest_forge.relations.foreign_keys import snake_case

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["RecordEncoder", "json_text", "snake_case"]


def json_text(value: Any) -> str:
    """Compact JSON for a nested value inside a CSV cell or an SQL column."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


#: a record type's bytes fields, its dumper without them, and the dumper of only them
_Split = tuple[BinaryFields, "Callable[[Any], str]", "Callable[[Any], dict[str, Any]]"]


class RecordEncoder:
    """Encodes records of any kind the engine makes; one pydantic serializer per record type.

    ``raw_bytes=True`` (rows for SQL files and databases): top-level ``bytes`` fields stay bytes.
    """

    def __init__(self, *, raw_bytes: bool = False) -> None:
        self.raw_bytes = raw_bytes
        self._dumpers: dict[type, Callable[[Any], str]] = {}
        self._binary: dict[type, _Split | None] = {}

    def json(self, record: Any) -> str:
        """The record as one line of JSON (an object), as ``model_dump_json(by_alias=True)`` writes it."""
        return _encoded(self._dumper(type(record)), record)

    def _dumper(self, kind: type) -> Callable[[Any], str]:
        dump = self._dumpers.get(kind)
        if dump is None:
            dump = self._dumpers[kind] = _dumper_for(kind)
        return dump

    def row(self, record: Any) -> dict[str, Any]:
        """The record as a dict of JSON values (str, int, float, bool, None, list, dict); with
        ``raw_bytes``, its top-level bytes fields as bytes."""
        if not self.raw_bytes:
            return _as_object(self.json(record), record)
        split = self._split_for(type(record))
        if split is None:
            return _as_object(_encoded(self._dumper(type(record)), record, in_column=True), record)
        fields, dump_text, dump_raw = split
        return fields.merge(_as_object(_encoded(dump_text, record, in_column=True), record), dump_raw(record))

    def _split_for(self, kind: type) -> _Split | None:
        if kind not in self._binary:
            fields = binary_fields(kind)
            self._binary[kind] = (
                None
                if fields is None
                else (fields, _dumper_for(kind, exclude=fields.names), _raw_dumper_for(kind, fields.names))
            )
        return self._binary[kind]


def _encoded(dump: Callable[[Any], str], record: Any, *, in_column: bool = False) -> str:
    try:
        return dump(record)
    except ValueError as exc:  # PydanticSerializationError, or bytes that are not UTF-8
        raise _encoding_error(record, exc, in_column) from None


def _encoding_error(record: Any, exc: ValueError, in_column: bool) -> ExportError:
    kind = type(record)
    path = undecodable_path(record) if "utf-8" in str(exc).lower() else None
    if not path:
        return ExportError(f"cannot encode a {kind.__name__} as JSON: {exc}", model=kind)
    field = path.split(".")[0].split("[")[0]
    where, elsewhere = (
        ("inside a JSON column ", "")
        if in_column
        else ("", "; in SQL files and databases top-level bytes fields go to BLOB/bytea columns as they are")
    )
    return ExportError(
        f"cannot encode {kind.__name__}.{path} as JSON: its bytes are not UTF-8, and pydantic writes bytes "
        f"{where}as UTF-8 text unless the model that holds them sets "
        "model_config = ConfigDict(ser_json_bytes='base64', val_json_bytes='base64') (base64 text that reads "
        f"back equal){elsewhere}",
        model=kind,
        field=field,
    )


def _as_object(text: str, record: Any) -> dict[str, Any]:
    row = json.loads(text)
    if not isinstance(row, dict):
        raise ExportError(f"a {type(record).__name__} does not encode to a JSON object", model=type(record))
    return row


def _dumper_for(kind: type, exclude: frozenset[str] | None = None) -> Callable[[Any], str]:
    from pydantic import BaseModel, TypeAdapter

    from pytest_forge.export.mapped import is_mapped, row_dumper
    from pytest_forge.export.own_json import own_json_dumper

    left_out = set(exclude) if exclude else None
    if is_mapped(kind):
        return row_dumper(kind)  # column values, not the pydantic fields of a SQLModel table
    own = own_json_dumper(kind)  # msgspec Structs, attrs classes
    if own is not None:
        return own
    if issubclass(kind, BaseModel):
        if kind.model_config.get("ser_json_inf_nan") == "constants":
            return lambda record: _without_constants(record.model_dump_json(by_alias=True, exclude=left_out))
        return lambda record: record.model_dump_json(by_alias=True, exclude=left_out)
    adapter: TypeAdapter[Any] = TypeAdapter(Any if issubclass(kind, dict) else kind)
    return lambda record: adapter.dump_json(record, by_alias=True, exclude=left_out).decode()


def _raw_dumper_for(kind: type, names: frozenset[str]) -> Callable[[Any], dict[str, Any]]:
    """The ``names`` fields as Python values under their keys (bytes stay bytes)."""
    from pydantic import BaseModel, TypeAdapter

    wanted = set(names)
    if issubclass(kind, BaseModel):
        return lambda record: record.model_dump(by_alias=True, include=wanted)
    adapter: TypeAdapter[Any] = TypeAdapter(kind)
    return lambda record: adapter.dump_python(record, by_alias=True, include=wanted)


def _without_constants(text: str) -> str:
    """``NaN``/``Infinity`` are not JSON: a model that asks for them still gets ``null`` in files."""
    return json_text(json.loads(text, parse_constant=lambda _name: None))
