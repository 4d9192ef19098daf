"""Sentence templates for offline free text: compiled once, filled from word lists by one rng.

``{job}`` draws a job, ``{a_job}`` adds its article (``an engineer``), ``{city_2}``
draws a city different from ``{city}``; sticky slots (the person, the city, the
product ...) keep one value for a whole text so it stays about one thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, TypeAlias

from pytest_forge.providers.business import company_draw, product_draw
from pytest_forge.providers.locale_data import load_data, names
from pytest_forge.providers.people import jobs
from pytest_forge.providers.places import cities
from pytest_forge.providers.shaping import Pool

if TYPE_CHECKING:
    import datetime
    import random
    from collections.abc import Callable, Mapping

    Slots: TypeAlias = Mapping[str, Callable[[random.Random], str]]

__all__ = ["Slot", "Template", "Voice", "compile_template", "fill", "vocabulary", "voices"]

_SLOT = re.compile(r"\{(\w+)\}")
#: slots that keep their value through one text: one person, one city, one product per text
_STICKY = frozenset({"first", "city", "job", "product", "product_full", "company", "years"})


@dataclass(frozen=True, slots=True)
class Slot:
    """A slot of a template, parsed once: which word list, whether sticky, its ``_2`` counterpart."""

    name: str
    base: str
    other: str
    article: bool
    sticky: bool


@dataclass(frozen=True, slots=True)
class Template:
    """Literals around slots: ``literals[0] slot[0] literals[1] ... literals[-1]``."""

    literals: tuple[str, ...]
    slots: tuple[Slot, ...]
    #: each slot with the literal after it (what ``fill`` walks)
    pairs: tuple[tuple[Slot, str], ...] = ()


def _slot(text: str) -> Slot:
    article = text.startswith("a_")
    name = text[2:] if article else text
    base = name.removesuffix("_2")
    other = f"{base}_2" if name == base else base
    return Slot(name, base, other, article, base in _STICKY)


def compile_template(text: str) -> Template:
    """Parse ``"I'm {a_job} in {city}."`` into literals and slots."""
    pieces = _SLOT.split(text)
    literals, slots = tuple(pieces[0::2]), tuple(_slot(p) for p in pieces[1::2])
    return Template(literals, slots, tuple(zip(slots, literals[1:], strict=True)))


@dataclass(frozen=True, slots=True)
class Voice:
    """One voice of a flavour (a first-person bio, a third-person bio ...)."""

    opening: tuple[Template, ...]
    middle: tuple[Template, ...]
    closing: tuple[Template, ...]


@lru_cache(maxsize=1)
def voices() -> dict[str, tuple[Voice, ...]]:
    """Every flavour of ``data/text.json`` with its voices (one is chosen per text)."""
    data = load_data("text")["flavours"]

    def compiled(texts: list[str]) -> tuple[Template, ...]:
        return tuple(compile_template(t) for t in texts)

    return {
        name: tuple(Voice(compiled(v["open"]), compiled(v["middle"]), compiled(v["close"])) for v in group)
        for name, group in data.items()
    }


def _job_words(job: str) -> str:
    return " ".join(w if w.isupper() else w.lower() for w in job.split())


def _article(value: str) -> str:
    low = value.lower()
    vowel = low[:1] in ("a", "e", "i", "o", "u") and not low.startswith(("uni", "use", "eu", "one"))
    return f"{'an' if vowel or low.startswith(('hour', 'honest')) else 'a'} {value}"


@lru_cache(maxsize=32)
def vocabulary(locale: str, reference: datetime.date) -> Slots:
    """Slot name -> draw: word lists from the data file plus the locale's names and cities."""
    slots: dict[str, Callable[[random.Random], str]] = {
        key: Pool(tuple(values)).draw for key, values in load_data("text")["slots"].items()
    }
    commerce = load_data("commerce")
    slots.update(
        first=names(locale).first.draw,
        city=(cities(locale) or cities("en_US") or Pool(("Springfield",))).draw,
        job=Pool(tuple(_job_words(j) for j in jobs("en_US").items)).draw,
        product=Pool(tuple(p["noun"].lower() for p in commerce["products"] if not p.get("plural"))).draw,
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


def fill(template: Template, slots: Slots, rng: random.Random, kept: dict[str, str]) -> str:
    """One sentence, its first letter capitalised; ``kept`` carries sticky values through a text."""
    head = template.literals[0]
    out = [head]
    for slot, literal in template.pairs:
        name = slot.name
        value = kept.get(name) if slot.sticky else None
        if value is None:  # a fresh value, different from its counterpart (``x`` vs ``x_2``) when it can be
            draw, other = slots[slot.base], kept.get(slot.other)
            value = draw(rng)
            for _ in range(4):
                if value != other:
                    break
                value = draw(rng)
            kept[name] = value
        out.append(_article(value) if slot.article else value)
        out.append(literal)
    sentence = "".join(out)
    return sentence if head else sentence[:1].upper() + sentence[1:]
