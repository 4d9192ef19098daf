"""Streams: records drawn in chunks, written one by one, never kept — memory stays flat.

The file is written under a temporary name and renamed when the stream ends; a
stream stopped early (``break``, ``close()``) still ends cleanly, holding exactly
the records it yielded. A failure removes the temporary file (or rolls the
database back), so a target is either complete or untouched.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO, cast

from pytest_forge.errors import ExportError
from pytest_forge.export.ledger import KeyLedger
from pytest_forge.export.saved import ChunkSaver
from pytest_forge.generation.keys import keys_in_memory
from pytest_forge.generation.options import check_count

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterator

    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.relations.registry import Registry

__all__ = ["CHUNK_SIZE", "FORMATS", "BatchMaker", "create_stream", "generate_chunks", "resolve_format"]

#: records drawn per create_batch call (what a stream holds at most)
CHUNK_SIZE = 1000
FORMATS = ("json", "jsonl", "csv", "sql", "db")
SUFFIXES = {
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".sql": "sql",
    ".db": "db", ".sqlite": "db", ".sqlite3": "db",
}  # fmt: skip
Target = str | os.PathLike[str] | TextIO


class BatchMaker(Protocol):
    """What a stream needs of the façade (a Forge): plans, batches, and a registry for its own calls."""

    registry: Registry

    def plan(self, model: Any) -> ModelPlan: ...
    def create_batch(self, model: Any, count: int = ..., **kwargs: Any) -> list[Any]: ...
    def active_registry(self) -> Registry: ...
    def recording_into(self, registry: Registry) -> contextlib.AbstractContextManager[None]: ...


class Sink(Protocol):
    def write(self, record: Any) -> None: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...


def resolve_format(target: Target | None, fmt: str | None = None) -> str:
    """The format for ``target``: ``fmt`` when given, else from the suffix (a URL is a database)."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        return fmt
    if target is None or not isinstance(target, (str, os.PathLike)):
        return "jsonl"
    text = os.fspath(target)
    if "://" in text:
        return "db"
    suffix = Path(text).suffix.lower()
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise ExportError(
            f"cannot tell the format of {text!r} from its suffix; use one of {known} or a database URL"
        )
    return SUFFIXES[suffix]


def create_stream(
    forge: BatchMaker,
    model: Any,
    count: int,
    target: Target | None = None,
    *,
    fmt: str | None = None,
    table_name: str | None = None,
    dialect: str = "sqlite",
    session: Any = None,
    **overrides: Any,
) -> Iterator[Any]:
    """Yield ``count`` records of ``model``, writing each to ``target`` (a path, URL or text stream).

    ``session=`` saves them through a SQLAlchemy session, flushed chunk by chunk (see :mod:`.saved`).
    """
    from pytest_forge.export.encode import snake_case
    from pytest_forge.export.sqltypes import check_dialect

    check_count("count", count)
    kind = resolve_format(target, fmt) if target is not None else None
    dialect = check_dialect(dialect)
    if kind == "db" and not isinstance(target, (str, os.PathLike)):
        raise ExportError("a database stream needs a path or URL, not an open file")
    plan = forge.plan(model)  # the model's errors come now, before any file exists
    saver = ChunkSaver.of(plan.spec, session, getattr(forge, "session", None))
    name = (
        table_name or getattr(getattr(model, "__table__", None), "name", None) or snake_case(model.__name__)
    )
    opener = None
    if target is not None and kind is not None:
        opener = _sink_opener(target, kind, model, name, dialect)
    return _stream(forge, model, count, overrides, opener, saver)


def _stream(
    forge: BatchMaker,
    model: Any,
    count: int,
    overrides: dict[str, Any],
    opener: Callable[[], Sink] | None,
    saver: ChunkSaver | None,
) -> Iterator[Any]:
    sink = opener() if opener is not None else None
    if saver is not None:
        chunks = saver.chunks(generate_chunks(forge, model, count, {**overrides, "session": saver.session}))
    else:  # keys the database would assign are counted where records go to a file or table
        chunks = generate_chunks(forge, model, count, overrides, memory_keys=sink is not None)
    try:
        for batch in chunks:
            for record in batch:
                if sink is not None:
                    sink.write(record)
                yield record
    except GeneratorExit:
        if sink is not None:
            sink.close()  # stopped early: keep exactly what was yielded
        raise
    except BaseException:
        if sink is not None:
            sink.abort()
        raise
    finally:
        chunks.close()
    if sink is not None:
        sink.close()


def generate_chunks(
    forge: BatchMaker,
    model: Any,
    count: int,
    overrides: dict[str, Any] | None = None,
    *,
    keep: bool = False,
    memory_keys: bool = True,
) -> Generator[list[Any], None, None]:
    """``count`` records in lists of at most CHUNK_SIZE; unless ``keep``, the registry keeps only keys.

    ``memory_keys``: keys a database would assign (SQLAlchemy autoincrement) are counted in memory.
    """
    check_count("count", count)
    made = 0
    while made < count:
        size = min(CHUNK_SIZE, count - made)
        with keys_in_memory() if memory_keys else contextlib.nullcontext():
            batch = _batch(forge, model, size, overrides or {}, keep)
        yield batch
        made += size


def _batch(forge: BatchMaker, model: Any, size: int, overrides: dict[str, Any], keep: bool) -> list[Any]:
    if keep:
        return forge.create_batch(model, count=size, **overrides)
    ledger = KeyLedger(forge.active_registry(), forge.plan(model).name)
    try:
        with forge.recording_into(cast("Registry", ledger)):  # this call only: others keep the registry
            return forge.create_batch(model, count=size, **overrides)
    finally:
        ledger.settle()


def _sink_opener(target: Target, kind: str, model: Any, table_name: str, dialect: str) -> Callable[[], Sink]:
    from pytest_forge.export import sinks

    if kind == "db":
        url = os.fspath(cast("str | os.PathLike[str]", target))
        return lambda: sinks.DatabaseSink(url, table_name, model)
    make_writer = sinks.writer_factory(kind, model, table_name, dialect)
    if isinstance(target, (str, os.PathLike)):
        path = target
        return lambda: sinks.FileSink(path, make_writer)
    out = target
    return lambda: sinks.StreamSink(out, make_writer)
