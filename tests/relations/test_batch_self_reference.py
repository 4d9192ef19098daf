"""Optional self-references and primary keys inside one batch."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, model_validator

from pytest_forge import ForeignKey, Forge, PrimaryKey


class Folder(BaseModel):
    id: Annotated[int, PrimaryKey()]
    name: str
    parent_id: Annotated[int | None, ForeignKey("Folder")] = None


def test_later_folders_of_the_first_batch_point_at_earlier_ones() -> None:
    folders = Forge(seed=1, none_p=0.2).create_batch(Folder, count=30)
    assert folders[0].parent_id is None
    seen: set[int] = set()
    for folder in folders:
        assert folder.parent_id is None or folder.parent_id in seen  # no cycle, no dangling key
        seen.add(folder.id)
    linked = sum(folder.parent_id is not None for folder in folders)
    assert 15 <= linked <= 29


def test_the_tree_is_reproducible_and_an_override_wins() -> None:
    first = [f.parent_id for f in Forge(seed=4).create_batch(Folder, count=10)]
    again = [f.parent_id for f in Forge(seed=4).create_batch(Folder, count=10)]
    assert first == again
    assert {f.parent_id for f in Forge(seed=4).create_batch(Folder, count=10, parent_id=None)} == {None}


class Order(BaseModel):
    id: Annotated[int, PrimaryKey()]
    quantity: int

    @model_validator(mode="after")
    def even_quantities_only(self) -> Order:
        if self.quantity % 2:
            raise ValueError("odd quantity")
        return self


def test_whole_model_redraws_do_not_consume_primary_keys() -> None:
    orders = Forge(seed=1).create_batch(Order, count=20)
    assert [order.id for order in orders] == list(range(1, 21))
