"""``OUT/_manifest.json``: what a partitioned run makes and which partitions are done.

Only the coordinating process writes it (workers return what they wrote), each time through a
temporary file and a rename, so it is never torn. A run is identified by its models, counts,
partitions, seed, format, locale and product version; an output folder holding another run's
manifest is refused unless ``--overwrite``.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import UsageError

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

__all__ = ["MANIFEST", "Manifest", "product_version"]

MANIFEST = "_manifest.json"


def product_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pytest-forge")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without metadata
        return "unknown"


@dataclass(slots=True)
class Manifest:
    """A run's identity (``run``) and its finished partitions per table (``done``)."""

    run: dict[str, Any]
    done: dict[str, dict[str, Any]] = field(default_factory=dict)

    def is_done(self, table: str, index: int) -> bool:
        return str(index) in self.done.get(table, {})

    def record(self, table: str, index: int, rows: int, sha256: str) -> None:
        self.done.setdefault(table, {})[str(index)] = {"rows": rows, "sha256": sha256}

    def text(self) -> str:
        return json.dumps({"run": self.run, "done": self.done}, indent=1, sort_keys=True) + "\n"

    def save(self, fs: AbstractFileSystem, root: str) -> None:
        """Write atomically: a temporary file renamed over the old manifest."""
        temp = f"{root}/.{MANIFEST}.{secrets.token_hex(6)}.tmp"
        with fs.open(temp, "w", encoding="utf-8") as handle:
            handle.write(self.text())
        fs.mv(temp, f"{root}/{MANIFEST}")

    @classmethod
    def load(cls, fs: AbstractFileSystem, root: str) -> Manifest | None:
        path = f"{root}/{MANIFEST}"
        if not fs.exists(path):
            return None
        try:
            with fs.open(path, "r", encoding="utf-8") as handle:
                data = json.load(handle)
            return cls(dict(data["run"]), dict(data["done"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise UsageError(
                f"{path} is not a pytest-forge manifest ({exc}); remove it or pass --overwrite"
            ) from None


def resume_or_start(fs: AbstractFileSystem, root: str, run: dict[str, Any], *, overwrite: bool) -> Manifest:
    """The manifest to continue: the folder's own when it is the same run, else a fresh one."""
    found = Manifest.load(fs, root)
    if found is not None and not overwrite:
        if found.run == run:
            return found
        raise UsageError(
            f"{root} holds another run ({_difference(found.run, run)}); pass --overwrite to replace it"
        )
    if found is not None:
        _remove_tables(fs, root, found.run)
    fs.makedirs(root, exist_ok=True)
    fresh = Manifest(run)
    fresh.save(fs, root)
    return fresh


def _difference(old: dict[str, Any], new: dict[str, Any]) -> str:
    keys = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    return "; ".join(f"{k}: {old.get(k)!r} there, {new.get(k)!r} now" for k in keys)


def _remove_tables(fs: AbstractFileSystem, root: str, run: dict[str, Any]) -> None:
    for model in run.get("models", ()):
        folder = f"{root}/{model.get('table')}"
        if model.get("table") and fs.exists(folder):
            fs.rm(folder, recursive=True)
