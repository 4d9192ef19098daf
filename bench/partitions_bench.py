"""Partitioned generation: rows/s on 1 and 2 workers (local processes and a Dask LocalCluster), and
the peak RSS of one worker as its partition grows.

Each engine writes the same Order dataset as Parquet into a fresh folder; wall time includes starting
the workers (a LocalCluster costs a few seconds, which long runs amortise). The peak RSS of a worker
is VmHWM of a fresh spawned process that generates and writes one partition of the given size.

    python bench/partitions_bench.py                        # 40,000 rows in 8 partitions
    python bench/partitions_bench.py --rows 200000 --partitions 16
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from shop_models import Customer, Order

from pytest_forge.partitions.engines import engine
from pytest_forge.partitions.run import RunPlan, execute, run_task


def peak_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def timed_run(name: str, workers: int, rows: int, partitions: int) -> dict[str, float | str | int]:
    with tempfile.TemporaryDirectory() as folder:
        plan = RunPlan(((Customer, rows // 5), (Order, rows)), partitions, 42, "parquet", folder)
        started = time.perf_counter()
        manifest = execute(plan, engine(name, workers))
        seconds = time.perf_counter() - started
    made = sum(part["rows"] for table in manifest.done.values() for part in table.values())
    return {
        "engine": name,
        "workers": workers,
        "rows": made,
        "seconds": round(seconds, 2),
        "rows_per_s": round(made / seconds),
    }


def measured_partition(size: int, folder: str) -> tuple[int, float, float]:
    """In a fresh worker: one Order partition of ``size`` rows; (rows, peak RSS MB, CPU seconds)."""
    plan = RunPlan(((Customer, size), (Order, size)), 1, 7, "parquet", folder)
    started = time.process_time()
    done = run_task(plan.tasks()[1])
    return done.rows, peak_rss_mb(), time.process_time() - started


def worker_measure(size: int) -> dict[str, float]:
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder, ProcessPoolExecutor(1, mp_context=context) as pool:
        rows, rss, cpu = pool.submit(measured_partition, size, folder).result()
    return {"rows": rows, "peak_rss_mb": round(rss, 1), "rows_per_cpu_s": round(rows / cpu)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=40_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--rss-sizes", type=int, nargs="+", default=[5_000, 50_000, 200_000])
    parser.add_argument("--only", choices=("speed", "worker"))
    args = parser.parse_args()
    if args.only != "worker":
        speed(args.rows, args.partitions)
    if args.only != "speed":
        for size in args.rss_sizes:
            print(json.dumps({"one_worker_one_partition": worker_measure(size)}))
    print(json.dumps({"cpus_available": len(os.sched_getaffinity(0)), "load_average": os.getloadavg()}))


def speed(rows: int, partitions: int) -> None:
    runs = [timed_run("serial", 1, rows, partitions)]
    for name in ("processes", "dask"):
        for workers in (1, 2):
            runs.append(timed_run(name, workers, rows, partitions))
    for run in runs:
        print(json.dumps(run))
    for name in ("processes", "dask"):
        one, two = (r["rows_per_s"] for r in runs if r["engine"] == name)
        print(json.dumps({"engine": name, "speedup_2_vs_1_workers": round(two / one, 2)}))


if __name__ == "__main__":
    main()
