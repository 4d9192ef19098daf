"""Types that describe themselves to pydantic, stand-ins for models, and validators with opinions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import BaseModel, GetCoreSchemaHandler, field_validator, model_validator
from pydantic_core import core_schema

from pytest_forge import Forge
from pytest_forge.errors import UnsupportedTypeError, ValidationRejectedError


class TicketCode(str):
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        text = core_schema.str_schema(pattern=r"^[A-Z]{3}-\d{4}$")
        return core_schema.no_info_after_validator_function(cls, text)


class Scores:
    def __init__(self, values: list[int]) -> None:
        self.values = values

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        items = core_schema.list_schema(core_schema.int_schema(gt=0, lt=10), min_length=2, max_length=4)
        return core_schema.no_info_after_validator_function(cls, items)


class Opaque:
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(lambda value: cls())


class Ticket(BaseModel):
    code: TicketCode
    scores: Scores
    backup: TicketCode | None = None


class Coding(BaseModel):
    system: str
    code: str


class CodingType:
    """A stand-in in the style of FHIR's ``CodingType``: validates into the model it names."""

    @classmethod
    def get_model_klass(cls) -> type[BaseModel]:
        return Coding

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_wrap_validator_function(
            lambda value, next_: Coding.model_validate(value), core_schema.any_schema()
        )


class Observation(BaseModel):
    coding: CodingType


class HoldsOpaque(BaseModel):
    thing: Opaque


def test_a_custom_type_is_generated_from_its_core_schema() -> None:
    for ticket in Forge(seed=1).create_batch(Ticket, count=10):
        assert isinstance(ticket.code, TicketCode)
        assert ticket.code[3] == "-"
        assert 2 <= len(ticket.scores.values) <= 4
        assert all(0 < v < 10 for v in ticket.scores.values)


def test_a_stand_in_type_gets_the_model_it_names() -> None:
    made = Forge(seed=1).create(Observation)
    assert isinstance(made.coding, Coding)


def test_a_plain_validator_with_no_input_schema_stays_a_clear_error() -> None:
    with pytest.raises(UnsupportedTypeError, match=r"HoldsOpaque\.thing"):
        Forge(seed=1).create(HoldsOpaque)


class WantsAware(BaseModel):
    when: dt.datetime

    @field_validator("when")
    @classmethod
    def aware_only(cls, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            raise ValueError("DateTime must be timezone aware")
        return value


def test_a_validator_refusing_naive_datetimes_gets_aware_ones() -> None:
    made = Forge(seed=1).create_batch(WantsAware, count=10)
    assert all(item.when.tzinfo is not None for item in made)


class OneOf(BaseModel):
    """FHIR-style choice: at most one of the value fields."""

    value_string: str | None = None
    value_integer: int | None = None
    value_boolean: bool | None = None
    note: str

    @model_validator(mode="after")
    def at_most_one_value(self) -> OneOf:
        given = [v for v in (self.value_string, self.value_integer, self.value_boolean) if v is not None]
        if len(given) > 1:
            raise ValueError("only one value[x] may be given")
        return self


def test_a_whole_model_refusal_leaves_optional_fields_out() -> None:
    made = Forge(seed=2, none_p=0).create_batch(OneOf, count=10)
    for item in made:
        assert sum(v is not None for v in (item.value_string, item.value_integer, item.value_boolean)) <= 1


class NeverHappy(BaseModel):
    x: int

    @model_validator(mode="after")
    def refuse(self) -> NeverHappy:
        raise ValueError("never")


class Nest(BaseModel):
    items: list[NeverHappy] = []
    inner: NeverHappy


def test_nested_refusals_stop_within_one_budget_with_a_clear_error() -> None:
    with pytest.raises(ValidationRejectedError, match="NeverHappy"):
        Forge(seed=1).create(Nest)


class Record(BaseModel):
    value: Any

    @field_validator("value")
    @classmethod
    def a_mapping(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError("Input should be an instance of DotDict")
        return value


def test_an_any_field_whose_validator_wants_a_mapping_gets_one() -> None:
    made = Forge(seed=1).create_batch(Record, count=5)
    assert all(isinstance(item.value, dict) for item in made)


class Checksum(str):
    """bioimageio's ``ValidatedString``: a plain str in its core schema, validated by a model of its own
    in ``__new__``; only its JSON schema tells the bounds."""

    bounded: Any = None  # the RootModel, made below

    def __new__(cls, value: object) -> Checksum:
        return super().__new__(cls, cls.bounded.model_validate(value).root)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_after_validator_function(cls, handler(str))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> Any:
        return cls.bounded.model_json_schema(mode=handler.mode)


def _bounded_checksum() -> None:
    from typing import Annotated

    from pydantic import RootModel, StringConstraints

    Checksum.bounded = RootModel[Annotated[str, StringConstraints(min_length=64, max_length=64)]]


_bounded_checksum()


class Download(BaseModel):
    url: str
    sha256: Checksum


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_str_type_gives_its_bounds_in_its_json_schema_only(seed: int) -> None:
    assert len(Forge(seed=seed).create(Download).sha256) == 64


class WebAddress(str):
    """The same kind of type over pydantic's ``HttpUrl``: its JSON schema says ``"format": "uri"``."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_after_validator_function(cls._checked, handler(str))

    @classmethod
    def _checked(cls, value: str) -> WebAddress:
        from pydantic import HttpUrl, TypeAdapter

        return cls(str(TypeAdapter(HttpUrl).validate_python(value)))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> Any:
        from pydantic import HttpUrl, TypeAdapter

        return TypeAdapter(HttpUrl).json_schema(mode=handler.mode)


class Dataset(BaseModel):
    source: WebAddress


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_str_type_whose_json_schema_says_uri_gets_urls(seed: int) -> None:
    assert Forge(seed=seed).create(Dataset).source.startswith(("http://", "https://"))
