"""JSON arrays and JSON Lines, one record per line, written as records arrive."""

from __future__ import annotations

from typing import Any, TextIO

from pytest_forge.export.encode import RecordEncoder

__all__ = ["JsonArrayWriter", "JsonLinesWriter"]


class JsonLinesWriter:
    """One JSON object per line (``.jsonl``)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.encoder = RecordEncoder()

    def write(self, record: Any) -> None:
        self.out.write(self.encoder.json(record) + "\n")

    def finish(self) -> None:
        self.out.flush()


class JsonArrayWriter:
    """A JSON array with one record per line; the closing bracket comes with ``finish()``."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.encoder = RecordEncoder()
        self._separator = "[\n"

    def write(self, record: Any) -> None:
        self.out.write(self._separator + self.encoder.json(record))
        self._separator = ",\n"

    def finish(self) -> None:
        self.out.write("[]\n" if self._separator == "[\n" else "\n]\n")
        self.out.flush()
