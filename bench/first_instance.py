"""First instance of a fresh process, against polyfactory's first ``build()`` of the same model (issue 11).

Issue 11's target: "the first instance of any model within 0.5 s, later ones within 20 ms, on this
machine". Each run is a new Python process that imports the model (walking ``--walk`` package first,
as bench/outside_sweep.py does), freezes what it imported out of the garbage collector (unless
``--no-freeze``, again as the sweep), imports the library (timed apart: ``import``), then times on
CPU the first instance, Forge or factory made inside the timing (``first``), and one more (``later``):

    pytest-forge   Forge(seed=1, allow_pii=True, allow_dangerous=True, interactive=False).create(model)
    polyfactory    ModelFactory.create_factory(model) (seeded with 1), then .build()

Runs alternate between the two tools, so both see the same machine load; the figures are medians,
and the ratios are pytest-forge over polyfactory (below 1: pytest-forge is faster). Byte code is
cached in a temporary ``PYTHONPYCACHEPREFIX`` (warmed by one untimed run per tool), as a normal
install has it; ``--no-bytecode`` runs with ``PYTHONDONTWRITEBYTECODE=1``, where every process
compiles the editable checkout's modules from source (this machine's default environment).

    PYTHONPATH=. python bench/first_instance.py [--runs 5] [--no-bytecode] [--no-freeze]
        [--model bench.models:User bench.models:Order] [--walk PACKAGE]
    PYTHONPATH=. python bench/first_instance.py --model fhir.resources.account:Account --walk fhir.resources
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

FIRST_LIMIT = 0.5
LATER_LIMIT = 0.02
TOOLS = ("pytest-forge", "polyfactory")
DEFAULT_MODELS = ("bench.models:User", "bench.models:Order")

#: one fresh process: argv = tool, "module:Class", package to walk ("" for none), "freeze" or "keep"
CHILD = r"""
import gc, importlib, json, sys, time, warnings
warnings.simplefilter("ignore")
tool, target, walk, freeze = sys.argv[1:5]
if walk:
    sys.path.insert(0, "bench")
    from outside_sweep import iter_models
    iter_models(walk)
module, _, name = target.partition(":")
model = getattr(importlib.import_module(module), name)
if freeze == "freeze":
    gc.collect()
    gc.freeze()
clock = time.process_time
started = clock()
if tool == "pytest-forge":
    from pytest_forge import Forge
else:
    from polyfactory.factories.pydantic_factory import ModelFactory
imported = clock()
try:
    if tool == "pytest-forge":
        maker = Forge(seed=1, allow_pii=True, allow_dangerous=True, interactive=False)
        make = lambda: maker.create(model)
    else:
        factory = ModelFactory.create_factory(model)
        factory.seed_random(1)
        make = factory.build
    make()
    first = clock()
    make()
    later = clock()
    out = {"import": imported - started, "first": first - imported, "later": later - first}
except Exception as exc:
    out = {"error": f"{type(exc).__name__}: {str(exc)[:160]}"}
print(json.dumps(out))
"""


def run_child(tool: str, target: str, walk: str, freeze: bool, env: dict[str, str]) -> dict[str, float | str]:
    """One fresh process's figures (seconds of CPU time), or ``{"error": ...}``."""
    argv = [sys.executable, "-c", CHILD, tool, target, walk, "freeze" if freeze else "keep"]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1][:200]}
    result: dict[str, float | str] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def environment(bytecode: bool, cache_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path.cwd()), env.get("PYTHONPATH", "")]))
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache_dir
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def measure(
    target: str, args: argparse.Namespace, env: dict[str, str]
) -> dict[str, list[dict[str, float | str]]]:
    """``runs`` fresh processes per tool, alternating (after one untimed warm-up each)."""
    for tool in TOOLS:
        run_child(tool, target, args.walk, not args.no_freeze, env)
    found: dict[str, list[dict[str, float | str]]] = {tool: [] for tool in TOOLS}
    for turn in range(args.runs):
        order = TOOLS if turn % 2 == 0 else TOOLS[::-1]
        for tool in order:
            found[tool].append(run_child(tool, target, args.walk, not args.no_freeze, env))
    return found


def summary(target: str, found: dict[str, list[dict[str, float | str]]]) -> dict[str, object]:
    row: dict[str, object] = {"model": target}
    medians: dict[str, dict[str, float]] = {}
    for tool, runs in found.items():
        good = [run for run in runs if "error" not in run]
        if not good:
            row[tool] = runs[0].get("error", "no run")
            continue
        medians[tool] = {
            key: statistics.median(float(run[key]) for run in good) for key in ("import", "first", "later")
        }
        row[tool] = {**{k: round(v, 4) for k, v in medians[tool].items()}, "max first": round(max(float(r["first"]) for r in good), 4),
                     "runs": len(good), "errors": len(runs) - len(good)}  # fmt: skip
    if len(medians) == len(TOOLS):
        ours, theirs = medians["pytest-forge"], medians["polyfactory"]
        row["ratio first"] = round(ours["first"] / theirs["first"], 2)
        row["ratio import+first"] = round(
            (ours["import"] + ours["first"]) / (theirs["import"] + theirs["first"]), 2
        )
        row["forge first <= 0.5 s"] = ours["first"] <= FIRST_LIMIT
        row["forge later <= 20 ms"] = ours["later"] <= LATER_LIMIT
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per tool and model")
    parser.add_argument("--model", nargs="+", default=list(DEFAULT_MODELS), help="module:Class")
    parser.add_argument("--walk", default="", help="import every model of this package first (as the sweep)")
    parser.add_argument(
        "--no-bytecode", action="store_true", help="PYTHONDONTWRITEBYTECODE=1 (compile from source)"
    )
    parser.add_argument(
        "--no-freeze", action="store_true", help="leave the imported package to the collector"
    )
    parser.add_argument("--out", default="", help="write the rows as JSON here")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="forge-first-") as cache_dir:
        env = environment(not args.no_bytecode, cache_dir)
        for target in args.model:
            rows.append(summary(target, measure(target, args, env)))
            print(json.dumps(rows[-1]), flush=True)
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
