"""Offline free text: sentences composed from templates, sized to the field (English, or the
locale's language where :mod:`.localized` has templates for it).

Each flavour (bio, review, message, note ...) has voices of opening, middle and
closing templates in ``data/text.json`` (see :mod:`.templates`).  A text aims
at 60-200 characters (moved into the field's bounds) and is built from whole
sentences that fit the room left; only when a minimum forces a sentence past
``max_length`` is it cut, at a word boundary, ending with a period.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, TypeAlias

from pytest_forge.providers.locale_data import load_data, normalize_locale
from pytest_forge.providers.localized import localized_slots, localized_voices, write
from pytest_forge.providers.shaping import Pool, Shape, from_pool, pick
from pytest_forge.providers.templates import fill, vocabulary, voices

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from pytest_forge.providers.catalog import ProviderContext
    from pytest_forge.providers.shaping import Draw
    from pytest_forge.providers.templates import Slots, Template, Voice
    from pytest_forge.spec import TypeSpec

    Composer: TypeAlias = Callable[[random.Random, int, Shape], str]

__all__ = ["FLAVOURS", "free_text"]

_ENDS = ".!?"
_TRIES = 3
#: below this max_length no sentence fits: answer like a person would ("Noted.")
_TINY = 16
FLAVOURS = ("bio", "comment", "description", "feedback", "message", "note", "order_note", "post", "product",
            "reason", "review", "summary")  # fmt: skip


class _Text:
    """One text being written: its voice, the values it keeps, the middles already used."""

    def __init__(self, voice: Voice, slots: Slots, rng: random.Random) -> None:
        self.voice, self.slots, self.rng = voice, slots, rng
        self.kept: dict[str, str] = {}
        self.used: set[int] = set()

    def sentence(self, template: Template) -> str:
        return fill(template, self.slots, self.rng, self.kept)

    def middle_index(self) -> int:
        """A middle not used yet in this text (repeats only once all are used)."""
        count = len(self.voice.middle)
        if len(self.used) >= count:
            self.used.clear()
        index = int(self.rng.random() * count)
        while index in self.used:
            index = (index + 1) % count
        self.used.add(index)
        return index

    def fitting(
        self, pick: Callable[[], Template], room: int | None, tries: int = _TRIES
    ) -> tuple[str, bool]:
        """The first of a few candidate sentences that fits the room (else the last, marked False)."""
        sentence = ""
        for _ in range(tries):
            sentence = self.sentence(pick())
            if room is None or len(sentence) <= room:
                return sentence, True
        return sentence, False

    def closing(self) -> str:
        """Sometimes a closing sentence, else the empty string."""
        if not self.voice.closing or self.rng.random() >= 0.35:
            return ""
        return self.sentence(pick(self.rng, self.voice.closing))


def _compose(group: tuple[Voice, ...], slots: Slots) -> Composer:
    """A composer: one voice, an opening, distinct middles until ``target``, sometimes a closing."""

    def compose(rng: random.Random, target: int, shape: Shape) -> str:
        doc = _Text(pick(rng, group), slots, rng)
        text, _ = doc.fitting(lambda: pick(rng, doc.voice.opening), shape.hi, tries=3 * _TRIES)
        while len(text) < target:
            room = None if shape.hi is None else shape.hi - len(text) - 1
            closing = doc.closing() if len(text) * 2 > target else ""
            if closing and len(text) + 1 + len(closing) >= target and (room is None or len(closing) <= room):
                return f"{text} {closing}"  # a closing only where it really ends the text
            sentence, fits = doc.fitting(lambda: doc.voice.middle[doc.middle_index()], room)
            if not fits and len(text) >= shape.lo:
                break  # what we have is long enough: end on a whole sentence
            text = f"{text} {sentence}"
        return text

    return compose


def _target(shape: Shape, rng: random.Random) -> int:
    """The length to aim for: 60-200 characters, moved into the field's bounds."""
    if shape.hi is None:
        low = max(shape.lo, 60)
        return rng.randint(low, low + 140)
    low = max(shape.lo, min(60, shape.hi))
    return rng.randint(low, min(shape.hi, max(low, 200)))


@lru_cache(maxsize=1)
def _dangling() -> frozenset[str]:
    """Little words a cut text must not end on (``the``, ``and`` ...)."""
    return frozenset(load_data("text")["dangling_words"])


def _word_cut(text: str, shape: Shape) -> str:
    """Cut at the last word boundary that lands in bounds, ending with a period."""
    lo, hi = shape.lo, len(text) if shape.hi is None else shape.hi
    end = hi
    while (space := text.rfind(" ", max(lo - 1, 1), end)) > 0:
        cut = _ending(text[:space], lo)
        if lo <= len(cut) <= hi:
            return cut
        end = space
    return _hard_cut(text, hi)


def _ending(head: str, lo: int) -> str:
    """Drop dangling little words and trailing commas while ``lo`` allows, then end the sentence."""
    words, dangling = head.split(" "), _dangling()
    while len(words) > 1 and words[-1].lower().strip(",;:") in dangling:
        if len(" ".join(words[:-1]).rstrip(",;:-")) + 1 < lo:
            break
        words.pop()
    head = " ".join(words)
    head = head.rstrip(",;:-") if len(head.rstrip(",;:-")) + 1 >= lo else head
    return head if head[-1] in _ENDS else f"{head}."


def _dangles(text: str) -> bool:
    """True when the text ends on a little word (``... as a.``)."""
    return text.rstrip(".!?").rpartition(" ")[2].lower() in _dangling()


def _hard_cut(text: str, hi: int) -> str:
    """No usable word boundary (exact lengths): cut mid-word, still ending with a period."""
    if hi < 2:
        return text[:hi]
    head = text[: hi - 1]
    return f"{head}." if not head.endswith(" ") else f"{head[:-1]}.."


def _finish(text: str, shape: Shape) -> str:
    text = shape.apply(text)
    if shape.hi is None or len(text) <= shape.hi:
        return text
    return _word_cut(text, shape)  # composing keeps to whole sentences; only a long one is cut


def free_text(flavour: str) -> Callable[[TypeSpec, ProviderContext], Draw | None]:
    """The maker of one flavour of text (``bio``, ``review`` ...)."""

    def make(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
        shape = Shape.of(spec)
        if shape is None:
            return None
        if shape.hi is not None and shape.hi < _TINY:
            tiny = from_pool(Pool(tuple(load_data("text")["tiny"])), shape, cut=False)
            if tiny is not None:
                return tiny
        locale = normalize_locale(ctx.locale)
        local = localized_voices(locale, flavour)
        if local is not None:
            compose = _compose(local, localized_slots(locale))
        else:
            compose = _compose(voices()[flavour], vocabulary(locale, ctx.reference_date))

        def draw(rng: random.Random) -> str:
            text = _finish(write(compose, shape, _target(shape, rng), rng, locale), shape)
            for _ in range(_TRIES):  # tight bounds can force a cut after "a": write another text
                if not _dangles(text):
                    break
                text = _finish(write(compose, shape, _target(shape, rng), rng, locale), shape)
            return text

        return draw

    return make
