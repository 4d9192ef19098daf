"""Saving made instances through the user's own SQLAlchemy session, sync or async.

Instances are added and flushed, never committed: the test (or the caller) owns the
transaction and decides commit or rollback. Parents linked through relationships
cascade with their children. An ``AsyncSession`` runs the whole call inside
``AsyncSession.run_sync``, so parents, uniqueness look-ups and flushes all go through
its synchronous core.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from pytest_forge.errors import ConstraintError, ExportError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["SessionPersistence", "is_async_session", "saving_into"]

T = TypeVar("T")

#: rows added and flushed at a time: a flush's bookkeeping is let go of before the next one (the
#: garbage collector has less to look at), and a statement stays within insertmanyvalues' 1,000 rows
FLUSH_ROWS = 250

#: the ``hash_key`` of the Session the running call saves into (None: built in memory)
_SAVING_INTO: ContextVar[Any] = ContextVar("forge_sqlalchemy_saving_into", default=None)


def saving_into() -> Any:
    """The ``hash_key`` of the Session the instances built now are saved into, or None (in memory)."""
    return _SAVING_INTO.get()


def is_async_session(session: Any) -> bool:
    """True for an ``AsyncSession`` or an ``async_scoped_session``."""
    from sqlalchemy.ext.asyncio import AsyncSession, async_scoped_session

    return isinstance(session, (AsyncSession, async_scoped_session))


class SessionPersistence:
    """The SQLAlchemy adapter's :class:`~pytest_forge.spec.Persistence`.

    ``loaded``: the many-to-one relationships the adapter may set to a saved parent as a loaded
    value (:mod:`~pytest_forge.adapters.sqlalchemy_loaded`); they sit out the flush.
    """

    def __init__(self, loaded: tuple[str, ...] = ()) -> None:
        self._loaded = loaded

    def save(self, instances: list[Any], session: Any) -> None:
        """Add and flush ``instances`` (and the parents they link) in ``session``'s transaction."""
        _check_sync(session, instances)
        from sqlalchemy.exc import DBAPIError

        from pytest_forge.sqlalchemy.keys import settle_pending
        from pytest_forge.sqlalchemy.loaded import lift_loaded, restore_loaded

        lifted = lift_loaded(instances, self._loaded, _hash_key(session)) if self._loaded else []
        try:
            settle_pending(instances, session)
            for start in range(0, len(instances), FLUSH_ROWS):
                session.add_all(instances[start : start + FLUSH_ROWS])
                session.flush()
        except DBAPIError as exc:
            name = type(instances[0]).__name__ if instances else "records"
            raise ConstraintError(
                f"the database refused the {name} records made for it: {exc.orig}; the session's "
                f"transaction must be rolled back (session.rollback())",
                model=type(instances[0]) if instances else None,
            ) from exc
        finally:
            restore_loaded(lifted)

    @contextlib.contextmanager
    def into(self, session: Any) -> Iterator[None]:
        """Instances built inside this block are saved into ``session`` (None: kept in memory)."""
        token = _SAVING_INTO.set(None if session is None else _hash_key(session))
        try:
            yield
        finally:
            _SAVING_INTO.reset(token)

    def check_stream(self, session: Any) -> None:
        """A stream saves through a synchronous session (it is an ordinary generator)."""
        if is_async_session(session):
            raise UsageError(
                "create_stream saves through a synchronous Session, got an AsyncSession; stream inside "
                "`await async_session.run_sync(lambda s: [... for row in forge.create_stream(Model, n, "
                "session=s)])`, or use `await forge.acreate_batch(...)` in chunks"
            )
        _check_sync(session, [])

    def release(self, instances: list[Any], session: Any) -> None:
        """Let the parents' one-to-many collections forget these (flushed) children, so nothing keeps
        them alive: the session's identity map holds them weakly, and a later access reloads them."""
        from sqlalchemy import inspect

        expired: set[tuple[int, str]] = set()
        for instance in instances:
            state = inspect(instance)
            for prop in state.mapper.relationships:
                back = getattr(prop, "_reverse_property", ()) or ()
                parent = state.dict.get(prop.key)
                if parent is None or prop.uselist:
                    continue
                for other in back:
                    if other.uselist and (id(parent), other.key) not in expired:
                        expired.add((id(parent), other.key))
                        if inspect(parent).session is session:
                            session.expire(parent, [other.key])

    def taken(
        self, model: Any, fields: tuple[str, ...], combos: list[tuple[Any, ...]], session: Any
    ) -> list[tuple[Any, ...]]:
        """Which candidate values of a unique group rows in the database already hold (IN queries)."""
        from pytest_forge.sqlalchemy.stored import taken

        return self._reading(model, session, lambda: taken(model, fields, combos, session))

    def largest(self, model: Any, field: str, session: Any) -> Any:
        """The largest stored value of ``field``."""
        from pytest_forge.sqlalchemy.stored import largest

        return self._reading(model, session, lambda: largest(model, field, session))

    @staticmethod
    def _reading(model: Any, session: Any, read: Callable[[], T]) -> T:
        _check_sync(session, [])
        from sqlalchemy.exc import DBAPIError

        try:
            return read()
        except DBAPIError as exc:
            raise ExportError(
                f"cannot read the {model.__name__} rows already in the database: {exc.orig}; create its "
                f"table first (Base.metadata.create_all) and roll the session back (session.rollback())",
                model=model,
            ) from exc

    def elsewhere(self, instance: Any, session: Any) -> bool:
        """True for a mapped instance that another session saved or holds (detached ones included):
        linking it here fails (``InvalidRequestError``/``DetachedInstanceError``), so it is no parent."""
        from sqlalchemy import inspect

        state = inspect(instance, raiseerr=False)
        if state is None or not hasattr(state, "transient") or state.transient:
            return False
        return state.session is not session

    def rows(self, model: Any, session: Any, limit: int | None) -> list[Any]:
        """Rows of ``model`` in the session's database, lowest primary keys first.

        Their keys are read first: when the session holds every one of them already (the rows
        this Forge just saved through it), those instances are the answer and no row is loaded."""
        from sqlalchemy import inspect, select

        mapper = inspect(model)
        keys = [getattr(model, mapper.get_property_by_column(c).key) for c in mapper.primary_key]
        order = list(mapper.primary_key)
        query = select(model).order_by(*order)
        only_keys = select(*keys).order_by(*order)
        if limit is not None:
            query, only_keys = query.limit(limit), only_keys.limit(limit)

        def read() -> list[Any]:
            held = session.identity_map
            found = []
            for row in session.execute(only_keys):
                instance = held.get(mapper.identity_key_from_primary_key(tuple(row)))
                if not isinstance(instance, model):
                    return list(session.scalars(query))
                found.append(instance)
            return found

        return self._reading(model, session, read)

    async def run_async(self, session: Any, work: Callable[[Any], T]) -> T:
        """``work(sync_session)`` through ``AsyncSession.run_sync`` (needs greenlet)."""
        if not is_async_session(session):
            raise UsageError(
                f"acreate/acreate_batch need an AsyncSession, got {type(session).__name__}; "
                f"use forge.create(..., session=...) with a synchronous Session"
            )
        try:
            result: T = await session.run_sync(work)
        except ValueError as exc:
            if "greenlet" in str(exc):
                raise UsageError(
                    "saving through an AsyncSession needs greenlet: "
                    "pip install 'pytest-forge[sqlalchemy-async]'"
                ) from exc
            raise
        return result


def _hash_key(session: Any) -> Any:
    """The key a session's instances carry (``InstanceState.session_id``); a ``scoped_session``'s is
    the one of the Session it holds now."""
    from sqlalchemy.orm import scoped_session

    if isinstance(session, scoped_session):
        session = session()
    return getattr(session, "hash_key", None)


def _check_sync(session: Any, instances: list[Any]) -> None:
    if is_async_session(session):
        raise UsageError(
            "session= is an AsyncSession: use `await forge.acreate(...)` or "
            "`await forge.acreate_batch(...)`, which save through it"
        )
    if not (callable(getattr(session, "add_all", None)) and callable(getattr(session, "flush", None))):
        name = type(instances[0]).__name__ if instances else "the model"
        raise UsageError(
            f"session= for {name} must be a SQLAlchemy Session (or scoped_session), "
            f"got {type(session).__name__}"
        )
