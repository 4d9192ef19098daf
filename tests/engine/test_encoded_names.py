"""A name-based provider never overrides an encoded type, whatever the field's default."""

from __future__ import annotations

import pytest
from pydantic import Base64Str, BaseModel

from pytest_forge import Forge


class Payslip(BaseModel):
    salary: Base64Str = None  # type: ignore[assignment]  # a None default pydantic never validates
    income: Base64Str | None = None


@pytest.mark.parametrize("none_p", [0.0, 0.5, 1.0])
def test_an_encoded_field_with_a_none_default_gets_values_its_model_can_dump(none_p: float) -> None:
    made = Forge(seed=1, allow_pii=True, none_p=none_p).create_batch(Payslip, count=20)
    assert all(isinstance(item.salary, str) for item in made)  # never None: the dump would break
    for item in made:
        assert Payslip.model_validate_json(item.model_dump_json()) == item
