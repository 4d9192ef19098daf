"""Calls on one Forge from several threads give the data of the same calls made serially.

The guarantee (docs/engine.md, "Threads"): each create/create_batch call is atomic for its
model, so a threaded run equals a serial run of the same calls in the order they took
their model (for calls on one model, the order their primary keys show); calls on
unrelated models equal the serial run whatever the interleaving.
"""

from __future__ import annotations

import random
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, Field

from pytest_forge import ForeignKey, Forge, Unique

ROUNDS = 4


@pytest.fixture(autouse=True)
def _switch_threads_often():
    """Threads take turns every few microseconds, so calls really interleave."""
    saved = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(saved)


class Tag(BaseModel):
    label: str
    weight: float | None = None


class Member(BaseModel):
    id: int
    handle: Annotated[str, Unique] = Field(min_length=3, max_length=12)
    nickname: str | None
    score: int | None = Field(ge=0, le=10**6)
    tags: list[Tag]


class Shop(BaseModel):
    id: int
    name: str


class Sale(BaseModel):
    id: int
    shop_id: Annotated[int, ForeignKey(Shop)]
    note: str | None


class Refund(BaseModel):
    id: int
    shop_id: Annotated[int, ForeignKey(Shop)]
    amount: int = Field(ge=1, le=500)


#: (count, none_p) of each thread's calls on Member: different sizes and per-call options
MEMBER_CALLS = [(30, 0.0), (45, 1.0), (12, 0.5), (30, 0.2), (25, None), (40, 0.9)]


def _call(forge: Forge, model: type[BaseModel], count: int, none_p: float | None, **kw: Any) -> list[dict]:
    options = {} if none_p is None else {"none_p": none_p}
    return [r.model_dump() for r in forge.create_batch(model, count=count, **options, **kw)]


def _threaded(forge: Forge, calls: list[tuple[Any, ...]]) -> list[list[dict]]:
    """Each call on its own thread, all released at once by a barrier, submitted in a shuffled order."""
    start = threading.Barrier(len(calls))

    def run(call: tuple[Any, ...]) -> list[dict]:
        start.wait()
        return _call(forge, *call)

    order = list(range(len(calls)))
    random.Random(len(calls) * 7919 + id(forge)).shuffle(order)  # varies with each round
    with ThreadPoolExecutor(len(calls)) as pool:
        futures = {i: pool.submit(run, calls[i]) for i in order}
        return [futures[i].result() for i in range(len(calls))]


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_calls_on_one_model_equal_the_serial_calls_in_the_order_their_keys_show(round_: int):
    calls = [(Member, count, p) for count, p in MEMBER_CALLS]
    threaded = _threaded(Forge(seed=40 + round_), calls)
    order = sorted(range(len(calls)), key=lambda i: threaded[i][0]["id"])
    serial_forge = Forge(seed=40 + round_)
    serial = {i: _call(serial_forge, *calls[i]) for i in order}
    assert [threaded[i] for i in order] == [serial[i] for i in order]
    ids = [r["id"] for i in order for r in threaded[i]]
    assert ids == list(range(1, len(ids) + 1))  # each call's keys are one unbroken run
    handles = [r["handle"] for batch in threaded for r in batch]
    assert len(set(handles)) == len(handles)
    assert all(r["nickname"] is None for r in threaded[1])  # none_p=1.0 stayed with its own call
    assert all(r["nickname"] is not None for r in threaded[0])


def test_a_call_paused_halfway_keeps_other_calls_on_its_model_out_until_it_ends():
    forge = Forge(seed=8)
    paused, started, other_drew = threading.Event(), threading.Event(), threading.Event()
    waits: list[bool] = []
    drawn = 0

    def pausing_score() -> int:
        nonlocal drawn
        drawn += 1
        if drawn == 5:  # halfway through this call: does the other thread draw meanwhile?
            paused.set()
            started.wait(timeout=10)
            waits.append(other_drew.wait(timeout=0.3))
        return drawn

    def other_score() -> int:
        other_drew.set()
        return 7

    def first() -> list[dict]:
        return [r.model_dump() for r in forge.create_batch(Member, 10, score=pausing_score)]

    def second() -> list[dict]:
        paused.wait(timeout=10)
        started.set()
        return [r.model_dump() for r in forge.create_batch(Member, 10, score=other_score)]

    with ThreadPoolExecutor(2) as pool:
        mine, theirs = pool.submit(first), pool.submit(second)
        mine_rows, their_rows = mine.result(), theirs.result()
    assert waits == [False]  # the other call drew nothing while this one was under way
    serial = Forge(seed=8)
    count = iter(range(1, 11))
    assert mine_rows == [r.model_dump() for r in serial.create_batch(Member, 10, score=lambda: next(count))]
    assert their_rows == [r.model_dump() for r in serial.create_batch(Member, 10, score=7)]


def test_a_call_on_another_model_runs_while_one_is_paused_and_neither_changes():
    forge = Forge(seed=9)
    other_done = threading.Event()
    resumed: list[bool] = []
    drawn = 0

    def pausing_amount() -> int:
        nonlocal drawn
        drawn += 1
        if drawn == 3:
            resumed.append(other_done.wait(timeout=30))  # only a failure waits this long
        return drawn

    with ThreadPoolExecutor(2) as pool:
        refunds = pool.submit(
            lambda: [r.model_dump() for r in forge.create_batch(Refund, 8, amount=pausing_amount)]
        )

        def members() -> list[dict]:
            made = [r.model_dump() for r in forge.create_batch(Member, 20)]
            other_done.set()
            return made

        member_rows = pool.submit(members).result()
        refund_rows = refunds.result()
    assert resumed == [True]  # the Member call ran to its end inside the paused Refund call
    serial = Forge(seed=9)
    count = iter(range(1, 9))
    assert member_rows == [r.model_dump() for r in serial.create_batch(Member, 20)]
    expected = [r.model_dump() for r in serial.create_batch(Refund, 8, amount=lambda: next(count))]
    assert refund_rows == expected


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_unrelated_models_equal_the_serial_run_whatever_the_interleaving(round_: int):
    calls = [(Member, 40, 0.3), (Tag, 60, 0.5), (Shop, 30, None), (Member, 20, None)]
    threaded = _threaded(Forge(seed=round_), calls)
    serial_forge = Forge(seed=round_)
    by_model: dict[type, list[int]] = {}
    for i, call in enumerate(calls):
        by_model.setdefault(call[0], []).append(i)
    member_order = sorted(by_model[Member], key=lambda i: threaded[i][0]["id"])
    serial: dict[int, list[dict]] = {}
    for i in [*member_order, *by_model[Tag], *by_model[Shop]]:
        serial[i] = _call(serial_forge, *calls[i])
    assert threaded == [serial[i] for i in range(len(calls))]


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_children_of_made_parents_equal_the_serial_run_whatever_the_interleaving(round_: int):
    forge, serial_forge = Forge(seed=20 + round_), Forge(seed=20 + round_)
    shops = _call(forge, Shop, 15, None)
    assert shops == _call(serial_forge, Shop, 15, None)
    calls = [(Sale, 25, 0.5), (Refund, 25, None), (Sale, 10, None), (Refund, 30, None)]
    threaded = _threaded(forge, calls)
    order = sorted(range(len(calls)), key=lambda i: (calls[i][0].__name__, threaded[i][0]["id"]))
    serial = {i: _call(serial_forge, *calls[i]) for i in order}
    assert threaded == [serial[i] for i in range(len(calls))]
    shop_ids = {s["id"] for s in shops}
    assert all(r["shop_id"] in shop_ids for batch in threaded for r in batch)
    assert forge.registry.size("Shop") == 15  # no call made parents it did not need


def test_memory_rules_bind_every_threaded_call_as_they_bind_serial_ones(tmp_path):
    def forge() -> Forge:
        return Forge(seed=30, memory_dir=tmp_path / ".forge")

    rule = {"when": "score > 500000", "then": {"nickname": "gold"}}
    forge().memory.add_rule("member", "Big scores are gold", **rule)  # topic "member": the Member model
    calls = [(Member, 30, 0.0), (Member, 20, 0.0), (Refund, 25, None), (Member, 25, 0.0)]
    threaded = _threaded(forge(), calls)
    order = sorted(range(len(calls)), key=lambda i: (calls[i][0].__name__, threaded[i][0]["id"]))
    serial_forge = forge()
    serial = {i: _call(serial_forge, *calls[i]) for i in order}
    assert threaded == [serial[i] for i in range(len(calls))]
    members = [r for i in (0, 1, 3) for r in threaded[i]]
    assert all(r["nickname"] == "gold" for r in members if r["score"] > 500000)
    assert any(r["score"] > 500000 for r in members)
