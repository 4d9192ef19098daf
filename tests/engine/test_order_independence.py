"""Law 2: a model's data depends on the seed only, never on what the process generated before.

Process-wide caches (the text pool) are shared by every Forge; each ordering below starts from an
empty pool so the first model compiled would decide the pool's shape if its key were incomplete.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from pydantic import BaseModel, Field

from pytest_forge import Forge
from pytest_forge.providers import text_pool
from tests.engine import models as m


class PlainReview(BaseModel):
    review: str


class PatternReview(BaseModel):
    review: str = Field(pattern=r"^[a-z]{3}-\d{2}$")


class ShortReview(BaseModel):
    review: str | None = Field(default=None, max_length=20)


class LongReview(BaseModel):
    review: str = Field(min_length=150)


class UpperReview(BaseModel):
    model_config = {"str_to_upper": True}
    review: str
    bio: str = Field(max_length=40)


class PatternBio(BaseModel):
    bio: str = Field(pattern=r"^[A-Z][a-z]+$")
    description: str = Field(max_length=12)


MODELS: tuple[type[BaseModel], ...] = (
    PlainReview, PatternReview, ShortReview, LongReview, UpperReview, PatternBio, m.Scalars,
    m.Temporal, m.Identifiers, m.Choices, m.Owner, m.Collections, m.Constrained, m.Formats, m.User,
)  # fmt: skip


def _generate(order: list[type[BaseModel]], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setattr(text_pool, "POOLS", text_pool.PoolRegistry())
    forge = Forge(seed=2024, allow_pii=True)
    out: dict[str, Any] = {}
    for model in order:
        try:
            out[model.__name__] = [_comparable(x) for x in forge.create_batch(model, count=4)]
        except Exception as error:  # an error must also not depend on the order
            out[model.__name__] = type(error).__name__
    return out


def _comparable(item: BaseModel) -> Any:
    data = item.model_dump(mode="json")
    return {key: sorted(map(repr, v)) if isinstance(v, list) else v for key, v in data.items()}


def test_the_same_models_in_three_orders_give_the_same_values(monkeypatch: pytest.MonkeyPatch) -> None:
    forwards = _generate(list(MODELS), monkeypatch)
    backwards = _generate(list(reversed(MODELS)), monkeypatch)
    shuffled_order = list(MODELS)
    random.Random(5).shuffle(shuffled_order)
    shuffled = _generate(shuffled_order, monkeypatch)
    assert forwards == backwards == shuffled
    assert not any(isinstance(value, str) for value in forwards.values()), forwards  # all generated


def test_a_pattern_field_gets_pattern_values_after_a_free_text_field_of_the_same_name() -> None:
    forge = Forge(seed=3)
    plain = forge.create(PlainReview)
    shaped = forge.create(PatternReview)
    assert " " in plain.review
    assert len(shaped.review) == 6
    assert shaped.review[3] == "-"
