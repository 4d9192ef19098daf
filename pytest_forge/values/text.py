"""Strings and bytes: readable word-like tokens within the length bounds, or rstr samples of a pattern.

Strings come out already in the shape pydantic would give back (stripped, lower/upper-cased).
"""

from __future__ import annotations

import functools
import importlib
import math
import random
import re
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError
from pytest_forge.values.bounds import pick_range
from pytest_forge.values.pattern_program import PatternProgram

if TYPE_CHECKING:
    from pytest_forge.spec import TypeSpec
    from pytest_forge.values import Gen

__all__ = ["bytes_values", "fit_length", "pseudo_word", "str_values"]

_SYLLABLES = tuple(c + v for c in "bdfgklmnprstvz" for v in "aeiou")
_LENGTH_WINDOWS = ((5, 12), (1, 12))
_TRIAL_ATTEMPTS = 200
_DRAW_ATTEMPTS = 25
_POOL_SIZE = 16
_sre_parse: Any = importlib.import_module("re._parser")


def pseudo_word(rng: random.Random, length: int) -> str:
    """A pronounceable lowercase token of exactly ``length`` characters, sometimes ending in digits."""
    word = "".join(rng.choices(_SYLLABLES, k=(length + 1) // 2))[:length]
    if length >= 6 and rng.random() < 0.25:
        word = word[:-2] + str(rng.randint(10, 99))
    return word


def _length_bounds(spec: TypeSpec) -> tuple[int, int | None]:
    lo, hi = spec.min_length or 0, spec.max_length
    if lo < 0 or (hi is not None and hi < 0):
        raise ConstraintError("min_length and max_length must not be negative")
    if hi is not None and lo > hi:
        raise ConstraintError(f"min_length={lo} is greater than max_length={hi}")
    return lo, hi


def str_values(spec: TypeSpec) -> Gen:
    """Readable strings within the length bounds, or samples of ``pattern`` that pydantic accepts."""
    lo, hi = _length_bounds(spec)
    if spec.pattern is not None:
        return _pattern_values(spec, spec.pattern, lo, hi)
    a, b = pick_range(lo, hi, _LENGTH_WINDOWS, 8)
    if spec.to_upper:
        return lambda rng: pseudo_word(rng, rng.randint(a, b)).upper()
    return lambda rng: pseudo_word(rng, rng.randint(a, b))


def bytes_values(spec: TypeSpec) -> Gen:
    """ASCII word-like bytes within the length bounds."""
    lo, hi = _length_bounds(spec)
    a, b = pick_range(lo, hi, _LENGTH_WINDOWS, 8)
    return lambda rng: pseudo_word(rng, rng.randint(a, b)).encode("ascii")


def fit_length(text: str, min_length: int | None, max_length: int | None, rng: random.Random) -> str:
    """Trim ``text`` at a word boundary to ``max_length``, or pad it with words up to ``min_length``."""
    lo = min_length or 0
    if max_length is not None and lo > max_length:
        raise ConstraintError(f"min_length={lo} is greater than max_length={max_length}")
    if max_length is not None and len(text) > max_length:
        text = _trim_at_word(text, max_length, lo)
    while len(text) < lo:
        text += (" " if text else "") + pseudo_word(rng, rng.randint(3, 9))
    if max_length is not None:
        text = text[:max_length]
    stripped = text.rstrip()
    return stripped + pseudo_word(rng, lo - len(stripped)) if len(stripped) < lo else stripped


def _trim_at_word(text: str, limit: int, lo: int) -> str:
    cut = text[:limit]
    space = limit if text[limit].isspace() else cut.rfind(" ")
    head = cut[:space].rstrip(" ,;:-") if space > 0 else ""
    return head if len(head) >= max(lo, 1) else cut


class _PatternPlan:
    """Everything fixed about one pattern + length + transform combination."""

    def __init__(self, pattern: str, lo: int, hi: int | None, transforms: tuple[bool, bool, bool]) -> None:
        self.pattern = pattern
        try:
            self.regex = re.compile(pattern)
            self.parsed = _sre_parse.parse(pattern)
        except re.error as exc:
            raise ConstraintError(f"pattern {pattern!r} is not a valid regular expression: {exc}") from None
        self.lo, self.hi = lo, hi
        self.strip, self.lower, self.upper = transforms
        natural = max(16, lo)
        self.cap_total = natural if hi is None else min(hi, natural)
        self.program = PatternProgram(self.parsed, {})

    def attempt(self, rng: random.Random, index: int) -> str | None:
        """One try; the number of repeats it may spread the length over cycles with ``index``."""
        share = 1 + index % 4
        floor = math.ceil(self.lo / share)
        try:
            raw = self.program.sample(rng, floor, max(floor, self.cap_total // share, 1))
        except (KeyError, IndexError, ValueError):  # constructs rstr cannot sample
            return None
        if self.strip:
            raw = raw.strip()
        if not self.accepts(raw):
            return None
        shaped = raw.lower() if self.lower else raw.upper() if self.upper else raw
        return shaped if shaped == raw or self.accepts(shaped) else raw

    def accepts(self, text: str) -> bool:
        """What pydantic checks: the length, then ``re.search`` (a trailing newline would fool ``$``)."""
        if len(text) < self.lo or (self.hi is not None and len(text) > self.hi):
            return False
        return not text.endswith("\n") and self.regex.search(text) is not None

    def impossible(self) -> ConstraintError:
        """The compile-time error when no trial produced an acceptable string."""
        lo, hi = self.lo, self.hi
        if hi is not None and lo == hi:
            size = f" of exactly {lo} characters"
        elif hi is not None and lo:
            size = f" of {lo} to {hi} characters"
        elif hi is not None:
            size = f" of at most {hi} characters"
        else:
            size = f" of at least {lo} characters" if lo else ""
        stripped = " after stripping whitespace" if self.strip else ""
        return ConstraintError(
            f"pattern {self.pattern!r} cannot produce a string{size}{stripped}"
            " (no sample matched; lookarounds and backreferences are beyond the generator)"
        )


@functools.lru_cache(maxsize=2048)
def _pattern_trial(
    pattern: str, lo: int, hi: int | None, transforms: tuple[bool, bool, bool]
) -> _PatternDraw:
    """The pattern's draw, with a pool of strings proven to match: a pure function of its arguments
    (the trial's stream is seeded by the pattern), so it is computed once per process."""
    plan = _PatternPlan(pattern, lo, hi, transforms)
    trial = random.Random(f"pytest-forge pattern {pattern}")
    pool: list[str] = []
    for index in range(_TRIAL_ATTEMPTS):
        found = plan.attempt(trial, index)
        if found is not None and found not in pool:
            pool.append(found)
            if len(pool) == _POOL_SIZE:
                break
    if not pool:
        raise plan.impossible()
    return _PatternDraw(plan, tuple(pool))


class _PatternDraw:
    """A field's strings for one pattern (shared by every field with the same pattern and bounds: the
    program draws from the stream it is given)."""

    __slots__ = ("plan", "pool")

    def __init__(self, plan: _PatternPlan, pool: tuple[str, ...]) -> None:
        self.plan, self.pool = plan, pool

    def __call__(self, rng: random.Random) -> str:
        for index in range(_DRAW_ATTEMPTS):
            found = self.plan.attempt(rng, index)
            if found is not None:
                return found
        return rng.choice(self.pool)  # rare: the compile-time trial already proved these valid


def _pattern_values(spec: TypeSpec, pattern: str, lo: int, hi: int | None) -> Gen:
    transforms = (spec.strip_whitespace, spec.to_lower, spec.to_upper)
    return _pattern_trial(pattern, lo, hi, transforms)
