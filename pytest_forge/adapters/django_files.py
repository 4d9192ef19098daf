"""File and image fields: drawn bytes become a real file, written through the field's storage on save.

An ``ImageField`` gets a valid PNG (a few pixels coloured by the drawn bytes, made
without Pillow); a ``FileField`` gets a small text file. Names derive from the drawn
bytes, so the same seed gives the same files.

Inside :func:`deleting_written_files` (the pytest plugin's ``forge`` fixture opens it around each
test) every file ``create`` writes is noted, and deleted through its storage when the block ends:
rows roll back with the test, their files go with them.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import struct
import zlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["as_file", "deleting_written_files", "note_written", "png"]

#: where an instance keeps the names of the file fields the adapter filled, until it is saved
FILLED = "_forge_files"
_WRITTEN: contextvars.ContextVar[list[tuple[Any, str]] | None] = contextvars.ContextVar(
    "forge_django_files", default=None
)


@contextlib.contextmanager
def deleting_written_files() -> Iterator[list[tuple[Any, str]]]:
    """Note the files ``create`` writes inside the block and delete them when it ends."""
    written: list[tuple[Any, str]] = []
    token = _WRITTEN.set(written)
    try:
        yield written
    finally:
        try:
            _WRITTEN.reset(token)
        except ValueError:  # ended in another context than it began (an event loop's task)
            _WRITTEN.set(None)
        for storage, name in reversed(written):
            with contextlib.suppress(OSError):
                storage.delete(name)


def note_written(instance: Any) -> None:
    """After a save: remember the files written for the fields the adapter filled (inside the block)."""
    filled = instance.__dict__.pop(FILLED, ())
    written = _WRITTEN.get()
    if written is None:
        return
    for name in filled:
        stored = getattr(instance, name, None)
        if stored and getattr(stored, "name", None):
            written.append((stored.storage, stored.name))


def as_file(field: Any, drawn: bytes) -> Any:
    """A ``ContentFile`` for ``field`` (Django saves it through the field's storage with the instance)."""
    from django.core.files.base import ContentFile
    from django.db.models import ImageField

    digest = hashlib.sha256(drawn).hexdigest()[:12]
    if isinstance(field, ImageField):
        return ContentFile(png(drawn), name=f"{field.name}-{digest}.png")
    return ContentFile(drawn.hex().encode() + b"\n", name=f"{field.name}-{digest}.txt")


def png(drawn: bytes, width: int = 4, height: int = 4) -> bytes:
    """A valid RGB PNG of ``width`` x ``height`` pixels, coloured by ``drawn``."""
    palette = (drawn or b"\x80") * (3 * width * height)
    rows = b"".join(b"\x00" + palette[(y * width) * 3 : (y * width + width) * 3] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )
