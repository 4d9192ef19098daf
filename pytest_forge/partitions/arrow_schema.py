"""A pyarrow schema derived from a model, and the conversions between its JSON rows and Arrow values.

ints are int64, Decimals with ``max_digits`` are ``decimal128(max_digits, decimal_places)``, aware
datetimes are UTC timestamps, naive ones plain timestamps, enums and Literals dictionaries, lists
Arrow lists, nested models structs. What Arrow has no exact type for (dicts, unions, fixed tuples,
durations, unconstrained Decimals) is kept exactly: as the text pydantic's JSON gives it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ExportError
from pytest_forge.export.encode import RecordEncoder, json_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    import pyarrow as pa

    from pytest_forge.spec import FieldSpec, ModelSpec, TypeSpec

__all__ = ["ArrowBatcher", "ArrowColumn", "arrow_columns", "arrow_schema"]

_STRINGS = frozenset(
    {
        "str", "bytes", "uuid", "timedelta", "email", "name_email", "url", "ip_address", "ip_network",
        "ip_interface", "path", "payment_card", "color", "secret_str", "secret_bytes",
    }
)  # fmt: skip
_LISTS = frozenset({"list", "set", "frozenset", "deque"})
_MAX_NESTING = 4
_UTC = dt.UTC


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True, slots=True)
class ArrowColumn:
    """One column: its Arrow type, JSON value → Arrow value on write, Arrow value → model input on read."""

    key: str
    type: pa.DataType
    to_arrow: Callable[[Any], Any] = _same
    from_arrow: Callable[[Any], Any] = _same


def arrow_schema(spec: ModelSpec) -> pa.Schema:
    """The schema of a model's rows (keys as the model's JSON writes them: by alias)."""
    import pyarrow as pa

    return pa.schema([pa.field(c.key, c.type) for c in arrow_columns(spec)])


class ArrowBatcher:
    """A model's records as Arrow record batches of :func:`arrow_schema` (Parquet parts, Dask frames)."""

    def __init__(self, model: Any) -> None:
        from pytest_forge.adapters import model_spec

        spec = model_spec(model)
        self.model = model
        self.columns = arrow_columns(spec)
        self.schema = arrow_schema(spec)
        self.encoder = RecordEncoder()

    def batch(self, records: Iterable[Any]) -> pa.RecordBatch:
        """One batch of ``records`` (an ExportError naming the model when a value does not fit)."""
        import pyarrow as pa

        rows = []
        for record in records:
            row = self.encoder.row(record)
            rows.append({c.key: c.to_arrow(row.get(c.key)) for c in self.columns})
        try:
            return pa.RecordBatch.from_pylist(rows, schema=self.schema)
        except (pa.ArrowException, ValueError, TypeError) as exc:
            raise ExportError(
                f"cannot write {self.model.__name__} records as Arrow/Parquet: {exc}", model=self.model
            ) from None


def arrow_columns(spec: ModelSpec, depth: int = 0) -> list[ArrowColumn]:
    """A column per field the model describes (computed fields are left out: the model recomputes them)."""
    return [_column(field, depth) for field in spec.fields if not field.computed]


def _column(field: FieldSpec, depth: int) -> ArrowColumn:
    key = field.input_path[0] if field.input_path and isinstance(field.input_path[0], str) else field.name
    arrow_type, to_arrow, from_arrow = _typed(field.type.inner(), depth)
    return ArrowColumn(key, arrow_type, _keep_none(to_arrow), _keep_none(from_arrow))


def _keep_none(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    if convert is _same:
        return convert
    return lambda value: None if value is None else convert(value)


Typed = tuple["pa.DataType", "Callable[[Any], Any]", "Callable[[Any], Any]"]


def _typed(spec: TypeSpec, depth: int) -> Typed:
    import pyarrow as pa

    kind = spec.kind
    simple = {"int": pa.int64(), "byte_size": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    if kind in simple:
        return simple[kind], _same, _same
    if kind in _STRINGS:
        return pa.string(), _same, _same
    if kind == "decimal" and spec.max_digits is not None and spec.max_digits <= 38:
        return pa.decimal128(spec.max_digits, spec.decimal_places or 0), Decimal, _same
    if kind in ("datetime", "date", "time"):
        return _temporal(spec)
    if kind in ("enum", "literal"):
        return _dictionary(spec)
    if kind in _LISTS or (kind == "tuple" and spec.variadic):
        return _list(spec, depth)
    if kind == "model" and depth < _MAX_NESTING:
        return _struct(spec, depth)
    return pa.string(), json_text, json.loads  # exact as JSON text: dicts, unions, fixed tuples, ...


def _temporal(spec: TypeSpec) -> Typed:
    import pyarrow as pa

    if spec.kind == "date":
        return pa.date32(), dt.date.fromisoformat, _same
    if spec.kind == "time":
        if spec.tz == "aware":
            return pa.string(), _same, _same
        return pa.time64("us"), dt.time.fromisoformat, _same
    if spec.tz == "aware":
        return pa.timestamp("us", tz="UTC"), _utc, _same
    return pa.timestamp("us"), dt.datetime.fromisoformat, _same


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(_UTC)


def _dictionary(spec: TypeSpec) -> Typed:
    import pyarrow as pa

    values = [getattr(c, "value", c) for c in spec.choices]
    if values and all(isinstance(v, str) for v in values):
        return pa.dictionary(pa.int32(), pa.string()), _same, _same
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return pa.dictionary(pa.int32(), pa.int64()), _same, _same
    return pa.dictionary(pa.int32(), pa.string()), json_text, json.loads


def _list(spec: TypeSpec, depth: int) -> Typed:
    import pyarrow as pa

    if not spec.args:
        return pa.string(), json_text, json.loads
    item_type, item_in, item_out = _typed(spec.args[0].inner(), depth + 1)
    item_in, item_out = _keep_none(item_in), _keep_none(item_out)
    return (
        pa.list_(item_type),
        lambda items: [item_in(v) for v in items],
        lambda items: [item_out(v) for v in items],
    )


def _struct(spec: TypeSpec, depth: int) -> Typed:
    import pyarrow as pa

    from pytest_forge.adapters import model_spec

    columns = arrow_columns(model_spec(spec.model), depth + 1)
    if not columns:
        return pa.string(), json_text, json.loads
    arrow_type = pa.struct([pa.field(c.key, c.type) for c in columns])

    def to_arrow(row: dict[str, Any]) -> dict[str, Any]:
        return {c.key: c.to_arrow(row.get(c.key)) for c in columns}

    def from_arrow(row: dict[str, Any]) -> dict[str, Any]:
        return {c.key: c.from_arrow(row.get(c.key)) for c in columns}

    return arrow_type, to_arrow, from_arrow
