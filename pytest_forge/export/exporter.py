"""``DataExporter``: records to JSON, JSON Lines, CSV, SQL files and databases (FixtureForge's names)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from pytest_forge.export.sinks import WriterFactory

__all__ = ["DataExporter"]

PathLike = str | os.PathLike[str]


def _write(records: Iterable[Any], path: PathLike, make_writer: WriterFactory) -> int:
    from pytest_forge.export.files import atomic_text_file

    count = 0
    with atomic_text_file(path) as out:
        writer = make_writer(out)
        for record in records:
            writer.write(record)
            count += 1
        writer.finish()
    return count


class DataExporter:
    """Static methods writing records (any iterable, read once) to files and databases.

    Every file is written under a temporary name and renamed when complete; each
    method returns how many records it wrote.
    """

    @staticmethod
    def to_json(records: Iterable[Any], path: PathLike) -> int:
        """A JSON array, one record per line, values as pydantic's ``model_dump_json`` writes them."""
        from pytest_forge.export.json_files import JsonArrayWriter

        return _write(records, path, JsonArrayWriter)

    @staticmethod
    def to_jsonl(records: Iterable[Any], path: PathLike) -> int:
        """JSON Lines: one JSON object per line."""
        from pytest_forge.export.json_files import JsonLinesWriter

        return _write(records, path, JsonLinesWriter)

    @staticmethod
    def to_csv(records: Iterable[Any], path: PathLike) -> int:
        """CSV with a header; None is an empty cell, nested values are JSON text."""
        from pytest_forge.export.csv_files import CsvWriter

        return _write(records, path, CsvWriter)

    @staticmethod
    def to_sql(
        records: Iterable[Any] | Mapping[str, Iterable[Any]],
        path: PathLike,
        table_name: str | None = None,
        dialect: str = "sqlite",
        create_table: bool = True,
        batch_size: int = 500,
    ) -> int:
        """An SQL script: CREATE TABLE and multi-row INSERTs; ``{table: records}`` writes parents first."""
        from pytest_forge.export.encode import RecordEncoder
        from pytest_forge.export.files import atomic_text_file
        from pytest_forge.export.sql_text import SqlScript
        from pytest_forge.export.tables import table_sources

        encoder = RecordEncoder(raw_bytes=True)
        count = 0
        with atomic_text_file(path) as out:
            script = SqlScript(out, dialect, create_table=create_table, batch_size=batch_size)
            sources = table_sources(records, table_name, encoder)
            script.begin()
            for source in sources:
                script.table(source.layout)
                for row in source.rows(encoder):
                    script.row(row)
                    count += 1
            script.end()
        return count

    @staticmethod
    def to_database(
        records: Iterable[Any] | Mapping[str, Iterable[Any]], url: PathLike, table_name: str | None = None
    ) -> int:
        """Insert into a database (a path means SQLite) in one transaction; tables made when missing."""
        from pytest_forge.export.loading import to_database

        return to_database(records, url, table_name)
