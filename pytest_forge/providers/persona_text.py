"""Free text about the record's own person: a bio that names them, their job and their city.

Texts are composed once into a process-wide pool with markers where the person's first name,
job and city go (the pool is keyed by everything that shapes the texts), then each record fills
the markers with its persona, so composing stays off the hot path.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.providers.locale_data import load_data
from pytest_forge.providers.places import cities
from pytest_forge.providers.shaping import Pool, Shape
from pytest_forge.providers.templates import Voice, compile_template, vocabulary
from pytest_forge.providers.text import _compose, _finish, _target

if TYPE_CHECKING:
    import datetime
    import random

    from pytest_forge.providers.coherence import Gen, Render
    from pytest_forge.providers.persona import Persona
    from pytest_forge.spec import TypeSpec

__all__ = ["fill_persona", "persona_text", "pooled_shape", "shape_key"]

_FIRST, _CITY, _JOB = "\x01", "\x02", "\x03"
_A_JOB, _CAPITAL_A_JOB = f"a {_JOB}", f"A {_JOB}"
#: room kept free for the names that replace the one-character markers
_ROOM = 40
_TRIES = 4


@lru_cache(maxsize=1)
def _voices() -> tuple[Voice, ...]:
    """Bio voices opening with the person, their job and city; the other-city slot stays a real city."""

    def compiled(texts: list[str]) -> tuple[Any, ...]:
        return tuple(compile_template(t.replace("{city_2}", "{town}")) for t in texts)

    found = []
    for voice in load_data("text")["flavours"]["bio"]:
        opening = [t for t in voice["open"] if all(slot in t for slot in ("{first}", "{city}", "job}"))]
        if opening:
            found.append(Voice(compiled(opening), compiled(voice["middle"]), compiled(voice["close"])))
    return tuple(found)


def _composer(shape: Shape, locale: str, reference: datetime.date) -> Gen:
    from pytest_forge.providers.localized import localized_slots, localized_voices, write

    local = localized_voices(locale, "bio")
    slots = dict(localized_slots(locale) if local is not None else vocabulary(locale, reference))
    slots.update(
        first=lambda rng: _FIRST,
        city=lambda rng: _CITY,
        job=lambda rng: _JOB,
        town=(cities(locale) or cities("en_US") or Pool(("Springfield",))).draw,
    )
    compose = _compose(local or _voices(), slots)
    return lambda rng: _finish(write(compose, shape, _target(shape, rng), rng, locale), shape)


def pooled_shape(shape: Shape, room: int) -> Shape:
    """The bounds texts with markers are composed to: ``room`` characters kept for what replaces them."""
    hi = None if shape.hi is None else shape.hi - room
    return Shape(shape.lo, hi, shape.lower, shape.upper, shape.strip)


def shape_key(shape: Shape) -> tuple[Any, ...]:
    """Everything about a shape that changes the texts composed for it."""
    return (shape.lo, shape.hi, shape.lower, shape.upper, shape.strip)


#: languages whose job titles start lower case inside a sentence (``lavora come agente immobiliare``);
#: German nouns keep their capital
_LOWER_IN_SENTENCE = ("fr", "es", "it", "pt", "nl", "pl")


@lru_cache(maxsize=4096)
def _job_phrases(job: str, locale: str) -> tuple[str, str, str]:
    """(job, "a job", "A job") as they read inside a sentence (English titles in lower case)."""
    from pytest_forge.providers.templates import _article

    if locale.startswith("en"):
        job = " ".join(w if w.isupper() else w.lower() for w in job.split())
    elif locale.startswith(_LOWER_IN_SENTENCE) and job[:2].istitle():
        job = job[0].lower() + job[1:]
    return job, _article(job), _article(job).capitalize()


def fill_persona(text: str, person: Persona, locale: str = "en_US") -> str:
    """The markers replaced by the person's first name, job (with its article) and city."""
    if _JOB in text:
        job, article, capital = _job_phrases(person.job, locale)
        if _A_JOB in text:
            text = text.replace(_A_JOB, article)
        if _CAPITAL_A_JOB in text:
            text = text.replace(_CAPITAL_A_JOB, capital)
        text = text.replace(_JOB, job)
    text = text.replace(_FIRST, person.first)
    return text.replace(_CITY, person.city) if _CITY in text else text


def persona_text(spec: TypeSpec, locale: str, reference: datetime.date) -> Render:
    """A renderer of bios about the persona; the field's own text when none fits its bounds."""
    from pytest_forge.providers.text_pool import text_pool

    shape = Shape.of(spec)
    assert shape is not None
    roomy = shape.hi is None or shape.hi >= 60 + _ROOM
    inner = pooled_shape(shape, _ROOM)
    key = ("persona.bio", locale, reference.isoformat(), *shape_key(inner))
    pool = text_pool(key, lambda: _composer(inner, locale, reference)) if roomy else None

    english = locale.startswith("en")
    transformed = shape.strip or shape.lower or shape.upper

    def render(person: Persona, original: Gen, rng: random.Random, again: bool) -> Any:
        if pool is None or again:
            return original(rng)
        for _ in range(_TRIES):
            text = fill_persona(pool.draw(rng), person, "en" if english else locale)
            if transformed:
                text = shape.apply(text)
            if shape.fits(text):
                return text
        return original(rng)

    return render
