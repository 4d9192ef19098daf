"""What every ``tools/build_*.py`` script does with its result: write the data file, or with ``--check``
fail when the committed file is not a fresh build."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def write_or_check(out: Path, text: str, description: str) -> int:
    """Write ``text`` to ``out`` (exit status 0), or with ``--check`` compare them (1 when they differ)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--check", action="store_true", help="fail when the committed file is not a fresh build"
    )
    if parser.parse_args().check:
        same = out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{out} differs from a fresh build", file=sys.stderr)
        return 0 if same else 1
    out.write_text(text, encoding="utf-8")
    return 0
