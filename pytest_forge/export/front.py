"""The Forge's export methods: ``create_stream`` and ``to_database`` (a mixin)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytest_forge.forge import Forge

__all__ = ["ExportMethods"]

T = TypeVar("T")


class ExportMethods:
    """Records written to files and databases as they are made (see docs/export.md)."""

    def create_stream(
        self, model: type[T], count: int, filename: Any = None, *, session: Any = None, **kwargs: Any
    ) -> Iterator[T]:
        """Yield ``count`` records, each written first to ``filename`` (.json/.jsonl/.csv/.sql/.db, a URL);
        ``session=`` saves SQLAlchemy models through it, flushed chunk by chunk (memory stays flat)."""
        from pytest_forge.export.stream import create_stream  # loads with its first use, not with Forge

        return create_stream(cast("Forge", self), model, count, filename, session=session, **kwargs)

    def to_database(self, records: Any, url: Any, table_name: str | None = None) -> int:
        """Insert records (or ``{table: records}``) in one transaction; a path means a SQLite file."""
        from pytest_forge.export.loading import to_database

        return to_database(records, url, table_name)
