"""``forge load`` for SQLAlchemy models: missing tables created, rows saved through a Session, parents first.

Tables (and the secondary tables of many-to-many relationships) the database lacks are
created one by one, with their ENUM types and sequences; a table or an index the database
cannot build is reported once and skipped, never fatal (rows for a missing table are then
refused with the database's own reason). Rows are made and flushed in chunks through one
Session and committed at the end, so a failure leaves the database as it was. Existing rows are candidate
parents and their unique values are avoided (see :mod:`pytest_forge.relations.existing`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.forge import Forge

__all__ = ["CHUNK", "create_missing_tables", "load_mapped"]

#: rows made and flushed at a time
CHUNK = 500


def load_mapped(
    forge: Forge,
    requests: list[tuple[Any, int]],
    url: str,
    progress: Callable[[int], None] | None = None,
    report: Callable[[str], None] = print,
) -> dict[str, int]:
    """Make ``count`` rows per mapped model into ``url``'s tables; rows saved per table name."""
    from sqlalchemy import create_engine, inspect
    from sqlalchemy.orm import Session

    engine = create_engine(url)
    try:
        ordered = _parents_first(requests)
        for problem in create_missing_tables(engine, [inspect(m).mapper for m, _ in ordered]):
            report(problem)
        with Session(engine) as session:
            for model, count in ordered:
                _load_one(forge, session, model, count, progress)
            session.commit()
    finally:
        engine.dispose()
    return {inspect(model).local_table.name: count for model, count in ordered}


def _load_one(
    forge: Forge, session: Any, model: Any, count: int, progress: Callable[[int], None] | None
) -> None:
    done = 0
    while done < count:
        size = min(CHUNK, count - done)
        forge.create_batch(model, count=size, session=session)
        done += size
        if progress is not None:
            progress(size)


def _parents_first(requests: list[tuple[Any, int]]) -> list[tuple[Any, int]]:
    """Models ordered so that the tables others point at come first (counts of repeats summed)."""
    from sqlalchemy import inspect

    counts: dict[Any, int] = {}
    for model, count in requests:
        counts[model] = counts.get(model, 0) + count
    tables = {inspect(model).local_table: model for model in counts}
    related = _tables_of([inspect(model).mapper for model in counts])  # edges through unnamed models too
    return [(tables[table], counts[tables[table]]) for table in _sorted_tables(related) if table in tables]


def _sorted_tables(tables: list[Any]) -> list[Any]:
    from sqlalchemy.sql.ddl import sort_tables

    return list(sort_tables(tables))


def create_missing_tables(engine: Any, mappers: list[Any]) -> list[str]:
    """Create the mapped (and secondary) tables the database lacks; what could not be made, as messages."""
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.schema import CreateTable

    problems: list[str] = []
    existing = set(inspect(engine).get_table_names())
    for table in _sorted_tables(_tables_of(mappers)):
        if table.name in existing:
            continue
        try:
            with engine.begin() as connection:
                _create_types(connection, table)
                connection.execute(CreateTable(table))
        except SQLAlchemyError as exc:  # its rows will be refused with the database's own reason
            problems.append(f"table {table.name} was not created: {_reason(exc)}")
            continue
        for index in table.indexes:
            try:
                with engine.begin() as connection:
                    index.create(connection)
            except SQLAlchemyError as exc:
                problems.append(f"index {index.name} on {table.name} was not created: {_reason(exc)}")
    return problems


def _create_types(connection: Any, table: Any) -> None:
    """What a table needs first: PostgreSQL ENUM types and sequences (no-ops where a database has none)."""
    from sqlalchemy import Sequence
    from sqlalchemy.types import SchemaType

    for column in table.columns:
        if isinstance(column.type, SchemaType):
            column.type.create(connection, checkfirst=True)
        if isinstance(column.default, Sequence):
            column.default.create(connection, checkfirst=True)


def _tables_of(mappers: list[Any]) -> list[Any]:
    """Every table the rows may touch: the models', their related models' (all the way), secondaries."""
    found: dict[Any, None] = {}
    seen: set[Any] = set()
    pending = list(mappers)
    while pending:
        mapper = pending.pop()
        if mapper in seen:
            continue
        seen.add(mapper)
        found.update(dict.fromkeys(mapper.tables))
        for prop in mapper.relationships:
            if prop.secondary is not None:
                found[prop.secondary] = None
            pending.append(prop.mapper)
    return list(found)


def _reason(exc: Exception) -> str:
    original = getattr(exc, "orig", None)
    return str(original if original is not None else exc).splitlines()[0]
