"""create(Model, count=...) and bad counts: clear errors in the user's terms, and a field named count."""

from __future__ import annotations

from typing import TypedDict

import pytest
from pydantic import BaseModel

from pytest_forge import ArgumentError, Forge, UnsupportedTypeError


class User(BaseModel):
    name: str


class Stock(BaseModel):
    sku: str
    count: int


def test_create_with_count_says_to_call_create_batch():
    with pytest.raises(ArgumentError, match=r"takes no count=.*create_batch\(User, count=3\)"):
        Forge(seed=1).create(User, count=3)


def test_create_with_count_overrides_a_field_named_count():
    forge = Forge(seed=1)
    assert forge.create(Stock, count=7).count == 7
    assert forge.create(Stock, count=8, field_values={"sku": "A-1"}) == Stock(sku="A-1", count=8)


def test_a_negative_batch_count_is_an_argument_error_and_still_a_type_error():
    with pytest.raises(ArgumentError, match="count must be a non-negative int, got -1"):
        Forge(seed=1).create_batch(User, count=-1)
    with pytest.raises(TypeError):
        Forge(seed=1).create_batch(User, count=-1)


class Movie(TypedDict):  # typing.TypedDict: pydantic wants typing_extensions' on Python < 3.12
    title: str


def test_a_typeddict_pydantic_cannot_read_is_a_forge_error_with_pydantics_advice():
    import sys

    if sys.version_info >= (3, 12):
        assert Forge(seed=1).create(Movie)["title"]
        return
    with pytest.raises(UnsupportedTypeError, match=r"typing_extensions\.TypedDict"):
        Forge(seed=1).create(Movie)
