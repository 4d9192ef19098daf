"""Fit drawn strings to a str spec: length bounds and the case transforms pydantic applies.

Every provider ends here, so whatever it draws, the value it returns is valid:
retry a few draws, then take a shorter form, cut at a word boundary or grow
with a sensible extension (a middle name, an apartment number, a sentence).
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from pytest_forge.spec import TypeSpec

__all__ = ["Draw", "Extend", "Pool", "Shape", "can_fit", "fitted", "from_pool", "joined", "pick"]

Draw = Callable[[random.Random], str]
Extend = Callable[[str, random.Random], str]

T = TypeVar("T")


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """A uniform choice from one ``rng.random()`` call: about 4x cheaper than ``rng.choice``."""
    return items[int(rng.random() * len(items))]


#: characters a cut value must not end with
_TRAIL = " ,;:-&/(\u2013"
_KINDS = ("str", "email")


@dataclass(frozen=True, slots=True)
class Shape:
    """The length bounds and case transforms one str field accepts."""

    lo: int = 0
    hi: int | None = None
    lower: bool = False
    upper: bool = False
    strip: bool = False

    @classmethod
    def of(cls, spec: TypeSpec) -> Shape | None:
        """The shape of a plain str spec; None for patterns, other kinds and impossible bounds."""
        spec = spec.inner()
        if spec.kind not in _KINDS or spec.pattern is not None:
            return None
        lo, hi = spec.min_length or 0, spec.max_length
        if hi is not None and lo > hi:
            return None
        return cls(lo, hi, spec.to_lower, spec.to_upper, spec.strip_whitespace)

    @property
    def plain(self) -> bool:
        """True when any non-empty draw is accepted as it is."""
        return self.lo <= 1 and self.hi is None and not (self.lower or self.upper)

    def apply(self, value: str) -> str:
        """The value as pydantic would store it (stripped, lowered or uppered)."""
        if self.strip:
            value = value.strip()
        if self.lower:
            return value.lower()
        return value.upper() if self.upper else value

    def fits(self, value: str) -> bool:
        """True when the (already transformed) value has an allowed length."""
        return self.allows(len(value))

    def allows(self, length: int) -> bool:
        """True when a value of this length is allowed."""
        return self.lo <= length and (self.hi is None or length <= self.hi)

    def cut(self, value: str) -> str:
        """Shorten to at most ``hi``, at a word boundary when one keeps ``lo``."""
        hi, lo = self.hi, self.lo
        if hi is None or len(value) <= hi:
            return value
        space = value.rfind(" ", lo, hi + 1)
        for end in (space, hi):
            head = value[:end].rstrip(_TRAIL)
            if end >= 0 and lo <= len(head) <= hi:
                return head
        compact = "".join(value.split()) or value
        return (compact * (hi // len(compact) + 1))[:hi]

    def grow(self, value: str, rng: random.Random, extend: Extend) -> str:
        """Extend until ``lo`` is reached, then cut back under ``hi``."""
        for _ in range(self.lo + 1):
            if len(value) >= self.lo:
                break
            value = self.apply(extend(value, rng))
        if len(value) < self.lo:  # an extension that never grows: repeat what we have
            value = ((value or "x") + " ") * self.lo
        return self.cut(value)


@dataclass(frozen=True, slots=True)
class Pool:
    """A tuple of values drawn uniformly, or by cumulative weights when ``cum`` is set.

    ``shaped`` pools are remembered per shape: a pure function of the pool and the shape, so every
    caller gets the same values whatever asked before (filtering a pool of names for each field of
    a model graph with hundreds of text fields was most of its compile).
    """

    items: tuple[str, ...]
    cum: tuple[float, ...] = ()
    _shaped: dict[tuple[Shape, bool], Pool | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, data: Iterable[str] | Mapping[str, float]) -> Pool:
        """A pool from a sequence (uniform) or a mapping of value to weight."""
        if isinstance(data, Mapping):
            return cls(tuple(data), tuple(itertools.accumulate(float(w) for w in data.values())))
        return cls(tuple(data))

    def draw(self, rng: random.Random) -> str:
        """One value, drawn only from ``rng``."""
        if self.cum:
            last = len(self.items) - 1
            return self.items[bisect.bisect_right(self.cum, rng.random() * self.cum[-1], 0, last)]
        return pick(rng, self.items)

    def drawer(self) -> Draw:
        """``draw`` as a closure over the pool's data: the same values, fewer lookups on hot paths."""
        items = self.items
        if self.cum:
            cum, total, last = self.cum, self.cum[-1], len(items) - 1
            return lambda rng: items[bisect.bisect_right(cum, rng.random() * total, 0, last)]
        size = len(items)
        return lambda rng: items[int(rng.random() * size)]

    def shaped(self, shape: Shape, *, cut: bool = False) -> Pool | None:
        """The transformed values that fit (cut to ``hi`` first when asked); None if none do."""
        key = (shape, cut)
        if key not in self._shaped:
            self._shaped[key] = self._fitting(shape, cut=cut)
        return self._shaped[key]

    def _fitting(self, shape: Shape, *, cut: bool) -> Pool | None:
        weights = self.weights()
        kept: dict[str, float] = {}
        for item, weight in zip(self.items, weights, strict=True):
            value = shape.apply(item)
            value = shape.cut(value) if cut else value
            if value and shape.fits(value):
                kept[value] = kept.get(value, 0.0) + weight
        if not kept:
            return None
        return Pool.of(kept) if self.cum else Pool(tuple(kept))

    def weights(self) -> list[float]:
        """The weight of each value (1.0 each in a uniform pool)."""
        if not self.cum:
            return [1.0] * len(self.items)
        return [b - a for a, b in zip((0.0, *self.cum), self.cum, strict=False)]


def from_pool(pool: Pool, shape: Shape, *, cut: bool = True, fallback: Pool | None = None) -> Draw | None:
    """Draw from the values that fit (else the fallback's), or from values cut to fit."""
    pools = (pool,) if fallback is None or fallback is pool else (pool, fallback)
    for candidate in pools:
        fitting = candidate.shaped(shape)
        if fitting is not None:
            return fitting.draw
    fitting = pool.shaped(shape, cut=True) if cut and shape.hi is not None else None
    return None if fitting is None else fitting.draw


def can_fit(draw: Draw, shape: Shape, samples: int = 40) -> bool:
    """Whether a template-shaped draw ever fits: probed once with a private rng, never the caller's."""
    probe = random.Random(0)
    return any(shape.fits(shape.apply(draw(probe))) for _ in range(samples))


def joined(draw: Draw, sep: str = " ") -> Extend:
    """An extension that appends another draw."""
    return lambda value, rng: f"{value}{sep}{draw(rng)}"


def fitted(
    shape: Shape, draw: Draw, *, extend: Extend | None = None, short: Draw | None = None, tries: int = 8
) -> Draw:
    """Retry ``draw`` until it fits; then a ``short`` form or a cut when too long, ``extend`` when short."""
    if shape.plain:
        return draw
    grow = extend or joined(draw)

    def fit(rng: random.Random) -> str:
        value = shape.apply(draw(rng))
        for _ in range(tries):
            if shape.fits(value):
                return value
            value = shape.apply(draw(rng))
        if shape.hi is not None and len(value) > shape.hi:
            return short(rng) if short is not None else shape.cut(value)
        return shape.grow(value, rng, grow)

    return fit
