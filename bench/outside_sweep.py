"""Outside sweep: third-party pydantic models from many public packages, three seeds each, timed.

    pip install fhir.resources githubkit "hishel>=1.3,<2" atproto openapi-pydantic mcp geojson-pydantic \
        stac-pydantic aiogram cohere mistralai google-genai ollama langchain-core groq anthropic openai \
        qdrant-client elevenlabs a2a-sdk fastapi unstructured-client
    pip install label-studio-sdk pyiceberg langsmith together pyairtable       # session 5
    pip install aws-lambda-powertools sagemaker-core llama-index-core litellm weaviate-client \
        ome-types bioimageio.spec wandb                                         # session 6
    pip install -e <this checkout>
    python bench/outside_sweep.py [--packages fhir.resources atproto_client.models ...] [--seeds 1 2 3]
        [--budget 2.0] [--jobs 2] [--sample fhir.resources=400] [--out /tmp/outside_sweep.json]

These packages are NOT dependencies of pytest-forge: install them into a scratch virtualenv.
Every pydantic BaseModel class defined under each package (generic ones left out) gets one
instance per seed from a fresh ``Forge(seed, allow_pii=True, allow_dangerous=True)`` (gates
open: only generation is measured). A model counts as

- ``valid``    every seed gave an instance (each built by the model's own validation),
- ``clear``    a ForgeError (it names model, field and reason),
- ``internal`` any other exception (a bug of ours),
- ``slow``     the three seeds together took longer than ``--budget`` seconds (then stopped),
- ``abstract`` an abstract class (no instances at all): a clear ForgeError, reported apart and left
  out of ``valid%`` (``valid%all`` counts every model),
- ``pydantic`` pydantic itself cannot build the model's schema (it is not complete and
  ``model_rebuild()`` fails): no instance can exist; a clear ForgeError, counted like ``abstract``.

Timings count this process's CPU time unless ``--clock wall`` (the machine may be shared); the
first seed's first instance (compiling included) and one more instance from the same Forge are
timed, and the models past 0.5 s and 20 ms are counted (``1st>0.5s``, ``2nd>20ms``). After the
package is imported its objects are frozen out of the garbage collector (``gc.freeze()``, what a
long-lived test process gets from ``gc.freeze()`` after its imports too): with FHIR loaded a full
collection walks millions of objects, 0.6-0.8 s that land on whichever instance is being made
(trivial models and second instances included); ``--no-freeze`` measures with them, and
``--also-unfrozen`` runs every package a second time without ``gc.freeze()`` (what an outside tester's
process does) and adds its first/later counts and distributions as extra columns (``nf ...``).
The columns ``1st med/max`` and ``2nd med/max`` give each run's distribution (seconds).

Each package runs in its own process (``--jobs`` at a time); per-package figures are printed
and the failures written to ``--out`` for reading.
"""

from __future__ import annotations

import argparse
import collections
import gc
import importlib
import inspect
import json
import pkgutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from typing import Any

#: package (or module) to walk → the name it is reported under
PACKAGES = {
    "fhir.resources": "fhir.resources",
    "githubkit_schemas.v2026_03_10.models": "githubkit",
    "atproto_client.models": "atproto",
    "openapi_pydantic": "openapi-pydantic",
    "mcp": "mcp",
    "geojson_pydantic": "geojson-pydantic",
    "stac_pydantic": "stac-pydantic",
    "aiogram.types": "aiogram",
    "cohere": "cohere",
    "mistralai": "mistralai",
    "google.genai.types": "google-genai",
    "ollama": "ollama",
    "langchain_core": "langchain-core",
    "groq.types": "groq",
    "anthropic.types": "anthropic",
    "openai.types": "openai",
    "mcp_types": "mcp-types",
    "qdrant_client.http.models": "qdrant-client",
    "elevenlabs": "elevenlabs",
    "a2a": "a2a-sdk",
    "fastapi.openapi.models": "fastapi",
    "unstructured_client.models": "unstructured-client",
    "label_studio_sdk": "label-studio-sdk",
    "pyiceberg": "pyiceberg",
    "langsmith": "langsmith",
    "together": "together",
    "pyairtable": "pyairtable",
    "aws_lambda_powertools": "aws-lambda-powertools",
    "sagemaker.core": "sagemaker-core",
    "llama_index.core": "llama-index-core",
    "litellm.types": "litellm",
    "weaviate": "weaviate-client",
    "ome_types": "ome-types",
    "bioimageio.spec": "bioimageio.spec",
    "wandb": "wandb",
}
_SKIP_PARTS = (".tests.", ".test_", "._legacy_response", ".lib.", ".cli.", ".__main__.")


#: the issue's limits: a model's first instance (compiling included), and each later one
FIRST_LIMIT = 0.5
LATER_LIMIT = 0.02


class OverBudget(Exception):
    """The model's seeds ran past the time budget."""


def iter_models(package_name: str) -> list[type]:
    """Every non-generic BaseModel class defined in a module under ``package_name``."""
    from pydantic import BaseModel

    modules = list(_modules_under(importlib.import_module(package_name)))
    found: dict[str, type] = {}
    for module in modules:
        for value in list(vars(module).values()):
            if (isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == module.__name__
                    and not getattr(value, "__pydantic_generic_metadata__", {}).get("parameters")):  # fmt: skip
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


def _modules_under(package: Any) -> Any:
    """The package and every module under it that imports (walk_packages lets SystemExit escape)."""
    yield package
    for info in pkgutil.iter_modules(getattr(package, "__path__", []), package.__name__ + "."):
        if any(part in info.name + "." for part in _SKIP_PARTS):
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                module = importlib.import_module(info.name)
        except KeyboardInterrupt:
            raise
        except BaseException:  # optional submodules may need extras (some even exit)
            continue
        if info.ispkg:
            yield from _modules_under(module)
        else:
            yield module


def try_model(
    model: type, seeds: list[int], budget: float, clock: str = "cpu"
) -> tuple[str, str, list[float]]:
    """(outcome, detail, [first, later] seconds) for one model: valid / clear / internal / slow.

    ``first`` is the first seed's first instance (compiling included), ``later`` one more instance
    from the same Forge; both on ``clock`` (``cpu``: this process's CPU time, fair on a shared machine).
    """
    from pytest_forge import Forge
    from pytest_forge.errors import ForgeError

    def stop(signum: int, frame: Any) -> None:
        raise OverBudget

    timer, sig = (
        (signal.ITIMER_PROF, signal.SIGPROF) if clock == "cpu" else (signal.ITIMER_REAL, signal.SIGALRM)
    )
    now = time.process_time if clock == "cpu" else time.perf_counter
    times: list[float] = []
    previous = signal.signal(sig, stop)
    signal.setitimer(timer, budget)
    try:
        for seed in seeds:
            forge = Forge(seed=seed, allow_pii=True, allow_dangerous=True, interactive=False)
            started = now()
            made = forge.create(model)
            if not times:
                times.append(now() - started)
                started = now()
                forge.create(model)
                times.append(now() - started)
            if type(made) is not model:
                return "internal", f"returned a {type(made).__name__}", times
    except OverBudget:
        return "slow", f"over {budget} s", times
    except ForgeError as exc:
        kind = "abstract" if inspect.isabstract(model) else "pydantic" if _unbuildable(model) else "clear"
        return kind, f"{type(exc).__name__}: {_first_line(exc)}", times
    except Exception as exc:
        return "internal", f"{type(exc).__name__}: {_first_line(exc)}", times
    finally:
        signal.setitimer(timer, 0)
        signal.signal(sig, previous)
    return "valid", "", times


def _unbuildable(model: Any) -> bool:
    """True when pydantic itself cannot build the model's schema (no instance of it can exist)."""
    if getattr(model, "__pydantic_complete__", True):
        return False
    try:
        model.model_rebuild(raise_errors=True)
    except Exception:
        return True
    return not model.__pydantic_complete__


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:220] if text else ""


def sweep_package(
    package: str,
    seeds: list[int],
    budget: float,
    max_models: int = 0,
    clock: str = "cpu",
    progress: str = "",
    freeze: bool = True,
) -> dict[str, Any]:
    """Counts and failures of one package (run in its own process); ``max_models`` samples evenly."""
    warnings.simplefilter("ignore")
    started = time.perf_counter()
    models = iter_models(package)
    if max_models and len(models) > max_models:
        models = models[:: -(-len(models) // max_models)]
    if freeze:  # the package's classes and schemas stay: full collections need not walk them again
        gc.collect()
        gc.freeze()
    counts: collections.Counter[str] = collections.Counter()
    failures: list[tuple[str, str, str]] = []
    slow_first: list[tuple[str, float]] = []
    slow_later: list[tuple[str, float]] = []
    all_times: list[list[float]] = []
    for model in models:
        outcome, detail, times = try_model(model, seeds, budget, clock)
        counts[outcome] += 1
        name = f"{model.__module__}.{model.__qualname__}"
        if progress:  # one line per model as it finishes: a killed run still tells what it measured
            with open(progress, "a", encoding="utf-8") as handle:
                handle.write(json.dumps([package, name, outcome, detail, times, freeze]) + "\n")
        all_times.append(times)
        if outcome != "valid":
            failures.append((outcome, name, detail))
        if times and times[0] > FIRST_LIMIT:
            slow_first.append((name, round(times[0], 3)))
        if len(times) > 1 and times[1] > LATER_LIMIT:
            slow_later.append((name, round(times[1], 4)))
    return {"package": package, "models": len(models), "counts": dict(counts), "failures": failures,
            "slow_first": slow_first, "slow_later": slow_later, "times": all_times, "frozen": freeze,
            "seconds": round(time.perf_counter() - started, 1)}  # fmt: skip


def _run_children(args: argparse.Namespace) -> list[dict[str, Any]]:
    pending = [(package, not args.no_freeze) for package in args.packages]
    if args.also_unfrozen and not args.no_freeze:
        pending += [(package, False) for package in args.packages]
    running: list[tuple[str, subprocess.Popen[str], Any]] = []
    results = []
    while pending or running:
        while pending and len(running) < args.jobs:
            package, freeze = pending.pop(0)
            command = [sys.executable, __file__, "--child", package, "--budget", str(args.budget), "--clock", args.clock,
                       *([] if freeze else ["--no-freeze"]),
                       "--progress", args.progress,
                       "--max-models", str(args.max_models.get(package, 0)), "--seeds", *map(str, args.seeds)]  # fmt: skip
            output = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed when read; a pipe fills up)
            running.append((package, subprocess.Popen(command, stdout=output, text=True), output))
        done = next((item for item in running if item[1].poll() is not None), None)
        if done is None:
            time.sleep(0.5)
            continue
        running.remove(done)
        package, _, output = done
        with output:
            output.seek(0)
            printed = output.read()
        try:
            results.append(json.loads(printed.strip().splitlines()[-1]))
        except (IndexError, ValueError):
            results.append({"package": package, "models": 0, "counts": {}, "failures": [], "crashed": True})
    return results


def _split_runs(results: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The main run of each package (frozen unless only an unfrozen one ran), and the extra unfrozen runs."""
    frozen = {r["package"] for r in results if r.get("frozen", True)}
    main = [r for r in results if r.get("frozen", True) or r["package"] not in frozen]
    extra = {r["package"]: r for r in results if not r.get("frozen", True) and r["package"] in frozen}
    return main, extra


def _spread(result: dict[str, Any] | None, which: int) -> str:
    """Median/max of the first (``which`` 0) or later (1) instance times of a run."""
    values = sorted(t[which] for t in (result or {}).get("times", []) if len(t) > which)
    if not values:
        return "-"
    return f"{values[len(values) // 2]:.3f}/{values[-1]:.3f}"


def _report(results: list[dict[str, Any]]) -> None:
    results, unfrozen = _split_runs(results)
    total: collections.Counter[str] = collections.Counter()
    print(f"{'package':22} {'models':>6} {'valid%':>7} {'valid%all':>9} {'clear':>6} {'abstract':>8} {'pydantic':>8} "
          f"{'internal':>8} {'slow':>5} {'1st>0.5s':>8} {'2nd>20ms':>8} {'1st med/max':>12} {'2nd med/max':>12}"
          + (f" {'nf 1st>0.5s':>11} {'nf 2nd>20ms':>11} {'nf 1st med/max':>14} {'nf 2nd med/max':>14}"
             if unfrozen else "") + "  seconds")  # fmt: skip
    for result in results:
        counts = result["counts"]
        total.update(counts)
        _row(PACKAGES.get(result["package"], result["package"]), result["models"], counts,
             len(result.get("slow_first", [])), len(result.get("slow_later", [])),
             _spreads(result, unfrozen.get(result["package"]) if unfrozen else None, bool(unfrozen))
             + f"  {result.get('seconds', '?')}{'  CRASHED' if result.get('crashed') else ''}")  # fmt: skip
    firsts = sum(len(r.get("slow_first", [])) for r in results)
    laters = sum(len(r.get("slow_later", [])) for r in results)
    merged = {"times": [t for r in results for t in r.get("times", [])]}
    others = list(unfrozen.values())
    merged_nf = {"times": [t for r in others for t in r.get("times", [])],
                 "slow_first": [x for r in others for x in r.get("slow_first", [])],
                 "slow_later": [x for r in others for x in r.get("slow_later", [])]}  # fmt: skip
    _row("all", sum(total.values()), total, firsts, laters, _spreads(merged, merged_nf, bool(unfrozen)))
    kinds = collections.Counter(f"{o}: {d.split(':')[0]}" for r in results for o, _, d in r["failures"])
    for kind, count in kinds.most_common(15):
        print(f"  {count:5}  {kind}")


def _spreads(result: dict[str, Any], unfrozen: dict[str, Any] | None, extra: bool) -> str:
    text = f" {_spread(result, 0):>12} {_spread(result, 1):>12}"
    if extra:
        slow = (
            (len(unfrozen.get("slow_first", [])), len(unfrozen.get("slow_later", [])))
            if unfrozen
            else ("-", "-")
        )
        text += f" {slow[0]:>11} {slow[1]:>11} {_spread(unfrozen, 0):>14} {_spread(unfrozen, 1):>14}"
    return text


def _row(name: str, models: int, counts: Any, firsts: int, laters: int, tail: str) -> None:
    valid, abstract = counts.get("valid", 0), counts.get("abstract", 0)
    unbuildable = counts.get("pydantic", 0)
    print(f"{name:22} {models:6} {100 * valid / max(1, models - abstract - unbuildable):6.2f}% "
          f"{100 * valid / max(1, models):8.2f}% {counts.get('clear', 0):6} {abstract:8} {unbuildable:8} "
          f"{counts.get('internal', 0):8} {counts.get('slow', 0):5} {firsts:8} {laters:8}{tail}")  # fmt: skip


def _from_progress(path: str) -> list[dict[str, Any]]:
    """Per-package results rebuilt from a ``--progress`` file (what a stopped run measured)."""
    by_package: dict[tuple[str, bool], dict[str, Any]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            package, name, outcome, detail, times, *mode = json.loads(line)
            frozen = mode[0] if mode else True  # lines of older runs carry no mode: they froze
            result = by_package.setdefault((package, frozen), {"package": package, "models": 0, "counts": {},
                                                               "failures": [], "slow_first": [], "slow_later": [],
                                                               "times": [], "frozen": frozen})  # fmt: skip
            result["times"].append(times)
            result["models"] += 1
            result["counts"][outcome] = result["counts"].get(outcome, 0) + 1
            if outcome != "valid":
                result["failures"].append((outcome, name, detail))
            if times and times[0] > FIRST_LIMIT:
                result["slow_first"].append((name, times[0]))
            if len(times) > 1 and times[1] > LATER_LIMIT:
                result["slow_later"].append((name, times[1]))
    return list(by_package.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", nargs="+", default=list(PACKAGES))
    parser.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3])
    parser.add_argument("--budget", type=float, default=2.0, help="seconds for all seeds of one model")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        default="cpu",
        help="what the budget and the timings count: this process's CPU time (default: fair "
        "on a shared machine) or wall-clock time",
    )
    parser.add_argument(
        "--no-freeze",
        action="store_true",
        help="leave the imported packages to the garbage collector: its full collections of "
        "their millions of objects (0.6-0.8 s with FHIR loaded) then land in the timings",
    )
    parser.add_argument(
        "--also-unfrozen",
        action="store_true",
        help="run every package a second time without gc.freeze() and report its first/later "
        "instance times as extra columns (nf ...); validity is counted from the frozen run",
    )
    parser.add_argument("--out", default="/tmp/outside_sweep.json")
    parser.add_argument(
        "--sample",
        nargs="*",
        default=[],
        metavar="PACKAGE=N",
        help="take every k-th model so that about N remain (e.g. fhir.resources=400)",
    )
    parser.add_argument("--progress", default="", help="append one JSON line per model to this file")
    parser.add_argument("--max-models", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--report", metavar="PROGRESS", help="only print the table of a --progress file")
    args = parser.parse_args()
    if args.report:
        _report(_from_progress(args.report))
        return
    if args.child:
        result = sweep_package(
            args.child,
            args.seeds,
            args.budget,
            args.max_models,
            args.clock,
            args.progress,
            not args.no_freeze,
        )
        print(json.dumps(result))
        return
    args.max_models = {k: int(v) for k, _, v in (item.partition("=") for item in args.sample)}
    results = _run_children(args)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=1)
    _report(results)
    print(f"failures written to {args.out}")


if __name__ == "__main__":
    main()
