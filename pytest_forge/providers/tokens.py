"""Split field and model names into whole lowercase word tokens.

Matching works on whole tokens, never substrings, so ``capacity`` is not a
``city`` and ``usage`` is not an ``age``.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["split_name"]

# An acronym run (HTTP in HTTPServer), a capitalised or lowercase word, or digits.
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_SEPARATORS = re.compile(r"[\W_]+")
# "IPv4" would otherwise read as I + Pv; spell the one common mixed-case acronym as a word.
_IPV = re.compile(r"IPv(?=\d)")


@lru_cache(maxsize=4096)
def split_name(name: str) -> tuple[str, ...]:
    """Whole lowercase tokens of a snake, camel, Pascal or kebab name (``"zipCode2"`` -> zip, code, 2)."""
    tokens: list[str] = []
    for part in _SEPARATORS.split(name):
        if part.isascii():
            tokens.extend(word.lower() for word in _WORD.findall(_IPV.sub("Ipv", part)))
        else:
            tokens.append(part.lower())
    return tuple(tokens)
