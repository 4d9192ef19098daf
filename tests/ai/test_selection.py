"""Which fields the LLM writes and which sibling values it may read."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import uuid

from pydantic import BaseModel

from pytest_forge import Forge
from pytest_forge.ai.selection import select_fields, sibling_values


class Mood(enum.Enum):
    ANGRY = "angry"


class Profile(BaseModel):
    ssn: str


class Ticket(BaseModel):
    id: int
    mood: Mood
    opened: dt.date
    price: decimal.Decimal
    ref: uuid.UUID
    profile: Profile
    tags: list[str]
    message: str


def _selection(**overrides):
    plan = Forge(1, use_ai=False, allow_pii=True).plan(Ticket)
    return select_fields(plan, frozenset(overrides))


def test_sibling_values_are_plain_json_scalars():
    values = {"mood": Mood.ANGRY, "opened": dt.date(2025, 1, 2), "price": decimal.Decimal("9.50")}
    assert sibling_values(values, ("mood", "opened", "price")) == {
        "mood": "angry",
        "opened": "2025-01-02",
        "price": "9.50",
    }


def test_long_sibling_text_is_shortened():
    assert sibling_values({"title": "x" * 500}, ("title",))["title"] == "x" * 160 + "..."


def test_nested_models_and_collections_are_never_shown():
    assert sibling_values({"profile": Profile(ssn="1"), "tags": ["a"]}, ("profile", "tags")) == {}


def test_a_field_holding_sensitive_data_below_it_is_not_a_sibling():
    assert "profile" not in _selection().siblings


def test_uuid_keys_are_not_siblings():
    assert "ref" not in _selection().siblings


def test_a_model_the_gates_cannot_classify_sends_nothing(monkeypatch):
    def broken(spec):
        raise RuntimeError("cannot read this model")

    monkeypatch.setattr("pytest_forge.gates.classify", broken)
    selection = _selection()
    assert (selection.semantic, selection.siblings) == ((), ())
