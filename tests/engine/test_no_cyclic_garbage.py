"""A Forge and what it makes leave nothing for the garbage collector (issue 11, compile cost).

A full collection walks every tracked object the process holds (0.1-1 s with a large package
imported) and lands on whichever call is running: a model's later instance then takes far longer
than its 20 ms. So a dropped Forge must be freed by reference counting, plans and all, and a create
on a live Forge must leave no reference cycles (re-draws included). The checks run with the
collector off for a moment, and count only objects of pytest_forge (other threads' garbage is not
ours to judge).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel, Field, field_validator
from typing_extensions import TypedDict

from pytest_forge import Forge
from pytest_forge.errors import UsageError
from pytest_forge.generation.weak_calls import weak_method, weak_owner
from tests.relations.models import Order


class Tag(BaseModel):
    label: str = Field(pattern=r"^[a-z]{3,8}-\d{2}$")
    weight: float | None = None


class Part(BaseModel):
    code: str = Field(pattern=r"^[A-Z]{2}\d{4}$")
    tags: list[Tag] = []
    spare: Part | None = None


class Even(BaseModel):
    """Half of the drawn values are refused: every create re-draws."""

    number: int = Field(ge=0, le=1000)
    note: str | None = None

    @field_validator("number")
    @classmethod
    def even(cls, value: int) -> int:
        if value % 2:
            raise ValueError("must be even")
        return value


class Assembly(BaseModel):
    name: str
    parts: list[Part] = Field(min_length=1, max_length=3)
    main: Part
    checked: Even
    extra: dict[str, Tag] = {}


@dataclasses.dataclass
class Shipment:
    carrier: str
    weight_kg: float
    assembly: Assembly | None = None


class Address(TypedDict):
    street: str
    city: str


MODELS: list[Any] = [Tag, Part, Even, Assembly, Shipment, Address, Order]


@contextlib.contextmanager
def collector_off() -> Iterator[list[Any]]:
    """The cyclic garbage made inside the block, as a list of pytest_forge objects (filled at exit)."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    found: list[Any] = []
    try:
        yield found
    finally:
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            gc.collect()
            found.extend(o for o in gc.garbage if _ours(o))
        finally:
            gc.garbage.clear()
            gc.set_debug(0)
            if was_enabled:
                gc.enable()


def _ours(obj: Any) -> bool:
    if type(obj).__module__.startswith(("pytest_forge", __name__, "tests.")):
        return True
    code = getattr(obj, "f_code", None) or getattr(obj, "__code__", None)
    return code is not None and "pytest_forge" in code.co_filename


def _described(objects: list[Any]) -> list[str]:
    names = set()
    for obj in objects:
        code = getattr(obj, "f_code", None) or getattr(obj, "__code__", None)
        names.add(f"{type(obj).__name__} {code.co_name}" if code is not None else type(obj).__qualname__)
    return sorted(names)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_dropped_forge_is_freed_at_once_with_its_plans(model: Any) -> None:
    with collector_off() as garbage:
        forge = Forge(seed=3)
        forge.create_batch(model, count=4)
        forge.create(model)
        alive = weakref.ref(forge)
        streams = [weakref.ref(fp.rng) for plan in forge._plans.values() for fp in plan.fields]
        del forge
        assert alive() is None, "the Forge is part of a reference cycle"
        assert streams
        assert all(stream() is None for stream in streams), "its plans outlive it"
    assert not garbage, _described(garbage)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_creating_instances_leaves_no_cyclic_garbage(model: Any) -> None:
    forge = Forge(seed=5)
    forge.create(model)  # compiled: what follows is the create path alone
    with collector_off() as garbage:
        for _ in range(5):
            forge.create(model)
        forge.create_batch(model, count=5)
    assert not garbage, _described(garbage)


def test_redraws_happened_in_the_cyclic_garbage_check() -> None:
    """The validator refuses odd numbers: the check above went through the re-draw loop."""
    forge = Forge(seed=5)
    numbers = [forge.create(Even).number for _ in range(20)]
    assert all(n % 2 == 0 for n in numbers)
    assert len(set(numbers)) > 5


def test_same_seed_same_values_after_earlier_forges_were_freed() -> None:
    first = [Forge(seed=9).create(Assembly).model_dump() for _ in range(3)]
    assert first[0] == first[1] == first[2]


class _Owner:
    def __init__(self) -> None:
        self.calls = 0

    def bump(self, by: int) -> int:
        self.calls += by
        return self.calls


def test_weak_call_backs_reach_their_owner_while_it_lives_and_say_so_after() -> None:
    owner = _Owner()
    bump, get = weak_method(owner.bump), weak_owner(owner)
    assert bump(2) == 2
    assert get() is owner
    del owner
    gc.collect()
    with pytest.raises(UsageError, match=r"_Owner was freed .* keep a reference to the _Owner"):
        bump(1)
    with pytest.raises(UsageError, match="keep a reference"):
        get()
