"""Streams saved through a session: each chunk flushed as it is made, then let go.

``create_stream(Order, 1_000_000, session=s)`` makes and flushes a chunk at a time in
the caller's transaction (never committed). The chunk's rows are then released — the
streamed model's records are not kept by the registry, and the adapter lets the
parents' collections forget their new children (``Persistence.release``) — so memory
stays flat however many rows are saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Generator

    from pytest_forge.spec import ModelSpec, Persistence

__all__ = ["ChunkSaver"]


@dataclass(frozen=True, slots=True)
class ChunkSaver:
    """Where a stream's chunks are saved, and how they are let go afterwards."""

    session: Any
    persistence: Persistence

    @classmethod
    def of(cls, spec: ModelSpec, given: Any, default: Any) -> ChunkSaver | None:
        """The saver for a stream of ``spec``'s model: ``given`` (``session=``), else ``default`` (the
        Forge's session, used only for models saved through one); None streams in memory."""
        session = given if given is not None else default
        if session is None or (given is None and spec.persistence is None):
            return None
        if spec.persistence is None:
            raise UsageError(
                f"{spec.name} is a {spec.kind} model, which is built in memory only: drop session=... "
                f"(only SQLAlchemy and SQLModel table models are saved through a session)",
                model=spec.model,
            )
        check = getattr(spec.persistence, "check_stream", None)
        if check is not None:
            check(session)
        return cls(session, spec.persistence)

    def chunks(self, chunks: Generator[list[Any], None, None]) -> Generator[list[Any], None, None]:
        """Each saved chunk, released before it is handed on."""
        release = getattr(self.persistence, "release", None)
        try:
            for batch in chunks:
                if release is not None:
                    release(batch, self.session)
                yield batch
        finally:
            chunks.close()
