"""How much time loading the pytest-forge plugin adds to pytest's start-up.

Runs ``pytest --version --version`` (which loads every plugin; a single ``--version`` exits
before any plugin is loaded, so it cannot show a difference) with ``-p no:forge`` and
without, alternating, and prints the medians of their CPU times and the median of the paired differences.
The budget is 50 ms.

    python bench/plugin_import.py [runs]
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys

BUDGET_MS = 50.0


def timed(*args: str) -> float:
    """CPU time (user + system) of one pytest start-up, in milliseconds.

    CPU time rather than wall time, so other work on the machine does not swamp a
    difference of a few milliseconds.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "pytest", *args], check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000


IMPORT_PLUGIN = (
    "import time, pytest, _pytest.pytester; start = time.process_time(); import pytest_forge.plugin; "
    "print((time.process_time() - start) * 1000)"
)


def import_time(runs: int) -> float:
    """Median CPU time to import the plugin module in a fresh process where pytest is already loaded."""
    command = [sys.executable, "-c", IMPORT_PLUGIN]
    runs_out = (subprocess.run(command, check=True, capture_output=True, text=True) for _ in range(runs))
    samples = [float(done.stdout) for done in runs_out]
    return statistics.median(samples)


def main(runs: int) -> int:
    timed("--version", "--version")  # warm the disk cache and .pyc files
    without, with_forge = [], []
    for _ in range(runs):
        without.append(timed("--version", "--version", "-p", "no:forge"))
        with_forge.append(timed("--version", "--version"))
    differences = [w - wo for w, wo in zip(with_forge, without, strict=True)]
    overhead = statistics.median(differences)
    print(f"pytest -VV -p no:forge: median {statistics.median(without):.1f} ms over {runs} runs")
    print(f"pytest -VV with forge:  median {statistics.median(with_forge):.1f} ms over {runs} runs")
    print(f"plugin overhead: median difference {overhead:.1f} ms (budget {BUDGET_MS:.0f} ms)")
    print(f"import pytest_forge.plugin after pytest: median {import_time(runs):.1f} ms (the precise part)")
    return 0 if overhead < BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 21))
