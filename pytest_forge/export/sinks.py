"""Where a stream's records go: an atomic file, an open text stream, or a database table."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from pytest_forge.export.files import AtomicTextFile

if TYPE_CHECKING:
    import os

    from pytest_forge.export.tables import TableLayout

__all__ = ["DatabaseSink", "FileSink", "RecordWriter", "StreamSink", "writer_factory"]


class RecordWriter(Protocol):
    """Writes records in one format to a text stream; ``finish`` closes the format (``]``, COMMIT)."""

    def write(self, record: Any) -> None: ...
    def finish(self) -> None: ...


WriterFactory = Callable[[TextIO], RecordWriter]


def writer_factory(kind: str, model: Any, table_name: str, dialect: str) -> WriterFactory:
    """A function making the writer of format ``kind`` on a text stream."""
    from pytest_forge.export.csv_files import CsvWriter
    from pytest_forge.export.json_files import JsonArrayWriter, JsonLinesWriter
    from pytest_forge.export.sql_text import SqlWriter
    from pytest_forge.export.tables import record_keys

    if kind == "json":
        return JsonArrayWriter
    if kind == "jsonl":
        return JsonLinesWriter
    if kind == "csv":
        return lambda out: CsvWriter(out, header=record_keys(model) or None)
    return lambda out: SqlWriter(out, table_name, model, dialect=dialect)


class FileSink:
    """A file that appears, complete, when the stream ends."""

    def __init__(self, path: str | os.PathLike[str], make_writer: WriterFactory) -> None:
        self.file = AtomicTextFile(path)
        self.writer = make_writer(self.file.handle)

    def write(self, record: Any) -> None:
        self.writer.write(record)

    def close(self) -> None:
        try:
            self.writer.finish()
        except BaseException:
            self.file.abort()
            raise
        self.file.commit()

    def abort(self) -> None:
        self.file.abort()


class StreamSink:
    """An open text stream (standard output): written as records come, left open at the end."""

    def __init__(self, out: TextIO, make_writer: WriterFactory) -> None:
        self.writer = make_writer(out)

    def write(self, record: Any) -> None:
        self.writer.write(record)

    def close(self) -> None:
        self.writer.finish()

    def abort(self) -> None:
        """What was written stays written; nothing more is added."""


class DatabaseSink:
    """Rows into one table inside one transaction, committed when the stream ends."""

    def __init__(self, url: str, table_name: str, model: Any) -> None:
        from pytest_forge.export.database import DatabaseLoader
        from pytest_forge.export.encode import RecordEncoder

        self.loader = DatabaseLoader(url).__enter__()
        self.encoder = RecordEncoder(raw_bytes=True)
        self.table_name = table_name
        self.model = model
        self.layout: TableLayout | None = None

    def _prepare(self, first_row: dict[str, Any] | None) -> TableLayout:
        from pytest_forge.export.tables import TableLayout

        self.layout = TableLayout.of(self.table_name, self.model, first_row)
        self.loader.prepare(self.layout)
        return self.layout

    def write(self, record: Any) -> None:
        row = self.encoder.row(record)
        layout = self.layout or self._prepare(row)
        self.loader.write(layout, row)

    def close(self) -> None:
        try:
            if self.layout is None:
                self._prepare(None)
        except BaseException as exc:
            self.loader.__exit__(type(exc), exc, exc.__traceback__)
            raise
        self.loader.__exit__(None, None, None)

    def abort(self) -> None:
        self.loader.__exit__(RuntimeError, None, None)
