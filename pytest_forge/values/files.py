"""Files that exist, for pydantic's ``FilePath``: empty files in pytest-forge's own temporary directory.

A ``FilePath`` must point at an existing file. The engine makes one: its name is drawn from the seed
like any relative path (``reports/2019/summary.csv``: same seed, same path), under
``<system temp dir>/pytest-forge-<user id>/files``. That directory is made private (mode 0700) and
refused when it is a link or belongs to someone else; files are created empty and never truncated
(a file already there, drawn before, is left as it is). Nothing is written anywhere else; the names
come from a fixed set, so the directory stays small (a few thousand empty files at most) and is not
removed (another test process may be reading it).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from pytest_forge.errors import ConstraintError

__all__ = ["existing_file", "files_root"]


def files_root() -> Path:
    """pytest-forge's own directory for the files it makes (created private on first use)."""
    user = os.getuid() if hasattr(os, "getuid") else "user"
    base = Path(tempfile.gettempdir()) / f"pytest-forge-{user}"
    _private_dir(base)
    root = base / "files"
    root.mkdir(mode=0o700, exist_ok=True)
    return root


def _private_dir(path: Path) -> None:
    """Make ``path`` (mode 0700) or check that the one there is a real directory of this user."""
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
    info = os.lstat(path)
    ours = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if not stat.S_ISDIR(info.st_mode) or not ours:
        raise ConstraintError(
            f"FilePath: {path} is not a directory of this user (a link, a file or someone else's), so no "
            "file is made there; remove it, or pass the value as an override"
        )


def existing_file(relative: Path) -> Path:
    """``relative`` under :func:`files_root`, created empty when it is not there yet."""
    try:
        path = files_root() / relative
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.touch(exist_ok=True)
    except OSError as exc:
        raise ConstraintError(
            f"FilePath: could not make a file in the temporary directory ({exc}); "
            "pass the value as an override"
        ) from exc
    return path
