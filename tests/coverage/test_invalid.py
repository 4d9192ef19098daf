"""forge.invalid: every case is refused by pydantic for exactly the labelled reason."""

from __future__ import annotations

import pydantic
import pytest

from pytest_forge import Forge
from pytest_forge.coverage.invalid import MISSING_KEY
from pytest_forge.errors import UsageError
from tests.coverage.models import Order, Window

#: the pydantic error types each constraint label stands for
ERROR_TYPES = {
    "required": {"missing"},
    "not None": {"int_type", "float_type", "string_type", "enum", "literal_error", "list_type", "bool_type",
                 "decimal_type"},
    "type": {"int_parsing", "float_parsing", "string_type", "list_type", "bool_parsing", "decimal_parsing"},
    "enum": {"enum"},
    "literal": {"literal_error"},
    "ge": {"greater_than_equal"},
    "gt": {"greater_than"},
    "le": {"less_than_equal"},
    "lt": {"less_than"},
    "multiple_of": {"multiple_of"},
    "min_length": {"string_too_short", "too_short"},
    "max_length": {"string_too_long", "too_long"},
    "pattern": {"string_pattern_mismatch"},
}  # fmt: skip


@pytest.mark.parametrize("model", [Order, Window])
def test_each_case_is_rejected_for_exactly_its_reason(model):
    cases = Forge(seed=8).invalid(model)
    assert cases
    for case in cases:
        with pytest.raises(pydantic.ValidationError) as caught:
            model.model_validate(case.data)
        errors = caught.value.errors()
        assert len(errors) == 1, (case, errors)
        assert errors[0]["loc"][0] == case.field
        assert errors[0]["type"] in ERROR_TYPES[case.constraint], (case, errors)


def test_one_field_has_a_case_for_each_of_its_constraints():
    cases = Forge(seed=8).invalid(Order, field="discount")
    assert {c.field for c in cases} == {"discount"}
    assert {c.constraint for c in cases} == {"required", "not None", "type", "ge", "le", "multiple_of"}
    by_constraint = {c.constraint: c.value for c in cases}
    assert by_constraint["ge"] == -5  # just outside, still a multiple of 5: only ge is broken
    assert by_constraint["le"] == 55
    assert by_constraint["required"] is MISSING_KEY


def test_window_reaches_its_string_and_decimal_constraints():
    constraints = {(c.field, c.constraint) for c in Forge(seed=8).invalid(Window)}
    assert {("code", "pattern"), ("label", "min_length"), ("label", "max_length"), ("amount", "gt"),
            ("amount", "le")} <= constraints  # fmt: skip


def test_an_unknown_field_is_named_with_the_fields_there_are():
    with pytest.raises(UsageError, match=r"Order has no such field \(its fields: status, channel"):
        Forge(seed=1).invalid(Order, field="qty")
