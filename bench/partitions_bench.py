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
    return {"engine": name, "workers": workers, "rows": made, "seconds": round(seconds, 2),
            "rows_per_s": round(made / seconds)}


def measured_partition(size: int, folder: str) -> tuple[int, float]:
    plan = RunPlan(((Customer, size), (Order, size)), 1, 7, "parquet", folder)
    done = run_task(plan.tasks()[1])
    return done.rows, peak_rss_mb()


def worker_rss(size: int) -> float:
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder, ProcessPoolExecutor(1, mp_context=context) as pool:
        _rows, rss = pool.submit(measured_partition, size, folder).result()
    return round(rss, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=40_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--rss-sizes", type=int, nargs="+", default=[5_000, 50_000])
    args = parser.parse_args()
    runs = [timed_run("serial", 1, args.rows, args.partitions)]
    for name in ("processes", "dask"):
        for workers in (1, 2):
            runs.append(timed_run(name, workers, args.rows, args.partitions))
    for run in runs:
        print(json.dumps(run))
    for name in ("processes", "dask"):
        one, two = (r["rows_per_s"] for r in runs if r["engine"] == name)
        print(json.dumps({"engine": name, "speedup_2_vs_1_workers": round(two / one, 2)}))
    rss = {size: worker_rss(size) for size in args.rss_sizes}
    print(json.dumps({"peak_rss_mb_per_worker_by_partition_rows": rss}))
    print(json.dumps({"cpus_available": len(os.sched_getaffinity(0)), "load_average": os.getloadavg()}))


if __name__ == "__main__":
    main()
