"""One partition to one file: ``OUT/<table>/part-00042.parquet`` (or .jsonl, .csv), on any fsspec URL.

The file is written under a temporary name in the same folder and renamed when complete, so a
reader (or a resumed run) never sees half a partition. Memory stays flat: records arrive in chunks
and Parquet gets a row group per ``ROW_GROUP`` rows.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from pytest_forge.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from fsspec import AbstractFileSystem

__all__ = ["FORMATS", "ROW_GROUP", "check_format", "part_name", "write_partition"]

FORMATS = ("parquet", "jsonl", "csv")
ROW_GROUP = 65_536


def check_format(fmt: str) -> str:
    """``fmt`` when partitions can be written in it, else a UsageError listing the formats."""
    if fmt not in FORMATS:
        raise UsageError(f"partitions are written as {', '.join(FORMATS)}, not {fmt!r} (--format)")
    return fmt


def part_name(index: int, fmt: str) -> str:
    """``part-00042.parquet``: sorted names sort by partition up to 100,000 partitions."""
    return f"part-{index:05d}.{fmt}"


class PartWriter(Protocol):
    def write(self, chunk: list[Any]) -> None: ...
    def finish(self) -> None: ...
    def abort(self) -> None: ...


def write_partition(
    fs: AbstractFileSystem, path: str, model: Any, fmt: str, chunks: Iterable[list[Any]]
) -> tuple[int, str]:
    """Write the chunks' records to ``path`` atomically; (rows written, sha256 of the file)."""
    folder, _, name = path.rpartition("/")
    temp = f"{folder}/.{name}.{secrets.token_hex(6)}.tmp"
    fs.makedirs(folder, exist_ok=True)
    try:
        with fs.open(temp, "wb") as handle:
            rows = _write_all(_writer(fmt, model, handle), chunks)
        digest = _sha256(fs, temp)
        fs.mv(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            fs.rm(temp)
        raise
    return rows, digest


def _write_all(writer: PartWriter, chunks: Iterable[list[Any]]) -> int:
    rows = 0
    try:
        for chunk in chunks:
            writer.write(chunk)
            rows += len(chunk)
        writer.finish()
    except BaseException:
        writer.abort()
        raise
    return rows


def _sha256(fs: AbstractFileSystem, path: str) -> str:
    digest = hashlib.sha256()
    with fs.open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _writer(fmt: str, model: Any, handle: BinaryIO) -> PartWriter:
    if check_format(fmt) == "parquet":
        return ParquetPart(model, handle)
    return TextPart(model, handle, fmt)


class TextPart:
    """JSON Lines or CSV, through the same writers as ``forge generate -o file.jsonl``."""

    def __init__(self, model: Any, handle: BinaryIO, fmt: str) -> None:
        import io

        from pytest_forge.export.sinks import writer_factory

        self.text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
        self.writer = writer_factory(fmt, model, "", "sqlite")(self.text)

    def write(self, chunk: list[Any]) -> None:
        for record in chunk:
            self.writer.write(record)

    def finish(self) -> None:
        self.writer.finish()
        self.text.flush()
        self.text.detach()

    def abort(self) -> None:
        with contextlib.suppress(ValueError, OSError):
            self.text.detach()  # the file itself is closed and removed by write_partition


class ParquetPart:
    """Parquet with the model's schema: each chunk becomes a columnar batch at once (compact), and
    batches are written as a row group every ``ROW_GROUP`` rows, so memory stays flat."""

    def __init__(self, model: Any, handle: BinaryIO) -> None:
        import pyarrow.parquet as pq

        from pytest_forge.partitions.arrow_schema import ArrowBatcher

        self.batcher = ArrowBatcher(model)
        self.schema = self.batcher.schema
        self.writer = pq.ParquetWriter(handle, self.schema)
        self.batches: list[Any] = []
        self.buffered = 0

    def write(self, chunk: list[Any]) -> None:
        self.batches.append(self.batcher.batch(chunk))
        self.buffered += len(chunk)
        if self.buffered >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        table = pa.Table.from_batches(self.batches, schema=self.schema)
        self.writer.write_table(table, row_group_size=ROW_GROUP)
        self.batches, self.buffered = [], 0

    def finish(self) -> None:
        if self.batches:
            self._flush()
        self.writer.close()

    def abort(self) -> None:
        import pyarrow as pa

        with contextlib.suppress(pa.ArrowException, ValueError, OSError):
            self.writer.close()  # the file itself is closed and removed by write_partition


def read_parquet(fs: AbstractFileSystem, path: str, model: Any) -> Iterator[Any]:
    """The records of a Parquet partition, validated back into ``model``."""
    import pyarrow.parquet as pq
    from pydantic import TypeAdapter

    from pytest_forge.adapters import model_spec
    from pytest_forge.partitions.arrow_schema import arrow_columns

    columns = arrow_columns(model_spec(model))
    adapter: TypeAdapter[Any] = TypeAdapter(model)
    with fs.open(path, "rb") as handle:
        for row in pq.read_table(handle).to_pylist():
            yield adapter.validate_python({c.key: c.from_arrow(row.get(c.key)) for c in columns})
