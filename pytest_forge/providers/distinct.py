"""Natural keys that never repeat: emails, usernames, slugs, SKUs, order numbers, by default.

Each field keeps an exact memory of the first ``LIMIT`` values it gave; a value already given
is replaced by a *stamped* form (``maria.lopez.12@example.com``, ``quiet-harbor-12``) whose
``.n``/``-n`` counter the unstamped forms never produce. Past ``LIMIT`` every value is stamped,
so a stream of any length stays unique in bounded memory (the counter alone separates them).
``Annotated[str, NotUnique]`` turns this off for a field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from pytest_forge.providers.shaping import Shape

__all__ = ["LIMIT", "UNIQUE_SOURCES", "Distinct", "distinct_gen"]

#: values remembered exactly per field (about 10 MB of emails); then every value is stamped
LIMIT = 100_000
#: provider sources whose unprefixed fields are natural keys (``email``, not ``customer_email``)
UNIQUE_SOURCES = {
    "internet.email": ".",
    "person.username": ".",
    "internet.slug": "-",
    "commerce.sku": "-",
    "commerce.order_number": "-",
    "commerce.invoice_number": "-",
    "commerce.tracking_number": "",
}


class Distinct:
    """The values one field has given, and the counter of its stamped forms."""

    __slots__ = ("count", "limit", "seen", "sep", "shape")

    def __init__(self, shape: Shape, sep: str, limit: int = LIMIT) -> None:
        self.shape, self.sep, self.limit = shape, sep, limit
        self.seen: set[str] = set()
        self.count = 0

    def admit(self, value: str) -> bool:
        """True (and remembered) when ``value`` is new and may be given unstamped."""
        if len(self.seen) >= self.limit or value in self.seen:
            return False
        self.seen.add(value)
        return True

    @property
    def full(self) -> bool:
        """True once the exact memory is full: from then on every value is stamped."""
        return len(self.seen) >= self.limit

    def first_new(self, candidates: list[str]) -> str:
        """The first candidate not given before, else the first one stamped."""
        if not self.full:
            for value in candidates:
                if value in self.seen:
                    continue
                self.seen.add(value)
                return value
        return self.stamped(candidates[0])

    def stamped(self, value: str) -> str:
        """``value`` with the next counter: distinct from every stamped and unstamped value before it."""
        self.count += 1
        local, at, host = value.rpartition("@") if "@" in value else (value, "", "")
        suffix = f"{self.sep}{self.count}"
        room = None if self.shape.hi is None else self.shape.hi - len(suffix) - len(at) - len(host)
        if room is not None and room < 1:
            return value  # the field is too short to tell values apart: left as drawn
        head = local if room is None else local[:room].rstrip(".-_")
        stamped = self.shape.apply(f"{head}{suffix}{at}{host}")
        if len(self.seen) < self.limit:
            self.seen.add(stamped)
        return stamped


def distinct_gen(
    draw: Callable[[random.Random], str | None], distinct: Distinct, tries: int = 3
) -> Callable[[random.Random], str | None]:
    """A generator giving ``draw``'s values, re-drawn a few times on repeats, then stamped."""

    def gen(rng: random.Random) -> str | None:
        value = draw(rng)
        if distinct.full:
            return None if value is None else distinct.stamped(value)
        for _ in range(tries):
            if value is None or distinct.admit(value):
                return value
            value = draw(rng)
        return None if value is None else distinct.stamped(value)

    return gen
