"""Models that repeat a field's type share one description of it (issue 11, compile cost).

Third-party packages repeat the same fields across hundreds of models; each cached description held
its own copies, which every full garbage collection walks. Equal descriptions are now one object,
compared exactly: ``Literal[1]`` and ``Literal[True]`` (equal in Python) stay apart, and the shared
objects go when the last model describing them goes.
"""

from __future__ import annotations

import weakref
from typing import Literal

import pytest
from pydantic import BaseModel, Field, create_model

from pytest_forge import Forge
from pytest_forge.adapters import model_spec
from pytest_forge.adapters.shared_specs import share_descriptions
from pytest_forge.spec import FieldSpec, ModelSpec, TypeSpec


class Tag(BaseModel):
    label: str = Field(pattern=r"^[a-z]{3,8}$")


class Invoice(BaseModel):
    code: str = Field(min_length=2, max_length=6)
    serial: str = Field(pattern=r"^[A-Z]{2}\d{4}$")
    tags: list[Tag] | None = None
    total: float = Field(ge=0.0)


class Receipt(BaseModel):
    code: str = Field(min_length=2, max_length=6)
    serial: str = Field(pattern=r"^[A-Z]{2}\d{4}$")
    tags: list[Tag] | None = None
    total: float = Field(ge=-0.0)
    note: str = Field(default="", description="what the buyer wrote")


class Refund(BaseModel):
    total: float = Field(ge=0.0)


class Reminder(BaseModel):
    note: str = Field(default="", description="what the seller wrote")


def test_a_field_type_repeated_in_two_models_is_one_description() -> None:
    invoice, receipt = model_spec(Invoice).by_name, model_spec(Receipt).by_name
    for name in ("code", "serial", "tags"):
        assert invoice[name] is not receipt[name]
        assert invoice[name].type is receipt[name].type
    assert invoice["tags"].type.args[0] is receipt["tags"].type.args[0]  # list[Tag], under the optional


def test_fields_that_differ_only_in_their_text_share_their_type() -> None:
    receipt, reminder = model_spec(Receipt).by_name["note"], model_spec(Reminder).by_name["note"]
    assert receipt is not reminder
    assert receipt.description != reminder.description
    assert receipt.type is reminder.type


def test_bounds_equal_in_python_but_not_interchangeable_stay_apart() -> None:
    invoice, receipt = model_spec(Invoice).by_name["total"], model_spec(Receipt).by_name["total"]
    assert invoice.type.ge == receipt.type.ge  # 0.0 == -0.0
    assert invoice.type is not receipt.type
    assert model_spec(Refund).by_name["total"].type is invoice.type


class One(BaseModel):
    flag: Literal[1]


class Yes(BaseModel):
    flag: Literal[True]


class AlsoOne(BaseModel):
    flag: Literal[1]


@pytest.mark.parametrize("seed", [1, 2])
def test_literal_one_and_literal_true_keep_their_own_values(seed: int) -> None:
    one, yes = model_spec(One).by_name["flag"], model_spec(Yes).by_name["flag"]
    assert one.type is not yes.type
    assert model_spec(AlsoOne).by_name["flag"].type is one.type
    forge = Forge(seed=seed)
    assert type(forge.create(One).flag) is int
    assert type(forge.create(Yes).flag) is bool


def test_many_models_with_the_same_fields_hold_one_description_per_field_type() -> None:
    models = [
        create_model(
            f"Resource{n}",
            id=(str | None, None),
            size=(int, Field(ge=1, le=9)),
            tags=(list[Tag] | None, None),
        )
        for n in range(40)
    ]
    fields = [field for model in models for field in model_spec(model).fields]
    assert len(fields) == 120
    types = {id(t) for field in fields for t in (field.type, *field.type.args)}
    assert len(types) == 5  # str | None (and its str), int, list[Tag] | None (and its list)


def _shared_description() -> weakref.ref[TypeSpec]:
    field = FieldSpec("unusual", TypeSpec("str", pattern=r"^[q]{7}$"), description="only here")
    first = field.type
    share_descriptions(ModelSpec(model=None, name="Temporary", fields=(field,), validate=dict))
    assert field.type is first  # the first of its kind is the one shared
    return weakref.ref(first)


def test_shared_descriptions_go_with_the_last_model_description_that_has_them() -> None:
    assert _shared_description()() is None  # freed at once: the table of shared types holds them weakly
