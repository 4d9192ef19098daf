"""Field values encoded the way a refusing validator decodes them: base64, zlib, gzip, JSON, joined text.

A refusal that came from a decoding (adapters/decoding.py: a ``binascii.Error``, a ``TypeError``
raised inside ``base64``, a ``JSONDecodeError``) adds that layer to the field's encoding, inside the
layers its refused value already had: CloudWatch logs are refused first by ``b64decode`` (base64 of
the drawn value is tried), then by ``zlib.decompress`` (base64 of zlib of it), then parse. The value
encoded is the field's own draw, as bytes (text as UTF-8, anything else as JSON text): a validator
that decodes a field typed ``Model`` usually returns what the model is built from.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import enum
import gzip
import json
import zlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import random

    from pytest_forge.generation.compiler import Gen

__all__ = ["Encoded", "encode", "with_layer", "worth_encoding"]

#: how many layers a field's values may get (each refusal adds at most one)
MAX_LAYERS = 4


def with_layer(layers: tuple[str, ...], layer: str) -> tuple[str, ...]:
    """The layers to try after a value encoded in ``layers`` was refused by a ``layer`` decoding:
    ``layer`` inside them (the refusal came from under the layers that passed), unless it is already
    one of them (then nothing new was learned)."""
    if layer in layers or len(layers) >= MAX_LAYERS:
        return layers
    return (*layers, layer)


def worth_encoding(examples: tuple[Any, ...], refused: Any) -> bool:
    """Whether a field a decoding refused gets encoded draws: its own examples come first (its authors'
    encoded values: Kafka's base64 ``value``), unless the value refused was one of them (Kafka's
    ``bootstrapServers`` examples are the list its validator splits text into)."""
    try:
        return not examples or any(refused == example for example in examples)
    except Exception:  # a value whose == raises cannot be told apart
        return True


class Encoded:
    """The field's own draws, encoded in ``layers`` (outermost first)."""

    __slots__ = ("draw", "layers")

    def __init__(self, draw: Gen, layers: tuple[str, ...]) -> None:
        self.draw, self.layers = draw, layers

    def __call__(self, rng: random.Random) -> Any:
        return encode(self.draw(rng), self.layers)


def encode(value: Any, layers: tuple[str, ...]) -> Any:
    """``value`` encoded in ``layers``, outermost first: base64 gives ASCII text, zlib and gzip bytes,
    json the value's JSON text; innermost, text is UTF-8 and anything else JSON text."""
    if not layers:
        return value
    inner = layers[-1]
    if inner == "split":  # the items as one text, comma-separated (a list split back by its validator)
        items = value if isinstance(value, (list, tuple)) else [value]
        encoded: Any = ",".join(str(item) for item in items)
    elif inner == "json":
        encoded = _json_text(value)
    elif isinstance(value, (bytes, bytearray)):
        encoded = bytes(value)
    else:
        encoded = value.encode() if isinstance(value, str) else _json_text(value).encode()
    for layer in reversed(layers[:-1] if inner in ("json", "split") else layers):
        encoded = _apply(layer, encoded)
    return encoded


def _apply(layer: str, data: str | bytes) -> str | bytes:
    raw = data.encode() if isinstance(data, str) else data
    if layer == "base64":
        return base64.b64encode(raw).decode("ascii")
    if layer == "zlib":
        return zlib.compress(raw)
    if layer == "gzip":
        return gzip.compress(raw, mtime=0)  # no timestamp: the same draw gives the same bytes
    return raw.decode("utf-8", "replace")  # "json" between two byte layers: the text is already JSON


def _json_text(value: Any) -> str:
    try:
        return json.dumps(value, default=_jsonable, ensure_ascii=False)
    except (TypeError, ValueError):  # what a dump raised (a circular value): the text of the value
        return json.dumps(str(value), ensure_ascii=False)


def _jsonable(value: Any) -> Any:
    """What JSON holds for a drawn value json cannot write (an instance, a date, a set, bytes)."""
    if isinstance(value, type):  # a class drawn for ``type[Model]``
        return value.__qualname__
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    dump = getattr(value, "model_dump", None)  # a validated nested model (pydantic's)
    if callable(dump):
        return dump(mode="json", by_alias=True)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)
