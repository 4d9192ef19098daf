"""Validity sweep: the share of real third-party pydantic models that generate valid instances.

    python bench/validity_sweep.py [--packages openai anthropic] [--seeds 1 2 3] [--count 3]

Walks every module under each package, collects every pydantic BaseModel class
defined there, and asks pytest-forge for ``count`` instances with each seed. A
model passes when every seed gives its instances (each built by the model's own
validation); the dump-and-revalidate round trip is counted apart. Prints the share
and the failures grouped by error. Install the SDKs first (``pip install openai
anthropic``); nothing here touches the network.
"""

from __future__ import annotations

import argparse
import collections
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from outside_sweep import iter_models


def try_model(model: type, seeds: list[int], count: int) -> tuple[str | None, str | None]:
    """(generation error, round-trip error): generation is the measure; every instance the engine
    returns was built by the model's own validation. The round trip (dump, then validate again) is
    reported apart: some SDK models serialise in a shape they do not accept back."""

    from pytest_forge import Forge  # gates open: the sweep measures validity, not permissions

    made = []
    try:
        for seed in seeds:
            forge = Forge(seed=seed, allow_pii=True, allow_dangerous=True, interactive=False)
            made.extend(forge.create_batch(model, count=count))
            assert all(type(item) is model for item in made)
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}", None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for item in made:
                model.model_validate(item.model_dump(by_alias=True, round_trip=True))  # type: ignore[attr-defined]
    except Exception as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
    return None, None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", nargs="+", default=["openai.types", "anthropic.types"])
    parser.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3])
    parser.add_argument("--count", type=int, default=3)
    args = parser.parse_args()
    total, round_trip_failed = 0, 0
    failures: dict[str, list[str]] = collections.defaultdict(list)
    for package in args.packages:
        models = iter_models(package)
        failed_here = 0
        for model in models:
            error, round_trip = try_model(model, args.seeds, args.count)
            if error is not None:
                failures[error].append(f"{model.__module__}.{model.__qualname__}")
                failed_here += 1
            round_trip_failed += round_trip is not None
        total += len(models)
        print(
            f"{package}: {len(models) - failed_here}/{len(models)} models generate valid with seeds {args.seeds}"
        )
    failed = sum(len(v) for v in failures.values())
    print(f"overall: {total - failed}/{total} = {100 * (total - failed) / max(total, 1):.2f}% generate valid")
    print(
        f"round trip (model_dump then model_validate) also holds for {total - failed - round_trip_failed}/{total}"
    )
    for error, names in sorted(failures.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(names):4}  {error}\n        e.g. {', '.join(names[:3])}")


if __name__ == "__main__":
    main()
