"""Strings sampled from a parsed regular expression: one program per pattern, drawn with any stream.

A pattern's nodes become plain functions of one draw's state (:class:`Draw`: the stream, the repeat
bounds, the groups matched so far), made once per pattern and shared by every field, Forge and
thread that uses it. (They were closures over a sampler bound to one field's stream: some fifty
objects per field with a pattern, alive with its plan and walked by every full garbage collection.)
Each node draws what rstr's ``Xeger`` would draw for it, in the same order, so the strings are the
same; the nodes compiled here are the common ones, any other goes to an rstr sampler made for that
draw alone.
"""

from __future__ import annotations

import string
from itertools import chain
from typing import TYPE_CHECKING, Any

from rstr import Rstr

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

__all__ = ["ANY_CHARS", "PatternProgram"]

# realistic stand-ins for ".", "\s" and "\W"; sorted so draws do not depend on set order
ANY_CHARS = string.ascii_letters + string.digits + " -_."
_NONWORD = "".join(sorted(set(string.printable) - set(string.ascii_letters + string.digits + "_")))
_NEGATABLE = frozenset(string.ascii_letters + string.digits + string.punctuation + " ")


class Draw:
    """What one string's draw needs: the stream, repeat bounds, and the groups it has matched."""

    __slots__ = ("cap", "classes", "floor", "groups", "rng", "sampler")

    def __init__(self, rng: random.Random, floor: int, cap: int, classes: dict[int, list[str]]) -> None:
        self.rng, self.floor, self.cap, self.classes = rng, floor, cap, classes
        self.groups: dict[Any, str] = {}  # group number -> what it matched (rstr: the same dict)
        self.sampler: _Sampler | None = None

    def rstr(self) -> _Sampler:
        """An rstr sampler on this draw's stream, bounds and groups (for the nodes not compiled here)."""
        if self.sampler is None:
            self.sampler = _Sampler(self.rng, self.classes)
            self.sampler._cache = self.groups
        self.sampler.floor, self.sampler.cap = self.floor, self.cap
        return self.sampler

    def close(self) -> None:
        if self.sampler is not None:
            self.sampler.close()
            self.sampler = None


class PatternProgram:
    """A parsed pattern's nodes as functions of a :class:`Draw`, made once and shared."""

    __slots__ = ("classes", "parts")

    def __init__(self, parsed: Any, classes: dict[int, list[str]]) -> None:
        self.classes = classes  # character classes expanded once per pattern, keyed by node id
        expander = _Sampler(_NoDraws(), classes)
        try:
            self.parts = [_compiled(state, expander) for state in parsed]
        finally:
            expander.close()

    def sample(self, rng: random.Random, floor: int, cap: int) -> str:
        """One string, unbounded repeats drawn in ``floor..cap`` (rstr's errors propagate)."""
        draw = Draw(rng, floor, cap, self.classes)
        try:
            return "".join([part(draw) for part in self.parts])
        finally:
            draw.close()


def _compiled(state: Any, expander: _Sampler) -> Callable[[Draw], str]:
    opcode, value = state
    name = opcode.name
    if name == "LITERAL":
        char = chr(value)
        return lambda draw: char
    if name == "AT":
        return lambda draw: ""
    if name == "IN":
        candidates = expander.candidates(value)
        return lambda draw: draw.rng.choice(candidates)
    if name == "ANY":
        return lambda draw: draw.rng.choice(ANY_CHARS)
    if name == "NOT_LITERAL":
        others = string.printable.replace(chr(value), "")
        return lambda draw: draw.rng.choice(others)
    if name in ("MAX_REPEAT", "MIN_REPEAT"):
        return _repeat(value, [_compiled(item, expander) for item in value[2]])
    if name == "SUBPATTERN":
        return _group(value[0], [_compiled(item, expander) for item in value[-1]])
    if name == "BRANCH":
        branches = [[_compiled(item, expander) for item in branch] for branch in value[1]]
        return lambda draw: "".join([part(draw) for part in draw.rng.choice(branches)])
    return lambda draw: draw.rstr()._handle_state(state)


def _repeat(value: Any, body: list[Callable[[Draw], str]]) -> Callable[[Draw], str]:
    start, end = value[0], value[1]

    def repeat(draw: Draw) -> str:
        stop = max(start, min(end, draw.cap))
        times = draw.rng.randint(max(start, min(draw.floor, stop)), stop)
        if len(body) == 1:
            part = body[0]
            return "".join([part(draw) for _ in range(times)])
        return "".join([part(draw) for _ in range(times) for part in body])

    return repeat


def _group(group: int | None, inner: list[Callable[[Draw], str]]) -> Callable[[Draw], str]:
    def subpattern(draw: Draw) -> str:
        found = "".join([part(draw) for part in inner])
        if group:
            draw.groups[group] = found
        return found

    return subpattern


class _NoDraws:
    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"expanding a character class drew from a stream ({name})")


class _Sampler(Rstr):
    """rstr's Xeger with bounded repeats, stable character order and realistic wildcards (the nodes
    :func:`compile_pattern` leaves to rstr, and character classes)."""

    def __init__(self, rng: Any, classes: dict[int, list[str]]) -> None:
        super().__init__(rng, nonword=_NONWORD, whitespace=" ")
        self.floor = 0
        self.cap = 16
        self.classes = classes  # character classes expanded once per pattern, keyed by node id
        self._cases = {**self._cases, "any": lambda _: rng.choice(ANY_CHARS)}

    def _handle_in(self, value: Any) -> Any:
        return self._random.choice(self.candidates(value))

    def close(self) -> None:
        """Drop what ties the sampler to itself (rstr's call tables refer back to it), so that it is
        freed at once, not left as cyclic garbage for the collector."""
        self.__dict__.clear()

    def candidates(self, value: Any) -> list[str]:
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
