"""File and image fields: drawn bytes become a real file, written through the field's storage on save.

An ``ImageField`` gets a valid PNG (a few pixels coloured by the drawn bytes, made
without Pillow); a ``FileField`` gets a small text file. Names derive from the drawn
bytes, so the same seed gives the same files.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from typing import Any

__all__ = ["as_file", "png"]


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
