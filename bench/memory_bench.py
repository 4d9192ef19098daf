"""Cost of memory rules per call: create() with memory off, on without .forge, on with a firing rule.

Run: ``python bench/memory_bench.py`` from the repository root. The three are interleaved (best
of 15 rounds of 300 calls each) and printed as ratios against memory off (FORGE_FLAG_MEMORY=0),
so a loaded machine shifts all three alike. Also the coverage set size against polyfactory's.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pytest_forge import Forge
from tests.coverage.models import Order
from tests.memory.models import Loan

ROUNDS, CALLS = 15, 300


def per_call_costs() -> dict[str, float]:
    empty = Forge(seed=1, memory_dir=Path(tempfile.mkdtemp()) / ".forge")
    ruled = Forge(seed=1, memory_dir=Path(tempfile.mkdtemp()) / ".forge")
    ruled.memory.add_rule("loan", "Big loans are closed", when="amount > 5", then={"status": "closed"})
    time.sleep(2.1)  # past the racy-edit window: files are stat'ed, not read
    best = {"off": 1e9, "on, no .forge": 1e9, "on, 1 firing rule": 1e9}
    for _ in range(ROUNDS):
        for name, forge, flag in (("off", empty, "0"), ("on, no .forge", empty, "1"),
                                  ("on, 1 firing rule", ruled, "1")):  # fmt: skip
            os.environ["FORGE_FLAG_MEMORY"] = flag
            seconds = timeit.timeit(lambda f=forge: f.create(Loan), number=CALLS)
            best[name] = min(best[name], seconds / CALLS * 1e6)
    return best


def coverage_sizes() -> tuple[int, int]:
    from polyfactory.factories.pydantic_factory import ModelFactory

    class OrderFactory(ModelFactory[Order]):
        __model__ = Order

    return len(Forge(seed=3).coverage(Order)), len(list(OrderFactory.coverage()))


def main() -> None:
    costs = per_call_costs()
    for name, micros in costs.items():
        print(f"create(Loan) memory {name:<18} {micros:8.1f} us/call  x{micros / costs['off']:.2f}")
    ours, theirs = coverage_sizes()
    print(f"coverage(Order): pytest-forge {ours} instances, polyfactory {theirs}")


if __name__ == "__main__":
    main()
