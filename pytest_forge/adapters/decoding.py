"""Which decoding a validator's refusal came from: base64, zlib, gzip, JSON, or splitting text.

Event payloads arrive encoded: a before-validator base64-decodes a field (AWS Kinesis records), then
decompresses (CloudWatch logs: gzip inside base64) and parses the JSON inside. Nothing in the field's
type says so; the refusal does. Its exception, or one it was raised from or while handling (a
validator's ``except binascii.Error: raise ValueError("decode failed")``), is of a decoder's type or
raised inside a decoder's module (``base64.b64decode(a_dict)`` raises a ``TypeError`` there). The
layer found tells the re-draws how to encode the field's values (generation/encodings.py). A list
a validator calls ``split`` on (``value.split(",")``: Kafka's bootstrap servers) wants its items as
one text.
"""

from __future__ import annotations

import binascii
import gzip
import json
import zlib

__all__ = ["LAYERS", "decoding_layer"]

#: the layers a value can be encoded in (the order of this tuple means nothing)
LAYERS = ("base64", "zlib", "gzip", "json", "split")

_BY_TYPE: tuple[tuple[type[BaseException], str], ...] = (
    (binascii.Error, "base64"),
    (json.JSONDecodeError, "json"),
    (gzip.BadGzipFile, "gzip"),
    (zlib.error, "zlib"),
)
#: modules whose own frames raising an error say which decoding refused the value
_BY_MODULE = {"base64": "base64", "json": "json", "json.decoder": "json", "gzip": "gzip"}
#: the methods a validator splits text with
_SPLITS = ("split", "rsplit", "splitlines")
#: how many exceptions of a chain are looked at (chains are short; a cycle must not loop)
_CHAIN = 8


def decoding_layer(exc: object) -> str | None:
    """The decoding (one of :data:`LAYERS`) that ``exc`` or an exception it was raised from or while
    handling came from, or None when none did (or ``exc`` is no exception: a context's text)."""
    for _ in range(_CHAIN):
        if not isinstance(exc, BaseException):
            return None
        layer = _layer_of(exc)
        if layer is not None:
            return layer
        exc = exc.__cause__ or exc.__context__
    return None


def _layer_of(exc: BaseException) -> str | None:
    if isinstance(exc, AttributeError) and exc.name in _SPLITS and isinstance(exc.obj, (list, tuple)):
        return "split"
    for kind, layer in _BY_TYPE:
        if isinstance(exc, kind):
            return layer
    tb = exc.__traceback__
    if tb is None:
        return None
    while tb.tb_next is not None:  # where it was raised: a decoder's own frame (not json.dumps's encoder)
        tb = tb.tb_next
    return _BY_MODULE.get(tb.tb_frame.f_globals.get("__name__", ""))
