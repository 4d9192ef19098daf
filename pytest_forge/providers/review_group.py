"""A review's text and title agree with its rating: 1-2 stars negative, 3 mixed, 4-5 positive.

The rating is drawn first by the rating field's own generator (so its bounds hold), then the
body is written and the title chosen in the matching sentiment. Ratings on other scales
(1-10, 0-100) are read as a share of the field's range.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.providers.coherence import Draft, Member
from pytest_forge.providers.fixed import call_for
from pytest_forge.providers.locale_data import load_data
from pytest_forge.providers.shaping import Pool, Shape, fitted
from pytest_forge.providers.tokens import split_name

if TYPE_CHECKING:
    import datetime
    import random

    from pytest_forge.providers.coherence import Gen, Render
    from pytest_forge.providers.templates import Voice
    from pytest_forge.spec import FieldSpec, ModelSpec, TypeSpec

__all__ = ["review_members", "sentiment_of"]

SENTIMENTS = ("negative", "mixed", "positive")
_RATING_WORDS = frozenset({"rating", "stars", "score", "grade"})
_BODY_WORDS = frozenset({"body", "text", "content", "comment", "review", "feedback", "message"})
_TITLE_WORDS = frozenset({"title", "headline", "subject", "summary"})


def sentiment_of(rating: Any, spec: TypeSpec) -> str:
    """``negative``/``mixed``/``positive`` for a rating, read against the field's bounds (1-5 by default)."""
    low = spec.ge if spec.ge is not None else (spec.gt if spec.gt is not None else None)
    high = spec.le if spec.le is not None else (spec.lt if spec.lt is not None else None)
    if low is None:
        low = 0 if rating == 0 else 1
    if high is None:
        high = 5 if rating <= 5 else (10 if rating <= 10 else 100)
    share = 0.5 if high <= low else (float(rating) - float(low)) / (float(high) - float(low))
    return "negative" if share < 0.4 else ("mixed" if share < 0.6 else "positive")


def _role(fspec: FieldSpec, source: str | None, model: tuple[str, ...]) -> str | None:
    tokens = split_name(fspec.name)
    last = tokens[-1] if tokens else ""
    kind = fspec.type.inner().kind
    if kind in ("int", "float", "decimal"):
        return "rating" if last in _RATING_WORDS else None
    if Shape.of(fspec.type) is None:
        return None
    in_review = "review" in model or "review" in tokens
    if source == "text.review" or (in_review and last in _BODY_WORDS and (source or "").startswith("text.")):
        return "body"
    return "title" if in_review and last in _TITLE_WORDS else None


def review_members(
    spec: ModelSpec, sources: dict[str, str | None], locale: str, reference: datetime.date
) -> dict[str, Member]:
    """The rating, body and title of a review record, bound to one rating."""
    model = split_name(spec.name)
    roles = {f.name: role for f in spec.fields if (role := _role(f, sources.get(f.name), model)) is not None}
    ratings = [name for name, role in roles.items() if role == "rating"]
    if len(ratings) != 1 or "body" not in roles.values():
        return {}
    order = [f for f in spec.fields if f.name in roles]
    rating_spec = spec.by_name[ratings[0]].type.inner()
    rating_index = next(i for i, f in enumerate(order) if f.name == ratings[0])

    rating_name, model = ratings[0], spec.model
    positions = [i for i, f in enumerate(spec.fields) if f.name in roles]

    def make(draft: Draft, rng: random.Random) -> tuple[Any, str]:
        own = draft.originals.get(rating_index)
        rating = None if own is None else own(rng)
        call = call_for(model)
        fixed = rating if call is None else call.before(positions[draft.maker]).get(rating_name, rating)
        if isinstance(fixed, int | float | Decimal) and not isinstance(fixed, bool):
            rating = fixed  # create(Review, rating=1): the body and title read like one star
        drawn = rating, "mixed" if rating is None else sentiment_of(rating, rating_spec)
        if call is not None:
            call.note("review", _describe, drawn)
        return drawn

    draft = Draft(make)
    members = {}
    for index, fspec in enumerate(order):
        role = roles[fspec.name]
        source = None if role == "rating" else sources.get(fspec.name)
        members[fspec.name] = Member(draft, index, source, _renderer(role, fspec, locale, reference))
    return members


def _describe(drawn: tuple[Any, str]) -> dict[str, Any]:
    return {"tone": drawn[1]}


def _renderer(role: str, fspec: FieldSpec, locale: str, reference: datetime.date) -> Render:
    if role == "rating":
        return lambda value, original, rng, again: original(rng) if again or value[0] is None else value[0]
    draws = _bodies(fspec, locale, reference) if role == "body" else _titles(fspec)

    def render(value: tuple[Any, str], original: Gen, rng: random.Random, again: bool) -> Any:
        draw = draws.get(value[1])
        return original(rng) if draw is None else draw(rng)

    return render


def _titles(fspec: FieldSpec) -> dict[str, Gen]:
    shape = Shape.of(fspec.type)
    assert shape is not None
    titles = load_data("vocab")["review_titles"]
    return {s: fitted(shape, Pool(tuple(titles[s])).draw) for s in SENTIMENTS}


def _bodies(fspec: FieldSpec, locale: str, reference: datetime.date) -> dict[str, Gen]:
    from pytest_forge.providers.persona_text import shape_key
    from pytest_forge.providers.text_pool import text_pool

    shape = Shape.of(fspec.type)
    assert shape is not None
    found: dict[str, Gen] = {}
    if shape.hi is not None and shape.hi < 40:
        return found
    for sentiment in SENTIMENTS:
        key = (f"review.{sentiment}", locale, reference.isoformat(), *shape_key(shape))
        pool = text_pool(key, lambda s=sentiment: _composer(s, shape, locale, reference))  # type: ignore[misc]
        if pool is not None:
            found[sentiment] = pool.draw
    return found


@lru_cache(maxsize=4)
def _voices(sentiment: str) -> tuple[Voice, ...]:
    from pytest_forge.providers.templates import Voice, compile_template

    data = load_data("vocab")["reviews"][sentiment]
    parts = (tuple(compile_template(t) for t in data[part]) for part in ("open", "middle", "close"))
    return (Voice(*parts),)


def _composer(sentiment: str, shape: Shape, locale: str, reference: datetime.date) -> Gen:
    from pytest_forge.providers.localized import localized_slots, localized_voices, write
    from pytest_forge.providers.templates import vocabulary
    from pytest_forge.providers.text import _compose, _finish, _target

    local = localized_voices(locale, f"review.{sentiment}")
    if local is not None:
        compose = _compose(local, localized_slots(locale))
    else:
        compose = _compose(_voices(sentiment), vocabulary(locale, reference))
    return lambda rng: _finish(write(compose, shape, _target(shape, rng), rng, locale), shape)
