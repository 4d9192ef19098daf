"""Checked by mypy (``files`` in pyproject, and tests/typing/test_front_door.py): the front door is typed.

Never imported by pytest; ``assert_type`` fails the mypy run when a return type degrades to Any.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TypedDict, assert_type

from pydantic import BaseModel

from pytest_forge import Forge


class User(BaseModel):
    name: str
    age: int


@dataclasses.dataclass
class Point:
    x: float
    y: float


class Row(TypedDict):
    key: str


def check_front_door(forge: Forge) -> None:
    assert_type(forge.create(User), User)
    assert_type(forge.create(User).name, str)
    assert_type(forge.create(User, name="Ada").age, int)
    assert_type(forge.create_batch(User, count=3), list[User])
    assert_type(forge.create_large(User, count=3), list[User])
    assert_type(forge.create_stream(User, count=3), Iterator[User])
    assert_type(forge.create(Point).x, float)
    assert_type(forge.create_batch(Point), list[Point])


def check_forge_keywords() -> Forge:
    return Forge(42, use_ai=False, locale="de_DE", none_p=0.2, allow_pii=True, batch_size=10, timeout=5.0)
