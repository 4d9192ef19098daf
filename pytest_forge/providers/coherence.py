"""Fields of one record that describe one thing: a shared draft per group, drawn once per record.

A group (one person, one product, one review, one timeline ...) holds a :class:`Draft`. The
first member a record draws makes the draft from its own stream; the other members read it.
Overridden members never draw, so "a member drawing twice" is what marks the next record: when
the lowest member that already read the draft draws again, a new record has begun; any other
member drawing again is a re-draw of a refused value within the same record, and it keeps the
draft (its renderer may vary the value). Everything is a function of the fields' own streams
and the order of calls, so the same seed gives the same records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pytest_forge.providers.fixed import current_call

if TYPE_CHECKING:
    import random
    from collections.abc import Callable
    from typing import TypeAlias

    Gen: TypeAlias = Callable[[random.Random], Any]
    #: (draft value, the member's own generator, rng, is this a re-draw?) -> the field's value
    Render: TypeAlias = Callable[[Any, Gen, random.Random, bool], Any]
    Wrapper: TypeAlias = Callable[[Gen], Gen]

__all__ = ["Draft", "Member", "RecordScheme", "wrap_member"]


class Draft:
    """The shared value of one group for the record being drawn."""

    __slots__ = ("_make", "call", "consumed", "maker", "originals", "value")

    def __init__(self, make: Callable[[Draft, random.Random], Any]) -> None:
        self._make = make
        self.value: Any = None
        self.consumed = 0
        #: the index of the member making the draft (what the call fixed before it is seen)
        self.maker = 0
        #: the call the draft was last read in: each call's first read starts a new record
        self.call: object = None
        #: each member's own generator, registered as the member is compiled
        self.originals: dict[int, Callable[[random.Random], Any]] = {}

    def read(self, member: int, rng: random.Random) -> tuple[Any, bool]:
        """The draft for this record and whether this read is a re-draw within the same record."""
        bit = 1 << member
        call = current_call()
        if call is not self.call:  # the last call's overrides may have left members unread
            self.call, self.consumed = call, 0
        if self.consumed & bit:
            if self.consumed & -self.consumed != bit:
                return self.value, True
            self.consumed = 0
        if not self.consumed:
            self.maker = member
            self.value = self._make(self, rng)
        self.consumed |= bit
        return self.value, False


@dataclass(frozen=True, slots=True)
class Member:
    """One field's place in a group: the draft, its index, the source it must have, its renderer."""

    draft: Draft
    index: int
    source: str | None
    render: Render
    #: True for members whose own generator must run every time (e.g. to keep optional Nones)
    own_first: bool = False
    #: True when the draft already drew the member's own (optional) value, None included
    drafts_none: bool = False
    #: True for members that replace a gated (sensitive) field's values, keeping its tier: tax numbers
    gated: bool = False


@dataclass(slots=True)
class RecordScheme:
    """Which fields of a model belong to which group."""

    members: dict[str, Member] = field(default_factory=dict)
    #: fields whose generator is replaced on its own: (source it must have, wrapper of the original)
    single: dict[str, tuple[str | None, Wrapper]] = field(default_factory=dict)


def wrap_member(
    member: Member, original: Callable[[random.Random], Any], optional: bool
) -> Callable[..., Any]:
    draft, index, render = member.draft, member.index, member.render
    draft.originals[index] = original

    if (optional and not member.drafts_none) or member.own_first:

        def gen_checked(rng: random.Random) -> Any:
            value, again = draft.read(index, rng)
            own = original(rng)
            return None if own is None else render(value, lambda _: own, rng, again)

        return gen_checked

    def gen(rng: random.Random) -> Any:
        value, again = draft.read(index, rng)
        return render(value, original, rng, again)

    return gen
