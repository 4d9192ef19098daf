"""UUIDs drawn from the caller's RNG with the version and RFC 4122 variant bits pydantic checks."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID, SafeUUID

from pytest_forge.errors import ConstraintError

if TYPE_CHECKING:
    import random

    from pytest_forge.spec import TypeSpec
    from pytest_forge.values import Gen

__all__ = ["uuid_values"]

_KEEP = ((1 << 128) - 1) ^ ((0xF << 76) | (0x3 << 62))  # clears the version nibble and variant bits
_VARIANT = 0x2 << 62  # RFC 4122: the two top bits of clock_seq_hi are 10
_new = object.__new__
_set = object.__setattr__


def uuid_values(spec: TypeSpec) -> Gen:
    """UUIDs of ``spec.version`` (1 to 8, default 4); the other 122 bits come from the RNG."""
    version = 4 if spec.version is None else spec.version
    if version not in range(1, 9):
        raise ConstraintError(f"version={version} is not a UUID version (1 to 8)")
    fixed = (version << 76) | _VARIANT

    def draw(rng: random.Random) -> UUID:
        # what UUID(int=...) ends up doing, minus its argument checks: halves the cost of a draw
        value = _new(UUID)
        _set(value, "int", (rng.getrandbits(128) & _KEEP) | fixed)
        _set(value, "is_safe", SafeUUID.unknown)
        return value

    return draw
