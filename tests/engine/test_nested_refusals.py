"""Refusals located inside nested models drawn as input dicts: the re-draws follow the location into
the nested model's own field (its variant tried, the rest kept). Regressions from the outside sweep
(bioimageio.spec's axis ids that must be identifiers, inside lists of tensors inside a description),
as small models."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, Field, field_validator
from pydantic_core import core_schema

from pytest_forge import Forge

SEEDS = (0, 1, 2, 3, 4)


def _identifier(value: str) -> str:
    if not value.isidentifier():
        raise ValueError(f"{value!r} is not a valid identifier")
    return value


class Ident(str):
    """A str type validating itself (no validator the parent model can see): drawn as a plain str."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(_identifier, core_schema.str_schema())


class Axis(BaseModel):
    id: Ident
    size: int


class Tensor(BaseModel):
    name: str
    axes: list[Axis] = Field(min_length=1)


class Description(BaseModel):
    title: str
    inputs: list[Tensor] = Field(min_length=1)


class SpaceAxis(BaseModel):
    kind: Literal["space"] = "space"
    id: Ident


class TimeAxis(BaseModel):
    kind: Literal["time"] = "time"
    id: Ident
    unit: str | None = None


class Tagged(BaseModel):
    axes: dict[str, Annotated[SpaceAxis | TimeAxis, Field(discriminator="kind")]] = Field(min_length=1)
    first: tuple[Axis, int] | None = None


@pytest.mark.parametrize("seed", SEEDS)
def test_a_refusal_deep_in_lists_of_nested_models_redraws_that_leaf(seed: int) -> None:
    made = Forge(seed=seed).create(Description)
    assert all(axis.id.isidentifier() for tensor in made.inputs for axis in tensor.axes)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_refusal_inside_tagged_unions_in_dicts_and_tuples_redraws_that_leaf(seed: int) -> None:
    made = Forge(seed=seed).create(Tagged)
    assert all(axis.id.isidentifier() for axis in made.axes.values())
    assert made.first is None or made.first[0].id.isidentifier()


def test_the_location_names_the_model_holding_the_leaf() -> None:
    from pytest_forge.adapters import model_spec
    from pytest_forge.generation.locations import holder_of

    inputs = model_spec(Description).by_name["inputs"].type
    assert holder_of(inputs, (0, "axes", 1, "id")) is Axis
    assert holder_of(inputs, (0, "name")) is Tensor
    assert holder_of(inputs, (0,)) is None  # the list item itself: nothing deeper to re-draw
    axes = model_spec(Tagged).by_name["axes"].type
    assert holder_of(axes, ("k", "time", "id")) is TimeAxis
    assert holder_of(axes, ("k", "space", "id")) is SpaceAxis
    first = model_spec(Tagged).by_name["first"].type
    assert holder_of(first, (0, "id")) is Axis
    assert holder_of(first, (1,)) is None


def test_same_seed_same_data_after_nested_refusals() -> None:
    one = [m.model_dump() for m in Forge(seed=7).create_batch(Description, 3)]
    two = [m.model_dump() for m in Forge(seed=7).create_batch(Description, 3)]
    assert one == two


class Slugged(BaseModel):
    key: str

    @field_validator("key")
    @classmethod
    def identifier(cls, value: str) -> str:
        return _identifier(value)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_plain_str_a_validator_wants_an_identifier_gets_one(seed: int) -> None:
    assert Forge(seed=seed).create(Slugged).key.isidentifier()


@pytest.mark.parametrize(
    ("drawn", "shaped"),
    [("3f2a-91", "xf2a_91"), ("Grant West", "grant_west"), ("class", "xlass"), ("é9", "x9"), ("", "")],
)
def test_the_identifier_variant_keeps_the_length(drawn: str, shaped: str) -> None:
    from pytest_forge.generation.variants import shape_identifier

    assert shape_identifier(drawn) == shaped
    assert not shaped or shaped.isidentifier()
