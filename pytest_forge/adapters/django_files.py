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
import os
import random
import re
import struct
import zlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["as_file", "as_path", "deleting_written_files", "note_written", "png"]

#: tries at a file name matching a FilePathField's ``match`` before a plain one is used
_NAME_TRIES = 20
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,40}$")

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
    suffix = "png" if isinstance(field, ImageField) else _allowed_suffix(field)
    if suffix == "png":
        return ContentFile(png(drawn), name=f"{field.name}-{digest}.png")
    return ContentFile(drawn.hex().encode() + b"\n", name=f"{field.name}-{digest}.{suffix}")


def _allowed_suffix(field: Any) -> str:
    """The file name's extension: ``txt``, or one a ``FileExtensionValidator`` of the field allows
    (``png`` among them: the file is then a real PNG; else ``txt``, else the first one named)."""
    from django.core.validators import FileExtensionValidator

    for validator in field.validators:
        allowed = (
            getattr(validator, "allowed_extensions", None)
            if isinstance(validator, FileExtensionValidator)
            else None
        )
        if allowed:
            lowered = [str(extension).lower() for extension in allowed]
            return next((s for s in ("png", "txt") if s in lowered), lowered[0])
    return "txt"


def as_path(field: Any, drawn: bytes) -> str:
    """A FilePathField's value: an entry under its ``path`` that its form would list (``match``,
    ``recursive``, ``allow_files``, ``allow_folders``), chosen by the drawn bytes; when there is none,
    a file (or folder) made there with a matching name, deleted after the test like written files."""
    from django.core.files.storage import FileSystemStorage

    root = field.path() if callable(field.path) else field.path
    os.makedirs(root, exist_ok=True)
    listed = [value for value, _label in field.formfield().choices if value]
    if listed:
        return str(listed[int.from_bytes(drawn, "big") % len(listed)])
    name = _matching_name(field.match, drawn, folder=not field.allow_files)
    target = os.path.join(root, name)
    if field.allow_files:
        with open(target, "wb") as made:
            made.write(drawn.hex().encode() + b"\n")
    else:
        os.makedirs(target, exist_ok=True)
    written = _WRITTEN.get()
    if written is not None:
        written.append((FileSystemStorage(location=root), name))
    return target


def _matching_name(match: str | None, drawn: bytes, folder: bool) -> str:
    """A short, safe file name that ``re.search(match, name)`` accepts (the form's own test)."""
    plain = f"forge-{drawn.hex()}" + ("" if folder else ".txt")
    if not match or re.search(match, plain):
        return plain
    import rstr

    rng = random.Random(drawn)
    maker = rstr.Rstr(rng)
    for _ in range(_NAME_TRIES):
        name = maker.xeger(match)
        if _SAFE_NAME.match(name) and re.search(match, name):
            return name
    return plain


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
