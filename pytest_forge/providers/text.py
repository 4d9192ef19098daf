"""Offline free text: English sentences composed from templates, sized to the field.

Each flavour (bio, review, message, note ...) has opening, middle and closing
templates in ``data/text.json``; slots are filled from word lists and from the
locale's names and cities.  Texts are cut at a sentence end when one fits,
else at a word boundary, and end with a period whenever there is room.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, TypeAlias

from pytest_forge.providers.business import company_draw, product_draw
from pytest_forge.providers.locale_data import load_data, names, normalize_locale
from pytest_forge.providers.people import jobs
from pytest_forge.providers.places import cities
from pytest_forge.providers.shaping import Pool, Shape, from_pool

if TYPE_CHECKING:
    import datetime
    import random
    from collections.abc import Callable, Mapping

    from pytest_forge.providers.catalog import ProviderContext
    from pytest_forge.providers.shaping import Draw
    from pytest_forge.spec import TypeSpec

    Composer: TypeAlias = Callable[[random.Random, int, Shape], str]
    Slots: TypeAlias = Mapping[str, Callable[[random.Random], str]]

__all__ = ["FLAVOURS", "Voice", "free_text"]

_SLOT = re.compile(r"\{(\w+)\}")
_ENDS = ".!?"
_TRIES = 3
#: below this max_length no sentence fits: answer like a person would ("Noted.")
_TINY = 16
#: slots that keep their value through one text: one person, one city, one product per text
_STICKY = frozenset({"first", "city", "job", "product", "product_full", "company", "years"})


@dataclass(frozen=True, slots=True)
class Voice:
    """One voice of a flavour (a first-person bio, a third-person bio ...), pre-split into parts."""

    opening: tuple[tuple[str, ...], ...]
    middle: tuple[tuple[str, ...], ...]
    closing: tuple[tuple[str, ...], ...]


def _split(templates: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_SLOT.split(t)) for t in templates)


@lru_cache(maxsize=1)
def flavours() -> dict[str, tuple[Voice, ...]]:
    """Every flavour of ``data/text.json``: its voices, one chosen per text."""
    data = load_data("text")["flavours"]
    return {
        name: tuple(Voice(_split(v["open"]), _split(v["middle"]), _split(v["close"])) for v in voices)
        for name, voices in data.items()
    }


FLAVOURS = ("bio", "comment", "description", "feedback", "message", "note", "post", "product", "reason",
            "review", "summary")  # fmt: skip


def _job_words(job: str) -> str:
    return " ".join(w if w.isupper() else w.lower() for w in job.split())


def _article(value: str) -> str:
    low = value.lower()
    vowel = low[:1] in tuple("aeiou") and not low.startswith(("uni", "use", "eu", "one"))
    return f"{'an' if vowel or low.startswith(('hour', 'honest')) else 'a'} {value}"


@lru_cache(maxsize=32)
def vocabulary(locale: str, reference: datetime.date) -> Slots:
    """Slot name -> draw: word lists from the data file plus the locale's names and cities."""
    slots: dict[str, Callable[[random.Random], str]] = {
        key: Pool(tuple(values)).draw for key, values in load_data("text")["slots"].items()
    }
    commerce = load_data("commerce")
    job_pool = Pool(tuple(_job_words(j) for j in jobs("en_US").items))
    product_nouns = Pool(tuple(p["noun"].lower() for p in commerce["products"] if not p.get("plural")))
    slots.update(
        first=names(locale).first.draw,
        city=(cities(locale) or cities("en_US") or Pool(("Springfield",))).draw,
        job=job_pool.draw,
        product=product_nouns.draw,
        product_full=product_draw(),
        company=company_draw(locale),
        department=Pool(tuple(commerce["departments"])).draw,
        color=Pool(tuple(commerce["colors"])).draw,
        category=Pool(tuple(c.lower() for c in commerce["categories"])).draw,
        years=lambda rng: str(rng.randint(2, 15)),
        year=lambda rng: str(reference.year - rng.randint(1, 15)),
        n=lambda rng: str(rng.randint(2, 9)),
    )
    return slots


def _fill(parts: tuple[str, ...], slots: Slots, rng: random.Random, kept: dict[str, str]) -> str:
    """One sentence: literals kept, slots drawn (``x_2`` differs from ``x``, ``a_x`` gets an article)."""
    out: list[str] = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            out.append(part)
            continue
        article = part.startswith("a_")
        name = part[2:] if article else part
        value = _slot(name, slots, rng, kept)
        out.append(_article(value) if article else value)
    sentence = "".join(out)
    return sentence[:1].upper() + sentence[1:]


def _slot(name: str, slots: Slots, rng: random.Random, kept: dict[str, str]) -> str:
    """A slot's value: sticky slots keep theirs for the whole text; ``x_2`` differs from ``x``."""
    base = name.removesuffix("_2")
    if name in kept and base in _STICKY:
        return kept[name]
    other = kept.get(base if name != base else f"{base}_2")
    value = slots[base](rng)
    for _ in range(4):
        if value != other:
            break
        value = slots[base](rng)
    kept[name] = value
    return value


def _next_fitting(
    templates: tuple[tuple[str, ...], ...],
    pick: Callable[[], int],
    room: int | None,
    fill: Callable[..., str],
) -> tuple[str, bool]:
    """Up to three candidate sentences: the first that fits the room (else the last, marked False)."""
    sentence = ""
    for _ in range(_TRIES):
        sentence = fill(templates[pick()])
        if room is None or len(sentence) <= room:
            return sentence, True
    return sentence, False


def _sentences(voices: tuple[Voice, ...], slots: Slots) -> Composer:
    """A composer: one voice, an opening, distinct middles until ``target``, sometimes a closing.

    Each step takes the first of a few sentences that fits the room under ``max_length``,
    so bounded texts still end on whole sentences.
    """

    def compose(rng: random.Random, target: int, shape: Shape) -> str:
        voice, kept = rng.choice(voices), dict[str, str]()
        order: list[int] = []

        def fill(parts: tuple[str, ...]) -> str:
            return _fill(parts, slots, rng, kept)

        def next_middle() -> int:
            if not order:  # every middle once before any repeats
                order.extend(rng.sample(range(len(voice.middle)), len(voice.middle)))
            return order.pop()

        text, _ = _next_fitting(voice.opening, lambda: rng.randrange(len(voice.opening)), shape.hi, fill)
        while len(text) < target:
            room = None if shape.hi is None else shape.hi - len(text) - 1
            closing = _closing(voice, slots, rng, kept) if len(text) * 2 > target else ""
            if closing and len(text) + 1 + len(closing) >= target and (room is None or len(closing) <= room):
                return f"{text} {closing}"  # a closing only where it really ends the text
            sentence, fits = _next_fitting(voice.middle, next_middle, room, fill)
            if not fits and len(text) >= shape.lo:
                break
            text = f"{text} {sentence}"
        return text

    return compose


def _closing(voice: Voice, slots: Slots, rng: random.Random, kept: dict[str, str]) -> str:
    """Sometimes a closing sentence, else the empty string."""
    if not voice.closing or rng.random() >= 0.35:
        return ""
    return _fill(rng.choice(voice.closing), slots, rng, kept)


def _target(shape: Shape, rng: random.Random) -> int:
    """The length to aim for: 60-200 characters, moved into the field's bounds."""
    if shape.hi is None:
        low = max(shape.lo, 60)
        return rng.randint(low, low + 140)
    low = max(shape.lo, min(60, shape.hi))
    return rng.randint(low, min(shape.hi, max(low, 200)))


def _sentence_cut(text: str, lo: int, hi: int) -> str | None:
    """The longest prefix ending a sentence within ``[lo, hi]``."""
    floor = max(lo, 1)
    for end in range(min(hi, len(text)), floor - 1, -1):
        if text[end - 1] in _ENDS and (end == len(text) or text[end] == " "):
            return text[:end]
    return None


@lru_cache(maxsize=1)
def _dangling() -> frozenset[str]:
    """Little words a cut text must not end on (``the``, ``and`` ...)."""
    return frozenset(load_data("text")["dangling_words"])


def _word_cut(text: str, shape: Shape) -> str:
    """Cut at a word boundary, drop dangling little words, end with a period when there is room."""
    head = shape.cut(text)
    words = head.split(" ")
    dangling = _dangling()
    while len(words) > 1 and words[-1].lower().strip(",;:") in dangling:
        shorter = " ".join(words[:-1]).rstrip(",;:-")
        if len(shorter) < shape.lo:
            break
        words, head = words[:-1], shorter
    head = head.rstrip(",;:-") if len(head.rstrip(",;:-")) >= shape.lo else head
    room = shape.hi is None or len(head) < shape.hi
    return f"{head}." if head and head[-1] not in _ENDS and room and head[-1].isalnum() else head


def _finish(text: str, shape: Shape) -> str:
    text = shape.apply(text)
    if shape.hi is None or len(text) <= shape.hi:
        return text
    return _sentence_cut(text, shape.lo, shape.hi) or _word_cut(text, shape)


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
        slots = vocabulary(normalize_locale(ctx.locale), ctx.reference_date)
        compose = _sentences(flavours()[flavour], slots)

        def draw(rng: random.Random) -> str:
            return _finish(compose(rng, _target(shape, rng), shape), shape)

        return draw

    return make
