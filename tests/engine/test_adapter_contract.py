"""The adapter contract: validation, re-draws and "which field failed" come from the ModelSpec, not pydantic.

A hand-made ModelSpec for a plain class with its own validation error stands in for a
Django or SQLAlchemy adapter: the builder must work with it unchanged.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pytest_forge.errors import ConstraintError, ValidationRejectedError
from pytest_forge.generation import builder
from pytest_forge.generation.compiler import CompileContext
from pytest_forge.generation.overrides import compile_overrides
from pytest_forge.generation.plan import compile_model
from pytest_forge.spec import FieldSpec, ModelSpec, Rejection, TypeSpec


class Account:
    def __init__(self, handle: str, age: int) -> None:
        self.handle, self.age = handle, age


class Refused(Exception):
    """What a foreign validation layer raises (like Django's ValidationError with a message dict)."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__(messages)
        self.messages = messages


def _validate(data: dict) -> Account:
    if data["age"] < 18:
        raise Refused({"age": "must be an adult"})
    if data["handle"] == "boom":
        raise RuntimeError("the database is down")
    return Account(**data)


def _failing(exc: BaseException) -> Rejection | None:
    if isinstance(exc, Refused):
        return Rejection(dict(exc.messages), "; ".join(exc.messages.values()))
    return None


def _spec(validate=_validate, validators=lambda field: ("check_age",) if field == "age" else ()) -> ModelSpec:
    fields = (
        FieldSpec("handle", TypeSpec("str", min_length=3, max_length=8), input_path=("handle",)),
        FieldSpec("age", TypeSpec("int", ge=0, le=40), input_path=("age",)),
    )
    return ModelSpec(
        model=Account, name="Account", fields=fields, validate=validate, kind="django",
        failing_fields=_failing, validators=validators,
    )  # fmt: skip


def _plan(spec: ModelSpec):
    ctx = CompileContext(
        locale="en_US",
        reference_date=dt.date(2025, 1, 1),
        nested=lambda model, path, ctx: pytest.fail("no nested models here"),
        custom=lambda name, spec: None,
    )
    return compile_model(spec, ctx, 7, ("Account",))


def _make(plan, count: int = 1, **given):
    overrides = compile_overrides(plan.name, list(plan.spec.by_name), given, {n: {} for n in given})
    records = [builder.draw_record(plan, overrides) for _ in range(count)]
    return [builder.finish_record(plan, record, overrides) for record in records]


def test_fields_the_adapter_names_are_redrawn_until_its_validation_accepts_them():
    made = _make(_plan(_spec()), count=60)
    assert all(isinstance(a, Account) and 18 <= a.age <= 40 and 3 <= len(a.handle) <= 8 for a in made)


def test_an_override_the_adapter_refuses_is_a_constraint_error_with_its_message():
    with pytest.raises(ConstraintError, match=r"Account\.age is not valid: must be an adult") as info:
        _make(_plan(_spec()), age=5)
    assert info.value.field == "age"


def test_an_error_the_adapter_does_not_call_a_refusal_is_raised_as_it_is():
    with pytest.raises(RuntimeError, match="the database is down"):
        _make(_plan(_spec()), handle="boom")


def test_a_field_refused_every_time_names_the_adapters_validators():
    def never(data: dict) -> Account:
        raise Refused({"age": "never good enough"})

    with pytest.raises(ValidationRejectedError, match=r"field 'age' \(validators: check_age\).*never good"):
        _make(_plan(_spec(validate=never)))
