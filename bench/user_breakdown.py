"""Where one benchmark User's time goes, in CPU microseconds per record: the profile behind the
"User vs the hand-written mimesis generator" ratio of ``engine_bench.py``.

    python bench/user_breakdown.py [--count 4000] [--repeat 5]

The hand-written generator ends in pydantic's validation (``User(**values)``), whose ``EmailStr`` check
(email-validator) is most of it; pytest-forge ends in its proven-equivalent validation
(adapters/pydantic_proven.py: the same instance, without re-checking an address already in the form
email-validator returns), shown beside the full one. Each line is the best of ``--repeat`` runs after
a full garbage collection, with a collection at the end.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine_bench import mimesis_user
from models import User


def per_record(fn: Callable[[], Any], count: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        fn()
        gc.collect()
        best = min(best, time.process_time() - start)
    return best / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    count, repeat = args.count, args.repeat

    from pydantic.networks import validate_email

    from pytest_forge import Forge
    from pytest_forge.generation.builder import draw_record

    cold = Forge(seed=7, allow_pii=True)
    start = time.process_time()
    cold.create_batch(User, count)
    lines = [("pytest-forge first batch (imports, data, pool)", (time.process_time() - start) / count * 1e6)]
    for seed in range(8):  # the shared bio pool (16,384 texts) filled
        Forge(seed=100 + seed, allow_pii=True).create_batch(User, count)
    plan = Forge(seed=42, allow_pii=True).plan(User)
    proven = plan.validate
    assert proven is not None
    forge_values = [r.model_dump() for r in Forge(seed=42, allow_pii=True).create_batch(User, count)]
    mimesis_values = [u.model_dump() for u in mimesis_user(count)]
    emails = [v["email"] for v in forge_values]
    lines += [
        ("pytest-forge create_batch, text pool warm", per_record(lambda: Forge(seed=42, allow_pii=True).create_batch(User, count), count, repeat)),
        ("  of which drawing the values (draw_record)", per_record(lambda: [draw_record(plan, {}) for _ in range(count)], count, repeat)),
        ("  proven-equivalent validation (what it runs)", per_record(lambda: [proven(v) for v in forge_values], count, repeat)),
        ("  full pydantic validation of forge's values", per_record(lambda: [User.model_validate(v) for v in forge_values], count, repeat)),
        ("    of which the EmailStr check", per_record(lambda: [validate_email(e) for e in emails], count, repeat)),
        ("mimesis (hand-written) User", per_record(lambda: mimesis_user(count), count, repeat)),
        ("  pydantic validation of mimesis's values", per_record(lambda: [User(**v) for v in mimesis_values], count, repeat)),
    ]  # fmt: skip
    for label, micros in lines:
        print(f"{label:46} {micros:7.1f} µs/record")
    forge, mimesis = lines[1][1], lines[6][1]
    print(f"ratio (warm pool): {mimesis / forge:.2f}x; 1.5x needs pytest-forge at {mimesis / 1.5:.1f} µs")


if __name__ == "__main__":
    main()
