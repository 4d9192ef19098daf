"""CSV (RFC 4180): a header row, None as an empty cell, nested values as JSON text.

Empty strings are written quoted (``""``) and None unquoted, so readers that can
tell them apart (PostgreSQL ``COPY ... CSV``, ``csv.QUOTE_NOTNULL`` in Python 3.12+) do.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

from pytest_forge.export.encode import RecordEncoder, json_text

__all__ = ["CsvWriter", "csv_cell"]

_NEEDS_QUOTES = re.compile(r'[",\r\n]|^$|^\s|\s$')


def csv_cell(value: Any) -> str:
    """One JSON value as a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = value if isinstance(value, str) else json_text(value)
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


class CsvWriter:
    """Rows under a header taken from the first record's keys."""

    def __init__(self, out: TextIO, header: list[str] | None = None) -> None:
        self.out = out
        self.encoder = RecordEncoder()
        self.header = header
        self._written_header = False

    def write(self, record: Any) -> None:
        row = self.encoder.row(record)
        if not self._written_header:
            self.header = self.header or list(row)
            self._write_header()
        self.out.write(",".join(csv_cell(row.get(key)) for key in self.header or ()) + "\r\n")

    def _write_header(self) -> None:
        self.out.write(",".join(csv_cell(key) for key in self.header or ()) + "\r\n")
        self._written_header = True

    def finish(self) -> None:
        if not self._written_header and self.header:
            self._write_header()
        self.out.flush()
