"""Recursion through unions of required models ends: valid instances, or a clear error, in bounded work.

A union whose arms are all models with required fields of the union itself (an expression tree:
``Add(left, right) | Neg(operand) | ... | Block(items=[])``) used to be compiled arm after arm at
every level (exponential); without any way out it must be a ConstraintError naming the field.
The bound is a count of nested compiles (``MAX_COMPILES``), never a timing.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import BaseModel

from pytest_forge import Forge
from pytest_forge.adapters import model_spec
from pytest_forge.errors import ConstraintError
from pytest_forge.generation import heights
from pytest_forge.generation.budget import MAX_COMPILES, SizeBudget
from pytest_forge.spec import TypeSpec


class Add(BaseModel):
    left: Node
    right: Node
    items: list[Node]


class Mul(BaseModel):
    left: Node
    right: Node
    items: list[Node]


class Sub(BaseModel):
    left: Node
    right: Node
    items: list[Node]


class Div(BaseModel):
    left: Node
    right: Node
    items: list[Node]


class Pow(BaseModel):
    left: Node
    right: Node
    items: list[Node]


class Call(BaseModel):
    fn: Node
    arg: Node
    items: list[Node]


class Block(BaseModel):
    """The only way out: a list without a minimum length may be empty."""

    items: list[Node]


Node = Add | Mul | Sub | Div | Pow | Call | Block


class Program(BaseModel):
    body: Node


class Neg(BaseModel):
    operand: Expr


class Pair(BaseModel):
    first: Expr
    second: Expr


Expr = Neg | Pair  # no way out at all


class Endless(BaseModel):
    expr: Expr


for _model in (Add, Mul, Sub, Div, Pow, Call, Block, Neg, Pair):
    _model.model_rebuild()


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts nested models compiled (the work a hang would never finish)."""
    counted = [0]
    spend = SizeBudget.spend

    def counting(self: SizeBudget) -> None:
        counted[0] += 1
        spend(self)

    monkeypatch.setattr(SizeBudget, "spend", counting)
    return counted


def _nodes(value: Any) -> int:
    if isinstance(value, BaseModel):
        return 1 + sum(_nodes(getattr(value, name)) for name in type(value).model_fields)
    if isinstance(value, list):
        return sum(_nodes(item) for item in value)
    return 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_recursive_union_with_one_way_out_generates(seed: int, compiles: list[int]) -> None:
    forge = Forge(seed=seed)
    programs = forge.create_batch(Program, count=5)
    assert all(type(p) is Program for p in programs)
    assert all(type(p.body) in (Add, Mul, Sub, Div, Pow, Call, Block) for p in programs)
    assert compiles[0] < MAX_COMPILES  # finished well inside the hard bound
    assert max(_nodes(p) for p in programs) < 500  # the record's budget keeps trees small


def test_the_arms_are_not_all_the_way_out() -> None:
    bodies = {type(p.body) for p in Forge(seed=4).create_batch(Program, count=30)}
    assert len(bodies) > 2


def test_a_recursive_union_without_a_way_out_is_a_clear_error(compiles: list[int]) -> None:
    with pytest.raises(ConstraintError) as caught:
        Forge(seed=1).create(Endless)
    assert "Endless.expr" in str(caught.value)
    assert caught.value.field == "expr"
    assert compiles[0] <= MAX_COMPILES + 1


def test_a_list_without_a_minimum_length_is_a_way_out_of_recursion() -> None:
    block = Forge(seed=1).create(Block)
    assert type(block) is Block  # was: "Block.items: the recursive model ... always needs another"


def test_heights_count_the_shortest_way_out() -> None:
    def of(model: type) -> float:
        return heights.height(TypeSpec(kind="model", model=model))

    assert of(Block) == 1
    assert of(Add) == 2  # left and right can be Blocks
    assert of(Program) == 2  # its body can be a Block
    assert math.isinf(of(Neg))
    assert math.isinf(of(Endless))
    union = model_spec(Program).by_name["body"].type
    assert heights.height(union) == 1
    assert heights.lowest_arms(union.args)[0] == list(union.args).index(
        next(arm for arm in union.args if arm.model is Block)
    )


def _heights_in(order: list[type[BaseModel]], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Heights and generated data of ``order``'s models, starting from an empty process-wide heights cache."""
    monkeypatch.setattr(heights, "_HEIGHTS", {})
    out: dict[str, Any] = {}
    for model in order:
        out[f"h:{model.__name__}"] = heights.height(TypeSpec(kind="model", model=model))
        try:
            out[model.__name__] = [
                x.model_dump(mode="json") for x in Forge(seed=7).create_batch(model, count=3)
            ]
        except ConstraintError as error:
            out[model.__name__] = str(error)
    return out


def test_heights_and_data_do_not_depend_on_which_model_came_first(monkeypatch: pytest.MonkeyPatch) -> None:
    models: list[type[BaseModel]] = [Program, Block, Add, Call, Endless, Neg, Pair]
    forward = _heights_in(models, monkeypatch)
    backward = _heights_in(list(reversed(models)), monkeypatch)
    shuffled = _heights_in([Neg, Add, Program, Endless, Block, Pair, Call], monkeypatch)
    assert forward == backward == shuffled
