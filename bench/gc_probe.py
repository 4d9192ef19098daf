"""Where the garbage collector's time goes while models are generated (issue 11, compile cost).

    PYTHONPATH=. python bench/gc_probe.py fhir.resources --sample 300 [--no-freeze] [--out probe.json]

Runs the outside sweep's loop (bench/outside_sweep.py: three seeds per model, a fresh Forge each, the
first seed's first and one later instance timed on CPU time) and records every collection through
``gc.callbacks``: its generation, CPU seconds and objects collected, and whether it fell inside a
timed first or later instance. Prints the distributions, the collections per generation, and the
models whose later instance went past 20 ms with the collections inside it. ``collected`` of the
full collections says how much cyclic garbage there was to find (0 once Forges free themselves).
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import sys
import time
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from outside_sweep import FIRST_LIMIT, LATER_LIMIT, iter_models


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package")
    parser.add_argument("--sample", type=int, default=300, help="about this many models, evenly spread")
    parser.add_argument(
        "--no-freeze", action="store_true", help="leave the imported package to the collector"
    )
    parser.add_argument("--out", default="", help="write per-model rows as JSON here")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    models = iter_models(args.package)
    if args.sample and len(models) > args.sample:
        models = models[:: -(-len(models) // args.sample)]
    if not args.no_freeze:
        gc.collect()
        gc.freeze()
    events: list[tuple[int, float, int, float]] = []  # generation, CPU seconds, collected, when
    started = [0.0]

    def record(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.process_time()
        else:
            events.append(
                (info["generation"], time.process_time() - started[0], info["collected"], time.perf_counter())
            )

    gc.callbacks.append(record)
    rows = [_one(model, events) for model in models]
    gc.callbacks.remove(record)
    if args.out:
        Path(args.out).write_text(json.dumps(rows), encoding="utf-8")
    _summary(rows)


def _one(model: type, events: list[tuple[int, float, int, float]]) -> dict[str, Any]:
    from pytest_forge import Forge

    first_event, times, windows = len(events), [], []
    try:
        for seed in (1, 2, 3):
            forge = Forge(seed=seed, allow_pii=True, allow_dangerous=True, interactive=False)
            for _ in range(1 if times else 2):
                wall, cpu = time.perf_counter(), time.process_time()
                forge.create(model)
                if len(times) < 2:
                    times.append(time.process_time() - cpu)
                    windows.append((wall, time.perf_counter()))
        outcome = "valid"
    except Exception as exc:  # a model that cannot be generated is reported, not timed
        outcome = type(exc).__name__
    mine = events[first_event:]

    def inside(window: tuple[float, float]) -> list[tuple[int, float]]:
        return [(g, round(s, 4)) for g, s, _, when in mine if window[0] <= when <= window[1]]

    return {"model": model.__qualname__, "outcome": outcome, "times": times,
            "first_gc": inside(windows[0]) if windows else [], "later_gc": inside(windows[1]) if len(windows) > 1 else [],
            "gc": [(g, round(s, 4), n) for g, s, n, _ in mine]}  # fmt: skip


def _summary(rows: list[dict[str, Any]]) -> None:
    for index, name, limit in ((0, "first", FIRST_LIMIT), (1, "later", LATER_LIMIT)):
        values = sorted(r["times"][index] for r in rows if len(r["times"]) > index)
        if values:
            print(f"{name}: median {values[len(values) // 2]:.4f} p90 {values[int(0.9 * len(values))]:.4f} "
                  f"max {values[-1]:.4f} over {limit}: {sum(v > limit for v in values)} of {len(values)}")  # fmt: skip
    count: collections.Counter[int] = collections.Counter()
    seconds: collections.Counter[int] = collections.Counter()
    full = []
    for row in rows:
        for generation, spent, collected in row["gc"]:
            count[generation] += 1
            seconds[generation] += spent
            if generation == 2:
                full.append((spent, collected))
    print(
        "collections per generation", dict(count), "CPU seconds", {g: round(s, 2) for g, s in seconds.items()}
    )
    if full:
        full.sort()
        print(f"full collections: median {full[len(full) // 2][0]:.4f} s max {full[-1][0]:.4f} s, "
              f"objects collected median {sorted(n for _, n in full)[len(full) // 2]}")  # fmt: skip
    for row in rows:
        if len(row["times"]) > 1 and row["times"][1] > LATER_LIMIT:
            print(f"  later {row['times'][1]:.3f} s {row['model']}: collections inside {row['later_gc']}")


if __name__ == "__main__":
    main()
