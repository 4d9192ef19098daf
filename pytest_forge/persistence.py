"""Which session a call saves into, and handing made instances to the model kind's saving step.

``create(Order, session=s)`` saves into ``s``; the parents that call makes are saved
into the same session (they are made by nested calls, which find it here); without
``session=`` a call uses the Forge's default session (``Forge.session``, which the
pytest fixture ``forge_sqlalchemy_session`` sets), and without one builds in memory.
How to save is the adapter's :class:`~pytest_forge.spec.Persistence`: this module
knows no ORM.
"""

from __future__ import annotations

import contextlib
import weakref
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from pytest_forge.errors import UsageError
from pytest_forge.relations.existing import ExistingRows, checking_stored
from pytest_forge.spec import building

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytest_forge.relations.context import RelationContext
    from pytest_forge.spec import ModelSpec, Persistence

__all__ = ["SessionScope"]

T = TypeVar("T")


class SessionScope:
    """A Forge's default session and the session of the call running in this context."""

    def __init__(self) -> None:
        #: where calls without ``session=`` save (None: built in memory)
        self.default: Any = None
        self._running: ContextVar[Any] = ContextVar("forge_call_session", default=None)
        self._existing = ExistingRows()
        #: per registry, the session the last saving call used
        self._last_session: weakref.WeakKeyDictionary[Any, weakref.ref[Any]] = weakref.WeakKeyDictionary()

    def resolve(self, spec: ModelSpec, given: Any) -> Any:
        """The session a call of ``spec``'s model saves into, or None to build in memory (always
        inside ``forge.build``, which saves nothing)."""
        if building():
            if given is not None:
                raise UsageError(
                    f"build() saves nothing, so it takes no session=: drop it, or call "
                    f"create({spec.name}, session=...) to save through the session",
                    model=spec.model,
                )
            return None
        if given is not None:
            _persistence(spec, given)  # a kind that cannot be saved says so before anything is made
            return given
        found = self._running.get()
        if found is None:
            found = self.default
        return found if found is not None and spec.persistence is not None else None

    @contextlib.contextmanager
    def using(self, spec: ModelSpec, session: Any) -> Iterator[None]:
        """Nested calls (the parents this call makes) save into ``session`` too, and every call looks
        its unique values up in that session's database."""
        persistence = _persistence(spec, session)

        def stored(other: ModelSpec, fields: tuple[str, ...], combos: list[tuple[Any, ...]]) -> list[Any]:
            return persistence.taken(other.model, fields, combos, session)

        token = self._running.set(session)
        try:
            with checking_stored(stored), persistence.into(session):
                yield
        finally:
            self._running.reset(token)

    @staticmethod
    def in_memory(spec: ModelSpec) -> contextlib.AbstractContextManager[None]:
        """Instances made inside this block are kept in memory, even inside another call that saves."""
        if spec.persistence is None:
            return contextlib.nullcontext()
        return spec.persistence.into(None)

    def read_existing(self, context: RelationContext, spec: ModelSpec, session: Any) -> None:
        """Rows already in the database become candidate parents; key counters continue after them.
        When this Forge saves into another session than before, the rows it saved through the
        earlier one are no parents any more (they are detached or in another transaction)."""
        persistence = _persistence(spec, session)
        last = self._last_session.get(context.registry)
        if last is not None and last() is not session:
            context.registry.discard(lambda record: persistence.elsewhere(record, session))
        self._last_session[context.registry] = weakref.ref(session)
        self._existing.register(context, spec, session, persistence.rows, persistence.largest)

    @staticmethod
    def save(spec: ModelSpec, instances: list[Any], session: Any) -> None:
        """Save through the adapter's persistence step."""
        _persistence(spec, session).save(instances, session)

    async def run_async(self, spec: ModelSpec, session: Any, work: Callable[[Any], T]) -> T:
        """Run ``work(sync_session)`` inside an asynchronous session (the adapter knows how)."""
        result: T = await _persistence(spec, session).run_async(session, work)
        return result


def _persistence(spec: ModelSpec, session: Any) -> Persistence:
    if spec.persistence is None:
        raise UsageError(
            f"{spec.name} is a {spec.kind} model, which is built in memory only: drop session=... "
            f"(only SQLAlchemy and SQLModel table models are saved through a session)",
            model=spec.model,
        )
    return spec.persistence
