"""Strings and bytes: readable word-like tokens within the length bounds, or rstr samples of a pattern.

Strings come out already in the shape pydantic would give back (stripped, lower/upper-cased).
"""

from __future__ import annotations

import functools
import importlib
import math
import random
import re
import string
from itertools import chain
from typing import TYPE_CHECKING, Any

from rstr import Rstr

from pytest_forge.errors import ConstraintError
from pytest_forge.values.bounds import pick_range

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.spec import TypeSpec
    from pytest_forge.values import Gen

__all__ = ["bytes_values", "fit_length", "pseudo_word", "str_values"]

_SYLLABLES = tuple(c + v for c in "bdfgklmnprstvz" for v in "aeiou")
_LENGTH_WINDOWS = ((5, 12), (1, 12))
_TRIAL_ATTEMPTS = 200
_DRAW_ATTEMPTS = 25
_POOL_SIZE = 16
# realistic stand-ins for ".", "\s" and "\W"; sorted so draws do not depend on set order
_ANY_CHARS = string.ascii_letters + string.digits + " -_."
_NONWORD = "".join(sorted(set(string.printable) - set(string.ascii_letters + string.digits + "_")))
_NEGATABLE = frozenset(string.ascii_letters + string.digits + string.punctuation + " ")
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


class _Sampler(Rstr):
    """rstr's Xeger with bounded repeats, stable character order and realistic wildcards."""

    def __init__(self, rng: random.Random, classes: dict[int, list[str]]) -> None:
        super().__init__(rng, nonword=_NONWORD, whitespace=" ")
        self.floor = 0
        self.cap = 16
        self.classes = classes  # character classes expanded once per pattern, keyed by node id
        self._cases = {**self._cases, "any": lambda _: rng.choice(_ANY_CHARS)}
        #: per parsed pattern (kept alive beside it): its nodes as closures (_compiled)
        self._programs: dict[int, tuple[Any, list[Callable[[], str]]]] = {}

    def sample(self, parsed: Any, floor: int, cap: int) -> str:
        """One string for the pre-parsed pattern, unbounded repeats drawn in ``floor..cap``."""
        self.floor, self.cap = floor, cap
        self._cache.clear()
        program = self._programs.get(id(parsed))
        if program is None:
            program = self._programs[id(parsed)] = (parsed, [self._compiled(state) for state in parsed])
        return "".join([part() for part in program[1]])

    def _compiled(self, state: Any) -> Callable[[], str]:
        """``_handle_state(state)`` as a closure made once: the same draws from the stream in the same
        order (so the same strings), without rstr's per-node dispatch; other nodes go to rstr."""
        opcode, value = state
        name = opcode.name
        if name == "LITERAL":
            char = chr(value)
            return lambda: char
        if name == "AT":
            return lambda: ""
        if name == "IN":
            candidates, choice = self._candidates(value), self._random.choice
            return lambda: choice(candidates)
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            start, end, items = value
            body = [self._compiled(item) for item in items]
            randint = self._random.randint

            def repeat() -> str:
                stop = max(start, min(end, self.cap))
                times = randint(max(start, min(self.floor, stop)), stop)
                if len(body) == 1:
                    part = body[0]
                    return "".join([part() for _ in range(times)])
                return "".join([part() for _ in range(times) for part in body])

            return repeat
        if name == "SUBPATTERN":
            group, inner = value[0], [self._compiled(item) for item in value[-1]]

            def subpattern() -> str:
                found = "".join([part() for part in inner])
                if group:
                    self._cache[group] = found
                return found

            return subpattern
        if name == "BRANCH":
            branches = [[self._compiled(item) for item in branch] for branch in value[1]]
            return lambda: "".join([part() for part in self._random.choice(branches)])
        return lambda: self._handle_state(state)

    def _handle_in(self, value: Any) -> Any:
        return self._random.choice(self._candidates(value))

    def close(self) -> None:
        """Drop what ties the sampler to itself (rstr's call tables and our node closures refer back
        to it), so that it is freed at once, not left as cyclic garbage for the collector."""
        self.__dict__.clear()

    def _candidates(self, value: Any) -> list[str]:
        """A character class's characters, expanded once per pattern (no draw from the stream)."""
        candidates = self.classes.get(id(value))
        if candidates is None:
            expanded: list[Any] = list(chain(*(self._handle_state(item) for item in value)))
            negated = bool(expanded) and expanded[0] is False  # rstr marks [^...] with a leading False
            candidates = sorted(_NEGATABLE - set(expanded[1:])) if negated else expanded
            self.classes[id(value)] = candidates
        return candidates

    def _handle_repeat(self, start_range: int, end_range: int, value: Any) -> str:
        end = max(start_range, min(end_range, self.cap))
        times = self._random.randint(max(start_range, min(self.floor, end)), end)
        return "".join(self._handle_state(item) for _ in range(times) for item in value)


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
        self.classes: dict[int, list[str]] = {}

    def attempt(self, sampler: _Sampler, index: int) -> str | None:
        """One try; the number of repeats it may spread the length over cycles with ``index``."""
        share = 1 + index % 4
        floor = math.ceil(self.lo / share)
        try:
            raw = sampler.sample(self.parsed, floor, max(floor, self.cap_total // share, 1))
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
) -> tuple[_PatternPlan, tuple[str, ...]]:
    """The pattern's plan and a pool of strings proven to match: a pure function of its arguments
    (the trial's stream is seeded by the pattern), so it is computed once per process."""
    plan = _PatternPlan(pattern, lo, hi, transforms)
    trial = _Sampler(random.Random(f"pytest-forge pattern {pattern}"), plan.classes)
    pool: list[str] = []
    for index in range(_TRIAL_ATTEMPTS):
        found = plan.attempt(trial, index)
        if found is not None and found not in pool:
            pool.append(found)
            if len(pool) == _POOL_SIZE:
                break
    trial.close()
    if not pool:
        raise plan.impossible()
    return plan, tuple(pool)


class _PatternDraw:
    """A field's strings for one pattern: its sampler is made for the stream it draws from, and
    closed when the field's generator is freed (a sampler refers to itself: without this, every
    field with a pattern left cyclic garbage for the collector)."""

    __slots__ = ("plan", "pool", "rng", "sampler")

    def __init__(self, plan: _PatternPlan, pool: tuple[str, ...]) -> None:
        self.plan, self.pool = plan, pool
        self.rng: random.Random | None = None
        self.sampler: _Sampler | None = None

    def __call__(self, rng: random.Random) -> str:
        sampler = self.sampler
        if self.rng is not rng or sampler is None:
            # the old sampler is left to the collector: another thread may still be drawing from it
            sampler = self.sampler = _Sampler(rng, self.plan.classes)
            self.rng = rng
        for index in range(_DRAW_ATTEMPTS):
            found = self.plan.attempt(sampler, index)
            if found is not None:
                return found
        return rng.choice(self.pool)  # rare: the compile-time trial already proved these valid

    def __del__(self) -> None:
        if self.sampler is not None:
            self.sampler.close()


def _pattern_values(spec: TypeSpec, pattern: str, lo: int, hi: int | None) -> Gen:
    transforms = (spec.strip_whitespace, spec.to_lower, spec.to_upper)
    plan, pool = _pattern_trial(pattern, lo, hi, transforms)
    return _PatternDraw(plan, pool)
