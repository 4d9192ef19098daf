"""Stream Users to JSON Lines and SQLite: records per second and peak memory, per size.

Each (format, size) runs in its own subprocess, so the peak resident set size
(VmHWM from /proc/self/status, else ru_maxrss) belongs to that run alone. The
target: peak RSS flat (within 20% between the smallest and largest size) and
under 150 MB.

    python bench/stream_bench.py                       # 100k and 1M rows, jsonl and db
    python bench/stream_bench.py --sizes 10000 100000  # a quicker look
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pydantic import BaseModel, Field

RSS_LIMIT_MB = 150
FLAT_WITHIN = 0.20


class User(BaseModel):
    id: int
    name: str
    email: str
    age: int = Field(ge=18, le=99)
    city: str
    signed_up: dt.datetime
    is_active: bool
    bio: str


def peak_rss_mb() -> float:
    """The process's peak resident set size in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(fmt: str, size: int, directory: str) -> None:
    """One measured run: stream ``size`` Users to a ``fmt`` file and print the numbers as JSON."""
    from pytest_forge import Forge

    target = Path(directory) / f"users.{fmt}"
    forge = Forge(seed=42)
    started = time.perf_counter()
    count = sum(1 for _ in forge.create_stream(User, count=size, filename=target))
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "format": fmt,
                "records": count,
                "seconds": round(seconds, 2),
                "records_per_s": round(count / seconds),
                "peak_rss_mb": round(peak_rss_mb(), 1),
                "file_mb": round(target.stat().st_size / 2**20, 1),
            }
        )
    )


def measure(fmt: str, size: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as directory:
        command = [sys.executable, __file__, "--child", fmt, str(size), directory]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--formats", nargs="+", default=["jsonl", "db"])
    parser.add_argument("--child", nargs=3, metavar=("FORMAT", "SIZE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2])
        return 0
    ok = True
    print(f"{'format':<7}{'records':>10}{'seconds':>10}{'records/s':>11}{'peak RSS MB':>13}{'file MB':>9}")
    for fmt in args.formats:
        runs = [measure(fmt, size) for size in args.sizes]
        for run in runs:
            print(
                f"{run['format']:<7}{run['records']:>10}{run['seconds']:>10}{run['records_per_s']:>11}"
                f"{run['peak_rss_mb']:>13}{run['file_mb']:>9}"
            )
        low, high = runs[0]["peak_rss_mb"], runs[-1]["peak_rss_mb"]
        growth = (high - low) / low
        flat = growth <= FLAT_WITHIN and high < RSS_LIMIT_MB
        ok = ok and flat
        print(f"{fmt}: peak RSS {low} -> {high} MB ({growth:+.1%}) {'OK' if flat else 'NOT FLAT'}\n")
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
