"""Law 2 under threads: what one call asks for (none_p, a stream's registry) is never seen by another call."""

from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from pydantic import BaseModel, create_model

from pytest_forge import Forge

THREADS = 8
NONE_P = (0.0, 1.0, 0.0, 1.0, 0.5, 0.0, 1.0, 0.25)


@pytest.fixture(autouse=True)
def _switch_threads_often():
    """Threads take turns every few microseconds, so calls really interleave."""
    saved = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(saved)


def _models() -> list[type[BaseModel]]:
    """One model per thread: each has its own field streams, so serial and threaded runs must agree."""
    return [
        create_model(
            f"Profile{i}", id=(int, ...), nickname=(str | None, ...), score=(int | None, ...), bio=(str, ...)
        )
        for i in range(THREADS)
    ]


def _dumps(instances: list[BaseModel]) -> list[dict[str, object]]:
    return [instance.model_dump() for instance in instances]


def _calls(forge: Forge, model: type[BaseModel], none_p: float, start: threading.Barrier | None) -> list:
    if start is not None:
        start.wait()
    return [_dumps(forge.create_batch(model, count=40, none_p=none_p)) for _ in range(15)]


def test_eight_threads_with_their_own_none_p_match_serial_runs():
    models = _models()
    serial_forge = Forge(seed=11)
    serial = [_calls(serial_forge, m, p, None) for m, p in zip(models, NONE_P, strict=True)]
    shared = Forge(seed=11)
    start = threading.Barrier(THREADS)
    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(_calls, shared, m, p, start) for m, p in zip(models, NONE_P, strict=True)]
        threaded = [f.result() for f in futures]
    assert threaded == serial
    all_none = [r for batch in threaded[1] for r in batch]
    assert all(r["nickname"] is None and r["score"] is None for r in all_none)
    never_none = [r for batch in threaded[0] for r in batch]
    assert all(r["nickname"] is not None and r["score"] is not None for r in never_none)


def test_a_call_without_none_p_keeps_the_forge_default_while_another_thread_overrides_it():
    model = _models()[0]
    forge = Forge(seed=3, none_p=0.0)
    start = threading.Barrier(2)
    with ThreadPoolExecutor(2) as pool:
        other = pool.submit(_calls, forge, _models()[1], 1.0, start)
        start.wait()
        mine = [_dumps(forge.create_batch(model, count=40)) for _ in range(15)]
        other.result()
    assert all(r["nickname"] is not None for batch in mine for r in batch)


def test_a_stream_does_not_hide_records_another_thread_creates_meanwhile():
    model = _models()[0]
    forge = Forge(seed=5)
    streamed: list[int] = []
    made: list[int] = []
    start, done = threading.Barrier(2), threading.Event()

    def stream() -> None:
        start.wait()
        streamed.extend(1 for _ in forge.create_stream(model, count=3000))
        done.set()

    def create() -> None:
        start.wait()
        while not done.is_set():
            made.append(len(forge.create_batch(model, count=5)))

    with ThreadPoolExecutor(2) as pool:
        for future in [pool.submit(stream), pool.submit(create)]:
            future.result()
    assert len(streamed) == 3000
    assert len(made) > 1
    assert forge.registry.size(model.__name__) == sum(made)
    keys = [record.id for record in forge.registry.records(model.__name__)]
    assert len(set(keys)) == len(keys)
