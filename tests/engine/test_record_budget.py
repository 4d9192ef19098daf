"""One record's budget: nested instances drawn (lists multiply a graph) and refused validations only.

Regressions from the outside sweep: FHIR R5 resources drew thousands of nested instances per record
(every primitive has an optional ``_field`` extension model holding lists of extensions), and every
successful nested validation counted against the 200 validations a record could spend, so valid
resources ended in ValidationRejectedError.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, field_validator

from pytest_forge import Forge
from pytest_forge.generation.budget import MAX_RECORD_MODELS, MAX_REFUSALS


def _models_in(value: Any) -> int:
    if isinstance(value, BaseModel):
        return 1 + sum(_models_in(getattr(value, name)) for name in type(value).model_fields)
    if isinstance(value, (list, tuple)):
        return sum(_models_in(item) for item in value)
    return 0


class Speck(BaseModel):
    size: int


class Bit(BaseModel):
    specks: Annotated[list[Speck], Field(min_length=4)] | None = None
    more: list[Speck] = []


class Part(BaseModel):
    bits: Annotated[list[Bit], Field(min_length=4)] | None = None


class Fan(BaseModel):
    """Over 100 nested models when every optional list is filled: lists multiply, compiling does not."""

    name: str
    parts: Annotated[list[Part], Field(min_length=4)] | None = None


def test_optional_model_parts_keep_their_defaults_once_a_record_drew_its_share() -> None:
    made = Forge(seed=1, none_p=0).create_batch(Fan, count=5)
    # lists started before the budget ran out finish (with their items cut): a few more per level;
    # uncut, each record holds 84 models plus the ``more`` lists (about 115)
    assert all(_models_in(item) <= MAX_RECORD_MODELS + 20 for item in made)
    assert all(_models_in(item) > 4 for item in made)  # still a real graph


class Checked(BaseModel):
    """A model with a validator of its own: each nested one is validated on its own."""

    n: int

    @field_validator("n")
    @classmethod
    def any_int(cls, value: int) -> int:
        return value


class Row(BaseModel):
    cells: list[Checked] = Field(min_length=16)


class Sheet(BaseModel):
    rows: list[Row] = Field(min_length=16)


def test_validations_that_pass_are_not_counted_against_the_record() -> None:
    """16 + 256 required, validated nested models: more than the refusals one record may spend."""
    assert MAX_REFUSALS < 16 * 17
    made = Forge(seed=2).create(Sheet)
    assert len(made.rows) >= 16
    assert all(len(row.cells) >= 16 for row in made.rows)
