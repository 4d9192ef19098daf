"""Bad input gets a clear ForgeError naming the model and the field, never an internal traceback."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import BaseModel, Field, field_validator, model_validator

from pytest_forge import ConstraintError, Forge, ForgeError, UnsupportedTypeError, ValidationRejectedError


class Opaque:
    """A class pydantic accepts with arbitrary_types_allowed but we cannot invent."""


class HasOpaque(BaseModel):
    model_config = {"arbitrary_types_allowed": True}
    thing: Opaque


class Contradiction(BaseModel):
    value: int = Field(ge=10, le=5)


class Lengths(BaseModel):
    text: str = Field(min_length=5, max_length=2)


class LongPattern(BaseModel):
    code: str = Field(pattern=r"^a{10}$", max_length=5)


class PickyValidator(BaseModel):
    value: int = Field(ge=0, le=100)

    @field_validator("value")
    @classmethod
    def must_be_even(cls, value: int) -> int:
        if value % 2:
            raise ValueError("value must be even")
        return value


class ImpossibleValidator(BaseModel):
    value: int

    @field_validator("value")
    @classmethod
    def never(cls, value: int) -> int:
        raise ValueError("nothing is ever good enough")


class WholeModelValidator(BaseModel):
    low: int = Field(ge=0, le=10)
    high: int = Field(ge=0, le=10)

    @model_validator(mode="after")
    def ordered(self) -> WholeModelValidator:
        if self.low > self.high:
            raise ValueError("low must not exceed high")
        return self


class Loop(BaseModel):
    again: Loop


def test_unsupported_type_names_model_field_and_the_way_out() -> None:
    with pytest.raises(UnsupportedTypeError, match=r"HasOpaque\.thing .*Opaque.*register_provider") as info:
        Forge(seed=1).create(HasOpaque)
    assert info.value.field == "thing"
    assert isinstance(info.value, TypeError)


def test_unsupported_type_is_fine_when_overridden() -> None:
    thing = Opaque()
    assert Forge(seed=1).create(HasOpaque, thing=thing).thing is thing


def test_register_provider_supplies_a_custom_type() -> None:
    forge = Forge(seed=1)
    forge.register_provider(Opaque, lambda rng: Opaque())
    assert isinstance(forge.create(HasOpaque).thing, Opaque)


@pytest.mark.parametrize(
    ("model", "message"),
    [
        (Contradiction, r"Contradiction\.value.*ge=10.*le=5"),
        (Lengths, r"Lengths\.text.*min_length=5.*max_length=2"),
        (LongPattern, r"LongPattern\.code.*pattern"),
    ],
)
def test_contradictory_constraints_raise_constraint_error(model: type[BaseModel], message: str) -> None:
    with pytest.raises(ConstraintError, match=message):
        Forge(seed=1).create(model)


def test_validators_that_reject_some_draws_are_honoured() -> None:
    made = Forge(seed=2).create_batch(PickyValidator, count=100)
    assert all(item.value % 2 == 0 for item in made)


def test_model_validators_are_honoured() -> None:
    made = Forge(seed=2).create_batch(WholeModelValidator, count=100)
    assert all(item.low <= item.high for item in made)


def test_validators_that_always_reject_raise_naming_the_validator() -> None:
    with pytest.raises(
        ValidationRejectedError, match=r"ImpossibleValidator.*'value'.*never.*nothing is ever good"
    ):
        Forge(seed=3).create(ImpossibleValidator)


def test_invalid_override_names_the_field_and_pydantic_message() -> None:
    with pytest.raises(ConstraintError, match=r"PickyValidator\.value.*less than or equal to 100"):
        Forge(seed=1).create(PickyValidator, value=1000)


def test_override_of_an_unknown_field_is_a_forge_error() -> None:
    with pytest.raises(ForgeError, match=r"PickyValidator has no field named 'colour'.*value"):
        Forge(seed=1).create(PickyValidator, colour="red")


@pytest.mark.parametrize("thing", [42, "User", object(), PickyValidator(value=2)])
def test_non_model_argument_is_a_type_error_saying_what_is_accepted(thing: object) -> None:
    with pytest.raises(TypeError, match="BaseModel subclass"):
        Forge(seed=1).create(thing)


def test_recursive_model_without_an_exit_is_a_constraint_error_not_recursion_error() -> None:
    with pytest.raises(ConstraintError, match=r"Loop\.again.*recursive"):
        Forge(seed=1).create(Loop)


@pytest.mark.parametrize("count", [-1, 1.5, "3", True])
def test_bad_count_is_a_clear_type_error(count: object) -> None:
    with pytest.raises(TypeError, match="count must be a non-negative int"):
        Forge(seed=1).create_batch(PickyValidator, count=count)  # type: ignore[arg-type]


def test_bad_seed_is_a_clear_type_error() -> None:
    with pytest.raises(TypeError, match="seed"):
        Forge(seed=-4)


def test_unknown_forge_keyword_is_a_clear_type_error() -> None:
    with pytest.raises(TypeError, match=r"unexpected keyword.*sed"):
        Forge(sed=1)


def test_errors_carry_model_and_field_attributes() -> None:
    with pytest.raises(ConstraintError) as info:
        Forge(seed=1).create(Contradiction)
    assert info.value.model is Contradiction
    assert info.value.field == "value"
    assert info.value.model_name == "Contradiction"


class Annotated_(BaseModel):
    value: Annotated[int, Field(gt=5), Field(lt=7)]


def test_stacked_annotated_constraints_combine() -> None:
    assert Forge(seed=1).create(Annotated_).value == 6


def test_a_discriminator_function_that_raises_is_a_forge_error_not_a_leak() -> None:
    from pydantic import Discriminator, Tag

    class A(BaseModel):
        kind: str

    class B(BaseModel):
        size: int

    def picky(value: object) -> str:
        raise ValueError("cannot tell")

    class Holder(BaseModel):
        item: Annotated[Annotated[A, Tag("a")] | Annotated[B, Tag("b")], Discriminator(picky)]

    with pytest.raises(ValidationRejectedError, match=r"Holder.*ValueError: cannot tell"):
        Forge(seed=1).create(Holder)


def test_union_arms_that_cannot_be_generated_are_skipped() -> None:
    class Upload(BaseModel):
        model_config = {"arbitrary_types_allowed": True}
        content: bytes | Opaque

    assert all(isinstance(u.content, bytes) for u in Forge(seed=1).create_batch(Upload, count=10))


def test_an_optional_field_of_a_type_we_cannot_make_is_none() -> None:
    class Settings(BaseModel):
        model_config = {"arbitrary_types_allowed": True}
        client: Opaque | None = None
        name: str

    made = Forge(seed=1).create_batch(Settings, count=5)
    assert all(s.client is None for s in made)
    assert all(isinstance(s.name, str) for s in made)


@pytest.mark.parametrize("none_p", ["a", 1.5, True])
def test_a_bad_none_p_is_a_value_error_naming_it(none_p: object) -> None:
    with pytest.raises(ValueError, match="none_p must be a probability"):
        Forge(seed=1).create(PickyValidator, none_p=none_p)
