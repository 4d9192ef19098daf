"""Two checkouts of pytest-forge, same machine, same run: best records/s on bench/models.py, interleaved.

    python bench/engine_ab.py /path/to/base-checkout /path/to/new-checkout [--rounds 6]

Each round runs every checkout in a fresh process (5 timed batches of 2,000 after a warm-up)
and keeps the best rate, so a busy shared machine slows both sides alike. Prints new/base.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

CODE = r"""
import json, sys, time
sys.path.insert(0, "bench")
from models import Order, User
from pytest_forge import Forge

rates = {}
for model in (User, Order):
    Forge(seed=1, allow_pii=True).create_batch(model, count=500)  # imports and text pools warm
    best = 0.0
    for i in range(5):
        forge = Forge(seed=42 + i, allow_pii=True)
        start = time.perf_counter()
        forge.create_batch(model, count=2000)
        best = max(best, 2000 / (time.perf_counter() - start))
    rates[model.__name__] = best
print(json.dumps(rates))
"""


def rates_of(checkout: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": checkout}
    done = subprocess.run([sys.executable, "-c", CODE], cwd=checkout, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{checkout}: {done.stderr.strip().splitlines()[-1]}")
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("new")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    best: dict[str, dict[str, float]] = {"base": {}, "new": {}}
    for _ in range(args.rounds):
        for side, checkout in (("base", args.base), ("new", args.new)):
            for model, rate in rates_of(checkout).items():
                best[side][model] = max(best[side].get(model, 0.0), rate)
    for model, base in best["base"].items():
        new = best["new"][model]
        print(
            f"{model:6} base {base:8,.0f} records/s   new {new:8,.0f} records/s   new/base {new / base:.2f}"
        )


if __name__ == "__main__":
    main()
