"""How much time loading the pytest-forge plugin adds to pytest's start-up (budget: 50 ms).

A bare ``pytest --version`` exits before any plugin is loaded, so it cannot show a
difference; ``pytest --version --version`` loads every plugin. This runs the latter with
``-p no:forge`` and without, alternating, and prints the median of the paired differences
of their CPU times (CPU rather than wall time, so other work on a shared machine does not
swamp a few milliseconds). It also times ``import pytest_forge.plugin`` alone.

Byte-code caching is on (in a temporary ``PYTHONPYCACHEPREFIX``), as in a normal install;
``--no-bytecode`` measures with ``PYTHONDONTWRITEBYTECODE=1``, where every run recompiles
(and pytest re-rewrites) every plugin module.

    python bench/plugin_import.py [runs] [--no-bytecode]
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile

BUDGET_MS = 50.0
IMPORT_PLUGIN = (
    "import time, pytest, _pytest.pytester; start = time.process_time(); import pytest_forge.plugin; "
    "print((time.process_time() - start) * 1000)"
)


def child_cpu_ms(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """CPU time (user + system) of one child process, in milliseconds, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000, done.stdout


def environment(bytecode: bool, cache_dir: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTEST_ADDOPTS")}
    if bytecode:
        env["PYTHONPYCACHEPREFIX"] = cache_dir
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def main(runs: int, bytecode: bool) -> int:
    with tempfile.TemporaryDirectory() as cache_dir:
        env = environment(bytecode, cache_dir)
        pytest_vv = [sys.executable, "-m", "pytest", "--version", "--version"]
        child_cpu_ms([*pytest_vv, "-p", "no:forge"], env)  # warm the caches
        child_cpu_ms(pytest_vv, env)
        without, with_forge = [], []
        for _ in range(runs):
            without.append(child_cpu_ms([*pytest_vv, "-p", "no:forge"], env)[0])
            with_forge.append(child_cpu_ms(pytest_vv, env)[0])
        imports = [float(child_cpu_ms([sys.executable, "-c", IMPORT_PLUGIN], env)[1]) for _ in range(runs)]
    overhead = statistics.median(w - wo for w, wo in zip(with_forge, without, strict=True))
    print(f"byte-code cache: {'on' if bytecode else 'off'}; {runs} runs of each")
    print(f"pytest -VV -p no:forge: median CPU {statistics.median(without):.1f} ms")
    print(f"pytest -VV:             median CPU {statistics.median(with_forge):.1f} ms")
    print(f"plugin overhead: median paired difference {overhead:.1f} ms (budget {BUDGET_MS:.0f} ms)")
    print(f"import pytest_forge.plugin after pytest: median CPU {statistics.median(imports):.1f} ms")
    return 0 if overhead < BUDGET_MS else 1


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(main(int(arguments[0]) if arguments else 21, bytecode="--no-bytecode" not in sys.argv))
