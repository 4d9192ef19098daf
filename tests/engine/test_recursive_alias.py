"""A recursive type alias (JSON values, as MCP's schemas declare them) resolves in bounded time.

Regression from the outside sweep: ``JSONValue = TypeAliasType("JSONValue", str | ... |
list[JSONValue] | dict[str, JSONValue])`` expanded once per arm and level up to 50 levels deep,
2**25 specs or so: creating a model holding it never finished.
"""

from __future__ import annotations

import time
from typing import Union

from pydantic import BaseModel
from typing_extensions import TypeAliasType

from pytest_forge import Forge
from pytest_forge.adapters import model_spec

JSONValue = TypeAliasType(
    "JSONValue",
    Union[str, int, float, bool, list["JSONValue"], dict[str, "JSONValue"], None],  # noqa: UP007
)


class Call(BaseModel):
    name: str
    arguments: dict[str, JSONValue] | None = None
    result: list[JSONValue] = []


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def test_a_recursive_alias_is_read_and_generated_quickly() -> None:
    started = time.process_time()
    spec = model_spec(Call)
    made = Forge(seed=1, none_p=0).create_batch(Call, count=5)
    assert time.process_time() - started < 10  # was: no end (an exponential expansion)
    assert spec.by_name["arguments"].type.kind == "optional"
    assert all(item.arguments is not None for item in made)
    assert any(_depth(item.arguments) >= 2 for item in made)  # still nested JSON, not flat


class Abs(BaseModel):
    abs: Expression


class Neg(BaseModel):
    neg: Expression


class Sqrt(BaseModel):
    sqrt: Expression


class Exp(BaseModel):
    exp: Expression


class Ln(BaseModel):
    ln: Expression


class Log(BaseModel):
    log: Expression


class Tan(BaseModel):
    tan: Expression


class Mult(BaseModel):
    mult: list[Expression]


class Total(BaseModel):
    total: list[Expression]


class Div(BaseModel):
    left: Expression
    right: Expression


#: qdrant's formula expressions: models that each require an Expression, a union of all of them
Expression = Union[float, str, Abs, Neg, Sqrt, Exp, Ln, Log, Tan, Mult, Total, Div]  # noqa: UP007
for _model in (Abs, Neg, Sqrt, Exp, Ln, Log, Tan, Mult, Total, Div):
    _model.model_rebuild()


def test_required_models_through_a_recursive_union_are_classified_in_bounded_time() -> None:
    """The gates' walk followed every path through the union (10! and more of them): it never ended."""
    started = time.process_time()
    made = Forge(seed=2).create_batch(Abs, count=3)
    assert time.process_time() - started < 10
    assert all(isinstance(item, Abs) for item in made)
