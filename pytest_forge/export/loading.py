"""Loading records into databases: ``to_database`` for made records, ``load_models`` for loadtestdata."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ExportError
from pytest_forge.export.database import DatabaseLoader
from pytest_forge.export.encode import RecordEncoder, snake_case

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from pytest_forge.export.stream import BatchMaker
    from pytest_forge.export.tables import TableLayout

__all__ = ["load_models", "to_database"]


def to_database(
    records: Iterable[Any] | Mapping[str, Iterable[Any]],
    url: str | os.PathLike[str],
    table_name: str | None = None,
) -> int:
    """Insert records (or ``{table: records}``, parents first) in one transaction; the rows written."""
    from pytest_forge.export.tables import table_sources

    if not isinstance(url, (str, os.PathLike)):
        raise ExportError(
            f"to_database(url=...) must be a database URL (sqlite:///data.db, postgresql://...) or a path "
            f"to a SQLite file, got {url!r}"
        )
    encoder = RecordEncoder(raw_bytes=True)
    with DatabaseLoader(os.fspath(url)) as db:
        sources = table_sources(records, table_name, encoder)
        for source in sources:
            db.prepare(source.layout)
        for source in sources:
            for row in source.rows(encoder):
                db.write(source.layout, row)
    return db.rows_written


def load_models(
    forge: BatchMaker,
    requests: list[tuple[Any, int]],
    url: str,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Make and insert ``count`` records per model, parents first, keys after the tables' existing ones.

    Models that others point at keep their records in the Forge's registry (their
    children's foreign keys pick from them); the rest are streamed, keeping only keys.
    """
    from pytest_forge.export.stream import generate_chunks
    from pytest_forge.export.tables import TableLayout, parents_first

    counts = _merged(requests)
    layouts = parents_first([TableLayout.of(snake_case(m.__name__), m, None) for m in counts])
    referenced = {c.references[0] for t in layouts for c in t.columns if c.references}
    encoder = RecordEncoder(raw_bytes=True)
    with DatabaseLoader(url) as db:
        for layout in layouts:
            db.prepare(layout)
            _continue_after_existing(forge, db, layout)
        for layout in layouts:
            keep = layout.model_name in referenced
            for batch in generate_chunks(forge, layout.model, counts[layout.model], keep=keep):
                for record in batch:
                    db.write(layout, encoder.row(record))
                if progress is not None:
                    progress(len(batch))
    return {layout.name: counts[layout.model] for layout in layouts}


def _merged(requests: list[tuple[Any, int]]) -> dict[Any, int]:
    counts: dict[Any, int] = {}
    for model, count in requests:
        counts[model] = counts.get(model, 0) + count
    return counts


def _continue_after_existing(forge: BatchMaker, db: DatabaseLoader, layout: TableLayout) -> None:
    """New integer keys start after the largest one already in the table."""
    key = layout.primary_key
    if key is None or key.kind != "int" or key.field_name is None or layout.model_name is None:
        return
    last = db.max_value(layout.name, key.name)
    if last is not None:
        forge.registry.continue_after(layout.model_name, key.field_name, int(last))
