"""How many real third-party pydantic models the default permission gates refuse.

Imports every module of the packages named on the command line, collects the pydantic v2
models they define, and classifies each with ``pytest_forge.gates.classify``. A model is
refused when any field (nested ones included) is sensitive or dangerous, as ``Forge()``
would refuse it with both gates closed. Prints the rate and the most frequent refused names.

    python bench/gate_sweep.py githubkit.versions.latest.models fhir.resources atproto_client.models \
        openai.types anthropic.types mcp.types openapi_pydantic stac_pydantic
"""

from __future__ import annotations

import argparse
import collections
import importlib
import pkgutil
import sys
import warnings
from typing import Any

from pydantic import BaseModel

from pytest_forge.gates import classify


def modules_of(name: str) -> list[Any]:
    """The package and every module under it that imports cleanly."""
    root = importlib.import_module(name)
    found = [root]
    for info in pkgutil.walk_packages(getattr(root, "__path__", []), prefix=name + "."):
        try:
            found.append(importlib.import_module(info.name))
        except Exception:  # a module needing an optional dependency is skipped
            continue
    return found


def models_of(name: str) -> list[type[BaseModel]]:
    """Pydantic models defined (not just imported) under the package, in a stable order."""
    seen: dict[str, type[BaseModel]] = {}
    for module in modules_of(name):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__.startswith(name.split(".")[0])
                and not value.__pydantic_generic_metadata__["parameters"]
            ):
                seen.setdefault(f"{value.__module__}.{value.__qualname__}", value)
    return [seen[key] for key in sorted(seen)]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="+")
    parser.add_argument("--limit", type=int, default=400, help="models per package (evenly spread)")
    parser.add_argument("--top", type=int, default=25, help="refused field names to list")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    total = refused = failed = 0
    names: collections.Counter[str] = collections.Counter()
    for package in args.packages:
        models = models_of(package)
        step = max(1, len(models) // args.limit)
        picked = models[::step][: args.limit]
        package_refused = 0
        for model in picked:
            try:
                result = classify(model)
            except Exception:  # a model the adapter cannot read is counted apart
                failed += 1
                continue
            total += 1
            gated = {p: r for p, v in result.verdicts.items() if v.level != "safe" for r in [v.reason]}
            if gated:
                package_refused += 1
                names.update(path.rsplit(".", 1)[-1] + f"  ({reason})" for path, reason in gated.items())
        refused += package_refused
        print(f"{package}: {len(picked)} models, {package_refused} refused")
    print(
        f"total: {total} models classified ({failed} unreadable), {refused} refused = {refused / max(total, 1):.1%}"
    )
    for name, count in names.most_common(args.top):
        print(f"  {count:4d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
