"""Payloads a model's validator decodes (base64, zlib, gzip, JSON) though the field's type says nothing of it.

Event models (AWS Kinesis, CloudWatch logs, SQS bodies) decode a field in a before-validator and
validate what comes out; each kind is a small model of its own here, not the package it was found in.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import gzip
import json
import os
import zlib
from typing import Any

import pytest
from pydantic import BaseModel, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from pytest_forge import Forge
from pytest_forge.adapters.decoding import decoding_layer
from pytest_forge.adapters.pydantic_validation import raised_in_validator_of
from pytest_forge.errors import ValidationRejectedError
from pytest_forge.generation.encodings import encode, with_layer


class LogEvent(BaseModel):
    id: str
    message: str


class LogBatch(BaseModel):
    owner: str
    events: list[LogEvent]


class LogsData(BaseModel):
    """Base64 of gzip of JSON; every failure re-raised as one ValueError (the decoder's error is its
    context)."""

    decoded: LogBatch = Field(alias="data")

    @field_validator("decoded", mode="before")
    @classmethod
    def unpack(cls, value: Any) -> Any:
        try:
            return json.loads(zlib.decompress(base64.b64decode(value), zlib.MAX_WBITS | 32))
        except Exception:
            raise ValueError("unable to decompress data") from None


class Body(BaseModel):
    message_id: str
    attempts: int


class QueueRecord(BaseModel):
    """A JSON text holding another model, base64-encoded: ``json.loads(base64_decode(value))``."""

    body: Body
    receipt: str

    @field_validator("body", mode="before")
    @classmethod
    def unpack(cls, value: Any) -> Any:
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, TypeError):
            raise ValueError("base64 decode failed") from None
        return json.loads(raw)


class Envelope(BaseModel):
    """Plain JSON text of a mapping, parsed by the validator (the field is typed as what it parses to)."""

    attributes: dict[str, int]

    @field_validator("attributes", mode="before")
    @classmethod
    def parse(cls, value: Any) -> Any:
        return json.loads(value)


@pytest.mark.parametrize("model", [LogsData, QueueRecord, Envelope])
def test_a_field_a_validator_decodes_is_drawn_encoded_the_way_it_decodes(model: type[BaseModel]) -> None:
    made = Forge(seed=1).create_batch(model, count=5)
    assert all(type(m) is model for m in made)


def test_decoded_payloads_hold_the_fields_own_values() -> None:
    batch = Forge(seed=2).create(LogsData).decoded
    assert isinstance(batch, LogBatch)
    assert all(isinstance(event, LogEvent) for event in batch.events)
    body = Forge(seed=2).create(QueueRecord).body
    assert isinstance(body.attempts, int)


def test_what_was_learned_stays_with_the_model_and_the_same_seed_gives_the_same_payloads() -> None:
    first = [m.model_dump() for m in Forge(seed=3).create_batch(LogsData, count=4)]
    again = [m.model_dump() for m in Forge(seed=3).create_batch(LogsData, count=4)]
    assert first == again
    assert len({json.dumps(m, default=str) for m in first}) == 4


class Opaque(BaseModel):
    """A decoder that refuses every draw the same way: still a clear error naming the field."""

    token: str

    @field_validator("token", mode="before")
    @classmethod
    def check(cls, value: Any) -> Any:
        base64.b64decode(value, validate=True)
        raise ValueError("token is never valid")


def test_a_decoding_that_never_passes_is_still_a_clear_error_naming_the_field() -> None:
    with pytest.raises(ValidationRejectedError, match=r"Opaque.*'token'"):
        Forge(seed=1).create(Opaque)


def _refusal(model: type[BaseModel], data: dict[str, Any]) -> BaseException:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return info.value.errors()[0]["ctx"]["error"]  # type: ignore[no-any-return]


def test_the_decoding_is_read_from_the_error_its_validator_raised_or_raised_it_from() -> None:
    assert decoding_layer(_refusal(QueueRecord, {"body": {"x": 1}, "receipt": "r"})) == "base64"
    assert decoding_layer(_refusal(QueueRecord, {"body": "e30K!", "receipt": "r"})) == "base64"
    not_json = base64.b64encode(b"not json").decode()
    assert decoding_layer(_refusal(QueueRecord, {"body": not_json, "receipt": "r"})) == "json"
    not_zipped = base64.b64encode(b"{}").decode()
    assert decoding_layer(_refusal(LogsData, {"data": not_zipped})) == "zlib"
    with pytest.raises(TypeError) as raw:  # pydantic leaves a TypeError unwrapped
        Envelope.model_validate({"attributes": {"a": 1}})
    assert decoding_layer(raw.value) == "json"
    assert raised_in_validator_of(Envelope, raw.value) == ("attributes",)
    assert raised_in_validator_of(QueueRecord, raw.value) == ()
    assert decoding_layer(ValueError("plain")) is None
    assert decoding_layer("a context's text, not an exception") is None
    assert decoding_layer(OSError("gzip", "not a gzipped file")) is None
    assert decoding_layer(gzip.BadGzipFile("Not a gzipped file")) == "gzip"


def test_json_dumps_failing_is_not_a_decoding() -> None:
    with pytest.raises(TypeError) as info:
        json.dumps(object())
    assert decoding_layer(info.value) is None


def test_layers_are_applied_outermost_first_and_each_refusal_adds_one_inside() -> None:
    assert with_layer((), "base64") == ("base64",)
    assert with_layer(("base64",), "zlib") == ("base64", "zlib")
    assert with_layer(("base64", "zlib"), "base64") == ("base64", "zlib")
    text = encode({"a": [1, 2]}, ("base64", "gzip"))
    assert json.loads(gzip.decompress(base64.b64decode(text))) == {"a": [1, 2]}
    assert encode("hi", ("json",)) == '"hi"'
    assert base64.b64decode(encode(b"\x00\x01", ("base64",))) == b"\x00\x01"
    assert json.loads(base64.b64decode(encode("hé", ("base64", "json")))) == "hé"
    assert encode(b"x", ("gzip",)) == encode(b"x", ("gzip",))  # no timestamp in the bytes
    assert encode({"kind": LogEvent}, ("json",)) == '{"kind": "LogEvent"}'  # a class drawn for type[...]
    loop: list[Any] = []
    loop.append(loop)
    assert isinstance(encode(loop, ("json",)), str)


def _typed_value(value: dict[str, Any]) -> Any:
    kind = next(iter(value.keys()))  # AttributeError on anything but a mapping: pydantic leaves it unwrapped
    if kind not in ("S", "N"):
        raise ValueError(f"type {kind} is not supported")
    return value[kind]


class ChangedItem(BaseModel):
    """Attribute-value maps (``{"Id": {"N": "101"}}``) read by a before-validator; only the examples
    say so."""

    keys: dict[str, Any] = Field(examples=[{"Id": {"N": "101"}}])
    image: dict[str, Any] | None = Field(default=None, examples=[{"Message": {"S": "New item!"}}])
    size: int

    @field_validator("keys", "image", mode="before")
    @classmethod
    def read_typed(cls, value: Any) -> Any:
        return None if value is None else {k: _typed_value(v) for k, v in value.items()}


def test_an_error_a_fields_validator_raises_outside_pydantic_lets_that_field_try_its_examples() -> None:
    made = Forge(seed=1).create_batch(ChangedItem, count=5)
    assert all(m.keys == {"Id": "101"} for m in made)


class Stamped(BaseModel):
    """One input key read by two fields: as a number, and as a datetime a validator makes with ``int()``."""

    epoch: float = Field(alias="timeEpoch")
    at: datetime.datetime = Field(alias="timeEpoch")

    @field_validator("at", mode="before")
    @classmethod
    def from_milliseconds(cls, value: Any) -> Any:
        return round(int(value) / 1000)


def test_an_input_key_two_fields_read_gets_the_value_both_accept() -> None:
    made = Forge(seed=1).create_batch(Stamped, count=5)
    assert all(m.at.timestamp() == pytest.approx(round(int(m.epoch) / 1000), abs=1) for m in made)


class Cluster(BaseModel):
    """A list its validator splits from one text (``"b-1:9092,b-2:9092"``)."""

    servers: list[str]

    @field_validator("servers", mode="before")
    @classmethod
    def split_servers(cls, value: Any) -> Any:
        return value.split(",") if value else None


class ExampledCluster(Cluster):
    """The same, with examples given as the split list (what the field holds, not what it reads)."""

    servers: list[str] = Field(examples=[["b-1:9092", "b-2:9092"]])


@pytest.mark.parametrize("model", [Cluster, ExampledCluster])
def test_a_list_its_validator_splits_from_text_is_drawn_as_that_text(model: type[Cluster]) -> None:
    made = Forge(seed=1).create_batch(model, count=5)
    assert all(type(m) is model for m in made)
    assert encode(["a", "b"], ("split",)) == "a,b"
    assert encode(["a", "b"], ("base64", "split")) == base64.b64encode(b"a,b").decode()


class Reranker(BaseModel):
    """Reads an API key from the environment in its own ``__init__``."""

    model: str

    def __init__(self, **data: Any) -> None:
        os.environ["FORGE_TEST_UNSET_API_KEY"]
        super().__init__(**data)


class Splitter(BaseModel):
    """Needs a package that is not installed."""

    language: str

    def __init__(self, **data: Any) -> None:
        import forge_test_package_not_installed  # type: ignore[import-not-found]  # noqa: F401

        super().__init__(**data)


def test_a_model_needing_an_unset_environment_variable_says_to_set_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("FORGE_TEST_UNSET_API_KEY", raising=False)
    with pytest.raises(ValidationRejectedError) as info:
        Forge(seed=1).create(Reranker)
    message = str(info.value)
    assert message.startswith("Reranker: ")
    assert "the environment variable FORGE_TEST_UNSET_API_KEY is not set" in message
    assert "set it (monkeypatch.setenv in a test)" in message


def test_a_model_needing_a_missing_package_says_to_install_it() -> None:
    with pytest.raises(ValidationRejectedError) as info:
        Forge(seed=1).create(Splitter)
    message = str(info.value)
    assert "No module named 'forge_test_package_not_installed'" in message
    assert "needs a package that is not installed: install the package the error names" in message


class Branching(BaseModel):
    """A field's refusal whose context holds text, not an exception (``PydanticCustomError``'s ``error``)."""

    fork: str

    @field_validator("fork")
    @classmethod
    def short(cls, value: str) -> str:
        if len(value) % 2:
            raise PydanticCustomError("odd", "{error}", {"error": "fork names have an even length"})
        return value


def test_a_refusal_whose_context_is_text_is_read_as_any_other() -> None:
    made = Forge(seed=1).create_batch(Branching, count=3)
    assert all(len(m.fork) % 2 == 0 for m in made)
