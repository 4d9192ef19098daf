"""Looking up stored values without loading rows: ``IN`` queries over the columns of a unique group.

A group's fields are mapped attributes: a column attribute is its column; a relationship
(or a foreign-key field holding its parent record) is its key columns, valued by the
parent's key. Candidates are asked for in slices of :data:`SLICE` with
``(a, b) IN ((...), ...)``, so a batch costs a few small queries however big the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["SLICE", "largest", "taken"]

#: candidates per query (well under every database's limit on bound parameters)
SLICE = 500

Part = tuple[Any, "Callable[[Any], Any]"]


def taken(model: Any, fields: tuple[str, ...], combos: list[tuple[Any, ...]], session: Any) -> list[Any]:
    """The combinations of ``fields`` values that rows in ``model``'s tables already hold."""
    from sqlalchemy import inspect, select, tuple_

    mapper = inspect(model)
    parts = [_parts(mapper, name) for name in fields]
    if any(p is None for p in parts):
        return []
    flat = [part for group in parts if group is not None for part in group]
    columns = [column for column, _ in flat]
    by_row: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for combo in combos:
        row = _row(parts, combo)
        if row is not None:
            by_row[row] = combo
    found: list[Any] = []
    rows = list(by_row)
    for start in range(0, len(rows), SLICE):
        chunk = rows[start : start + SLICE]
        if len(columns) == 1:
            query = select(columns[0]).where(columns[0].in_([r[0] for r in chunk]))
        else:
            query = select(*columns).where(tuple_(*columns).in_(chunk))
        with session.no_autoflush:
            found += [by_row[tuple(r)] for r in session.execute(query) if tuple(r) in by_row]
    return found


def largest(model: Any, field: str, session: Any) -> Any:
    """``max(field)`` over the stored rows."""
    from sqlalchemy import func, inspect, select

    parts = _parts(inspect(model), field)
    if parts is None or len(parts) != 1:
        return None
    with session.no_autoflush:
        return session.scalar(select(func.max(parts[0][0])))


def _parts(mapper: Any, name: str) -> list[Part] | None:
    """(column, value → that column's value) for each column the field stands for."""
    from sqlalchemy.orm import ColumnProperty, RelationshipProperty

    prop = mapper.attrs.get(name)
    if isinstance(prop, RelationshipProperty):
        return [(local, _attribute(prop.mapper, remote)) for local, remote in prop.local_remote_pairs]
    if isinstance(prop, ColumnProperty):
        column = _base_column(prop, mapper)
        constraint = next(iter(column.foreign_keys), None)
        if constraint is None:
            return [(column, _same)]
        return _key_parts(mapper, column, constraint.constraint)
    return None


def _key_parts(mapper: Any, column: Any, constraint: Any) -> list[Part]:
    """A foreign-key field: its own value when given as a key, its parent's key when given as a record."""
    pairs = [
        (local, element.column)
        for local, element in zip(constraint.columns, constraint.elements, strict=True)
    ]
    parts: list[Part] = []
    for local, remote in pairs:
        if local is column or len(pairs) > 1:
            parts.append((local, _key_or_value(remote.name, local is column)))
    return parts


def _key_or_value(remote_key: str, own: bool) -> Callable[[Any], Any]:
    def value(given: Any) -> Any:
        if hasattr(given, "_sa_instance_state"):
            from sqlalchemy import inspect

            prop = inspect(given).mapper.get_property_by_column(
                inspect(given).mapper.local_table.c[remote_key]
            )
            return getattr(given, prop.key)
        return given if own else None

    return value


def _attribute(mapper: Any, column: Any) -> Callable[[Any], Any]:
    key = mapper.get_property_by_column(column).key
    return lambda parent: getattr(parent, key, None)


def _same(value: Any) -> Any:
    return value


def _base_column(prop: Any, mapper: Any) -> Any:
    order = list(mapper.tables)
    columns = [c for c in prop.columns if getattr(c, "table", None) in order] or list(prop.columns)
    return min(columns, key=lambda c: order.index(c.table) if c.table in order else len(order))


def _row(parts: list[list[Part] | None], combo: tuple[Any, ...]) -> tuple[Any, ...] | None:
    row = []
    for group, value in zip(parts, combo, strict=True):
        for _, read in group or ():
            cell = read(value)
            if cell is None:
                return None  # NULL (or a parent without its key yet) never collides
            row.append(cell)
    return tuple(row)
