"""msgspec Structs: Meta constraints, renamed fields, nesting, refusals read from ValidationError."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec
import pytest

from pytest_forge import ConstraintError, Forge
from pytest_forge.adapters import is_model, model_spec


class Address(msgspec.Struct):
    street: Annotated[str, msgspec.Meta(max_length=30)]
    postcode: Annotated[str, msgspec.Meta(pattern=r"^\d{5}$")]


class Member(msgspec.Struct, rename="camel"):
    user_name: Annotated[str, msgspec.Meta(min_length=3, max_length=12)]
    age: Annotated[int, msgspec.Meta(ge=18, le=99)]
    joined: Annotated[dt.datetime, msgspec.Meta(tz=True)]
    address: Address
    scores: list[Annotated[int, msgspec.Meta(ge=0, le=10)]] = []
    plan: Literal["free", "paid"] = "free"


@pytest.fixture(scope="module")
def members() -> list[Member]:
    return Forge(seed=4).create_batch(Member, count=100)


def test_structs_are_models_of_their_own_kind() -> None:
    assert is_model(Member)
    assert model_spec(Member).kind == "msgspec"


def test_meta_constraints_hold_on_every_value(members: list[Member]) -> None:
    for m in members:
        assert 3 <= len(m.user_name) <= 12
        assert 18 <= m.age <= 99
        assert m.joined.tzinfo is not None
        assert all(0 <= s <= 10 for s in m.scores)
        assert len(m.address.street) <= 30
        assert m.address.postcode.isdigit()
        assert len(m.address.postcode) == 5


def test_renamed_fields_are_given_by_their_encoded_name_and_round_trip(members: list[Member]) -> None:
    assert model_spec(Member).by_name["user_name"].input_path == ("userName",)
    for m in members[:10]:
        assert msgspec.json.decode(msgspec.json.encode(m), type=Member) == m


def test_an_override_that_breaks_a_constraint_names_the_field() -> None:
    with pytest.raises(ConstraintError, match=r"Member\.age.*>= 18"):
        Forge(seed=1).create(Member, age=5)
