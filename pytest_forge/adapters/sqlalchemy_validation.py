"""SQLAlchemy's side of the adapter contract: build an instance, and say which fields it refused.

An instance is made the way SQLAlchemy loads rows (``ClassManager.new_instance``, so a
model's own ``__init__`` with other arguments is no obstacle) and each attribute is set
(``@validates`` hooks run and may refuse a value). Before that, the table's CHECK
constraints are evaluated on the record: a failing check names its columns, which the
builder re-draws. Fields left to the database stay unset when they hold None; foreign-key
columns get their parent's key first (:mod:`~pytest_forge.adapters.sqlalchemy_keys`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.adapters.sqlalchemy_keys import copy_keys
from pytest_forge.adapters.sqlalchemy_loaded import loaded_links
from pytest_forge.field_tags import ForeignKey
from pytest_forge.spec import Rejection, rejection_of_plain_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.adapters.sqlalchemy_checks import Check
    from pytest_forge.adapters.sqlalchemy_keys import KeyLink
    from pytest_forge.adapters.sqlalchemy_loaded import LoadedLink
    from pytest_forge.spec import FieldSpec

__all__ = ["RecordRefused", "instance_builder", "read_refusal"]


class RecordRefused(ValueError):
    """A CHECK constraint or a ``@validates`` hook refused the record (fields: what to re-draw)."""

    def __init__(self, fields: dict[str, str], message: str) -> None:
        super().__init__(message)
        self.fields = fields


def instance_builder(
    model: Any,
    fields: tuple[FieldSpec, ...],
    checks: tuple[Check, ...],
    links: tuple[KeyLink, ...] = (),
    loadable: dict[str, LoadedLink] | None = None,
) -> Callable[[dict[str, Any]], Any]:
    """``validate`` for a mapped class: parents' keys copied, checks, then a new instance with each
    attribute set."""
    from sqlalchemy import inspect
    from sqlalchemy.orm.attributes import set_committed_value

    from pytest_forge.sqlalchemy.keys import remember_pending
    from pytest_forge.sqlalchemy.session import saving_into

    mapper = inspect(model)
    new_instance = mapper.class_manager.new_instance
    skipped_when_none = frozenset(f.name for f in fields if f.computed)
    # relationships are set last: linking a parent adds the instance to the parent's collection,
    # which must not happen for an instance a column's @validates hook then refuses
    linked_last = frozenset(f.name for f in fields if f.type.inner().kind in ("any", "list", "set"))
    many = frozenset(f.name for f in fields if f.type.kind in ("list", "set") and f.tag(ForeignKey))
    loadable = loaded_links(mapper, links) if loadable is None else loadable

    def build(data: dict[str, Any]) -> Any:
        data = dict(data)
        pending = copy_keys(data, links) if links else None
        for check in checks:
            if not check.holds(data):
                message = f"CHECK ({check.text}) is false"
                raise RecordRefused(dict.fromkeys(check.fields, message), message)
        instance = new_instance()
        later = []
        name = ""
        try:
            for name, value in data.items():
                if value is None and name in skipped_when_none:
                    continue
                if name in linked_last:
                    later.append((name, value))
                else:
                    setattr(instance, name, value)
        except _REFUSALS as exc:
            raise _refused(name, exc) from exc
        session_key = saving_into() if loadable else None
        for name, value in later:
            if name in many and _plain_keys(value):
                continue
            link = loadable.get(name) if session_key is not None else None
            if link is not None and link.applies(value, data, session_key):
                set_committed_value(instance, name, value)  # as loaded: see sqlalchemy_loaded
                continue
            try:
                setattr(instance, name, value)
            except _REFUSALS as exc:
                raise _refused(name, exc) from exc
        if pending:
            remember_pending(
                instance, [(parent, link.pairs) for parent, link in pending if not link.relationship]
            )
        return instance

    return build


#: what a ``@validates`` hook raises to refuse a value
_REFUSALS = (ValueError, TypeError, AssertionError, LookupError)


def _refused(name: str, exc: Exception) -> RecordRefused:
    message = f"{type(exc).__name__}: {exc}"
    return RecordRefused({name: message}, message)


def _plain_keys(value: Any) -> bool:
    """Keys, not records, in a many-to-many field (partitions draw keys): the secondary table's rows,
    which a file of this model has no place for."""
    return isinstance(value, (list, set)) and any(not hasattr(v, "_sa_instance_state") for v in value)


def read_refusal(exc: BaseException) -> Rejection | None:
    """The fields a refusal names (a plain error from elsewhere refuses the record as a whole)."""
    if isinstance(exc, RecordRefused):
        return Rejection(exc.fields, str(exc))
    return rejection_of_plain_error(exc)
