"""Wide and recursive graphs stay small: a size budget per top-level model, not only a depth limit."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from pytest_forge import Forge
from pytest_forge.generation.budget import MAX_MODELS


class Leaf(BaseModel):
    label: str
    weight: int


def _wide(name: str, child: type[BaseModel]) -> type[BaseModel]:
    fields: dict[str, Any] = {f"slot_{i}": child | None for i in range(8)}
    return type(name, (BaseModel,), {"__annotations__": fields, **dict.fromkeys(fields)})


Level3 = _wide("Level3", Leaf)
Level2 = _wide("Level2", Level3)
Level1 = _wide("Level1", Level2)
Root = _wide("Root", Level1)  # 8**4 = 4096 leaves if every optional model were filled


class Node(BaseModel):
    name: str
    children: list[Node] = []
    links: dict[str, Node] = {}
    first: Node | None = None
    second: Node | None = None


class NeedsAll(BaseModel):
    """Required parts are always generated, whatever the budget."""

    root: Root
    leaf: Leaf


def _models_in(value: Any) -> int:
    if isinstance(value, BaseModel):
        return 1 + sum(_models_in(getattr(value, name)) for name in type(value).model_fields)
    if isinstance(value, (list, tuple)):
        return sum(_models_in(item) for item in value)
    if isinstance(value, dict):
        return sum(_models_in(item) for item in value.values())
    return 0


def test_a_wide_graph_compiles_a_bounded_number_of_nested_models() -> None:
    forge = Forge(seed=1, none_p=0)
    made = forge.create_batch(Root, count=3)
    assert all(_models_in(item) <= MAX_MODELS + 1 for item in made)
    assert all(_models_in(item) > 8 for item in made)  # still a real graph, not an empty shell


def test_a_recursive_model_with_many_ways_to_recurse_stays_small() -> None:
    made = Forge(seed=2, none_p=0).create_batch(Node, count=5)
    assert all(_models_in(item) <= 5 * MAX_MODELS for item in made)


def test_required_fields_are_filled_after_the_budget_is_spent() -> None:
    made = Forge(seed=3, none_p=0).create(NeedsAll)
    assert isinstance(made.leaf, Leaf)
    assert isinstance(made.root, Root)
