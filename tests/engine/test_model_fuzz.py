"""Model fuzzing: random models from the types and constraints the engine claims.

Hypothesis builds models with scalars, formats, choices, collections, optionals, unions, nested
models, satisfiable and impossible constraints, and validators that refuse a share of values.
Every model must give valid instances or a ForgeError (never another exception, never an
invalid instance, never a hang), and the same models generated in different orders in one
process must give the same values.
"""

from __future__ import annotations

import datetime as dt
import enum
import signal
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Annotated, Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    FutureDate,
    PastDate,
    create_model,
)

from pytest_forge import Forge
from pytest_forge.errors import ForgeError
from pytest_forge.providers import text_pool

#: names that route to realistic providers (and to the gates) as well as plain ones
NAMES = ("review", "body", "name", "email", "city", "description", "code", "title", "count", "price",
         "bio", "created", "value", "tags", "note", "status", "parent", "amount", "label", "x")  # fmt: skip
PATTERNS = (r"^[a-z]{3}-\d{2}$", r"^[A-Z][a-z]+$", r"^\d{4}$", r"^(red|green|blue)$")


class Shade(enum.Enum):
    LIGHT = "light"
    DARK = "dark"


def _refusing(share: int) -> AfterValidator:
    """A validator refusing about one value in ``share`` (by its text, so it is deterministic)."""

    def check(value: Any) -> Any:
        if sum(map(ord, str(value))) % share == 0:
            raise ValueError("refused by the model's own rule")
        return value

    return AfterValidator(check)


def _bounds(draw: st.DrawFn) -> dict[str, int]:
    low = draw(st.integers(-50, 50))
    high = low + draw(st.integers(-3, 60))  # below low now and then: an impossible range
    return {"ge": low, "le": high}


def _lengths(draw: st.DrawFn) -> dict[str, int]:
    low = draw(st.integers(0, 8))
    # below low now and then (an impossible range), but never negative: pydantic refuses the model itself
    return {"min_length": low, "max_length": max(0, low + draw(st.integers(-1, 30)))}


@st.composite
def scalar_types(draw: st.DrawFn) -> Any:
    pick = draw(st.integers(0, 16))
    simple: tuple[Any, ...] = (bool, dt.date, dt.datetime, uuid.UUID, EmailStr, FutureDate, PastDate,
                               Shade, Literal["a", "b", 3])  # fmt: skip
    if pick < len(simple):
        return simple[pick]
    if pick == 9:
        return Annotated[int, Field(**_bounds(draw))]
    if pick == 10:
        return Annotated[float, Field(ge=draw(st.integers(-5, 5)), lt=draw(st.integers(-5, 100)))]
    if pick == 11:
        digits = draw(st.integers(1, 8))
        return Annotated[Decimal, Field(max_digits=digits, decimal_places=draw(st.integers(0, 3)))]
    if pick in (12, 15):
        return Annotated[str, Field(pattern=draw(st.sampled_from(PATTERNS)))]
    if pick == 13:
        return Annotated[str, Field(**_lengths(draw))]
    return str


@st.composite
def field_types(draw: st.DrawFn, nested: tuple[type[BaseModel], ...]) -> Any:
    base = draw(scalar_types())
    if draw(st.integers(0, 4)) == 0:  # on scalars: their text survives a JSON round trip
        base = Annotated[base, _refusing(draw(st.integers(2, 4)))]
    if nested and draw(st.integers(0, 2)) == 0:
        base = draw(st.sampled_from(nested))
    wrap = draw(st.integers(0, 7))
    if wrap == 1:
        base = list[base]  # type: ignore[valid-type]
    elif wrap == 2:
        base = Annotated[list[base], Field(min_length=draw(st.integers(0, 3)))]  # type: ignore[valid-type]
    elif wrap == 3:
        base = base | None
    elif wrap == 4:
        base = base | draw(scalar_types())
    elif wrap == 5:
        base = dict[str, base]  # type: ignore[valid-type]
    elif wrap == 6:
        base = Annotated[frozenset[base], Field(max_length=draw(st.integers(0, 3)))]  # type: ignore[valid-type]
    return base


@st.composite
def models(
    draw: st.DrawFn, name: str, nested: tuple[type[BaseModel], ...] = (), names: list[str] | None = None
) -> type[BaseModel]:
    names = names or draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5, unique=True))
    fields = {field: (draw(field_types(nested)), ...) for field in names}
    frozen = ConfigDict(frozen=draw(st.booleans()))
    model: type[BaseModel] = create_model(name, __config__=frozen, **fields)  # type: ignore[call-overload]
    return model


@st.composite
def model_families(draw: st.DrawFn) -> list[type[BaseModel]]:
    """A few models, later ones able to hold earlier ones."""
    made: list[type[BaseModel]] = []
    shared = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True))
    for index in range(draw(st.integers(1, 3))):
        same_names = draw(st.booleans())  # the same field names with other types and constraints
        made.append(draw(models(f"Fuzzed{index}", tuple(made), shared if same_names else None)))
    return made


@contextmanager
def _no_hang(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: Any) -> None:
        raise AssertionError(f"generation ran past {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _outcome(forge: Forge, model: type[BaseModel]) -> Any:
    """The values made, or the ForgeError's type: any other exception fails the test."""
    try:
        made = forge.create_batch(model, count=3)
    except ForgeError as error:
        return f"{type(error).__name__}: {bool(str(error))}"  # with a message for the user
    for item in made:
        assert type(item) is model
        # valid, and its JSON too (a python dump of a frozenset of frozen models cannot hold its dicts)
        assert model.model_validate_json(item.model_dump_json()) is not None
    return [item.model_dump(mode="json") for item in made]


def _in_order(order: list[type[BaseModel]], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setattr(text_pool, "POOLS", text_pool.PoolRegistry())
    forge = Forge(seed=7, allow_pii=True, allow_dangerous=True, interactive=False)
    return {model.__name__: _outcome(forge, model) for model in order}


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="the hang guard needs SIGALRM")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(family=model_families())
def test_random_models_are_valid_or_a_clear_error_in_any_order(
    family: list[type[BaseModel]], monkeypatch: pytest.MonkeyPatch
) -> None:
    with _no_hang(20):
        forwards = _in_order(family, monkeypatch)
        backwards = _in_order(list(reversed(family)), monkeypatch)
    assert forwards == backwards
