"""Natural keys that never repeat: emails, usernames, slugs, SKUs, order numbers, by default.

Each field keeps an exact memory of the first ``LIMIT`` values it gave; a value already given
is replaced by a *stamped* form (``maria.lopez.12@example.com``, ``quiet-harbor-12``) whose
``.n``/``-n`` counter the unstamped forms never produce. Past ``LIMIT`` every value is stamped,
so a stream of any length stays unique in bounded memory (the counter alone separates them).
``Annotated[str, NotUnique]`` turns this off for a field.

Values other Forges already gave can be taken too: a Forge compiles its plans inside
:func:`known_keys`, whose lookup gives, per model and field, the values of the records its registry
already holds (a test's Forge: the session fixtures' records the test may see). They are read the
first time the field draws, so they depend on the test's own fixtures, not on which tests ran before.
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import random
    from collections.abc import Callable, Iterable, Iterator

    from pytest_forge.providers.shaping import Shape

    #: (model name, field name) -> the values records already hold there
    KnownKeys = Callable[[str, str], Iterable[Any]]

__all__ = ["LIMIT", "UNIQUE_SOURCES", "Distinct", "distinct_gen", "known_keys"]

_KNOWN: contextvars.ContextVar[KnownKeys | None] = contextvars.ContextVar("forge_known_keys", default=None)


@contextlib.contextmanager
def known_keys(lookup: KnownKeys) -> Iterator[None]:
    """Natural keys compiled in this block also avoid the values ``lookup`` gives for their field."""
    token = _KNOWN.set(lookup)
    try:
        yield
    finally:
        _KNOWN.reset(token)


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

    __slots__ = ("count", "foreign", "limit", "pending", "seen", "sep", "shape")

    def __init__(
        self, shape: Shape, sep: str, limit: int = LIMIT, key: tuple[str, str] | None = None
    ) -> None:
        self.shape, self.sep, self.limit = shape, sep, limit
        self.seen: set[str] = set()
        self.count = 0
        known = _KNOWN.get() if key is not None else None
        #: the lookup of values other records hold, read at the first draw (``key``: model, field)
        self.pending: Callable[[], Iterable[Any]] | None = (
            None if known is None or key is None else (lambda: known(*key))
        )
        #: True when values given elsewhere are in ``seen``: a stamped form may then be taken too
        self.foreign = False

    def _load(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None:
            return
        taken = {self.shape.apply(v) for v in pending() if isinstance(v, str)}
        self.foreign = bool(taken)
        self.seen |= taken

    def admit(self, value: str) -> bool:
        """True (and remembered) when ``value`` is new and may be given unstamped."""
        if self.pending is not None:
            self._load()
        if len(self.seen) >= self.limit or value in self.seen:
            return False
        self.seen.add(value)
        return True

    @property
    def full(self) -> bool:
        """True once the exact memory is full: from then on every value is stamped."""
        if self.pending is not None:
            self._load()
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
        """``value`` with the next counter: distinct from every stamped and unstamped value before it
        (and from the values given elsewhere: their stamped forms are skipped)."""
        stamped = self._stamped(value)
        while self.foreign and stamped in self.seen and stamped != value:
            stamped = self._stamped(value)
        if stamped != value and len(self.seen) < self.limit:
            self.seen.add(stamped)
        return stamped

    def _stamped(self, value: str) -> str:
        self.count += 1
        local, at, host = value.rpartition("@") if "@" in value else (value, "", "")
        suffix = f"{self.sep}{self.count}"
        room = None if self.shape.hi is None else self.shape.hi - len(suffix) - len(at) - len(host)
        if room is not None and room < 1:
            return value  # the field is too short to tell values apart: left as drawn
        head = local if room is None else local[:room].rstrip(".-_")
        return self.shape.apply(f"{head}{suffix}{at}{host}")


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
