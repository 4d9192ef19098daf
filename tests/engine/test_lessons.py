"""What refusals teach a plan: variants that passed, optional fields a whole-model refusal wants left
out, fields a whole-model refusal names; and shapes validators of coordinates want (closed rings,
ordered boxes). Regressions from the outside sweep (FHIR R5, GeoJSON, STAC), as small models."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import pytest
from pydantic import BaseModel, Field, field_validator, model_validator

from pytest_forge import Forge

REFUSED: dict[str, int] = {}


def _refused(name: str) -> None:
    REFUSED[name] = REFUSED.get(name, 0) + 1


@pytest.fixture(autouse=True)
def _count() -> None:
    REFUSED.clear()


class Span(BaseModel):
    """FHIR's Period: its datetimes must be aware."""

    start: dt.datetime
    end: dt.datetime | None = None

    @field_validator("start", "end")
    @classmethod
    def aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            _refused("Span")
            raise ValueError("DateTime must be timezone aware.")
        return value


class Schedule(BaseModel):
    spans: list[Span] = Field(min_length=12)


def test_a_variant_that_passed_is_drawn_first_for_later_records_of_that_class() -> None:
    made = Forge(seed=1, none_p=0).create(Schedule)
    assert all(span.start.tzinfo is not None for span in made.spans)
    assert REFUSED["Span"] <= 4  # the first span or two learn it; ~12-24 refusals without lessons


class Choice(BaseModel):
    """FHIR-style ``value[x]``: at most one of the value fields; the message names them."""

    value_string: str | None = None
    value_integer: int | None = None
    value_boolean: bool | None = None
    value_date: dt.date | None = None
    value_code: str | None = None
    value_decimal: float | None = None
    label: str

    @model_validator(mode="after")
    def one_value(self) -> Choice:
        names = [n for n in type(self).model_fields if n.startswith("value_")]
        if sum(getattr(self, n) is not None for n in names) > 1:
            _refused("Choice")
            raise ValueError(f"Any of one field value is expected from this list {names}, but got multiple!")
        return self


def test_a_whole_model_refusal_naming_fields_leaves_all_but_one_out() -> None:
    made = Forge(seed=3, none_p=0).create(Choice)
    given = [n for n in Choice.model_fields if n.startswith("value_") and getattr(made, n) is not None]
    assert len(given) == 1  # one kept, not all thinned away
    assert REFUSED["Choice"] <= 2  # without reading the names: 9+ refusals (re-draws, then thinning)


class Choices(BaseModel):
    items: list[Choice] = Field(min_length=10)


def test_fields_left_out_once_are_left_out_for_later_records_of_that_class() -> None:
    made = Forge(seed=4, none_p=0).create(Choices)
    assert len(made.items) >= 10
    assert REFUSED["Choice"] <= 3


class Anonymous(BaseModel):
    """A whole-model refusal that names no field: re-draws, then a growing share left out."""

    a: int | None = None
    b: int | None = None
    c: int | None = None

    @model_validator(mode="after")
    def at_most_one(self) -> Anonymous:
        if sum(v is not None for v in (self.a, self.b, self.c)) > 1:
            raise ValueError("too many")
        return self


def test_a_whole_model_refusal_naming_nothing_still_passes() -> None:
    made = Forge(seed=5, none_p=0).create_batch(Anonymous, count=5)
    assert all(sum(v is not None for v in (m.a, m.b, m.c)) <= 1 for m in made)


class Holder(BaseModel):
    schedule: Schedule
    choices: Choices


def test_lessons_learned_under_one_model_do_not_change_another_models_data() -> None:
    """Law 2: what a call generates depends on earlier calls for the same model only."""
    forge = Forge(seed=6, none_p=0)
    forge.create(Holder)  # learns about Span and Choice under Holder
    after = forge.create_batch(Schedule, count=2)
    alone = Forge(seed=6, none_p=0).create_batch(Schedule, count=2)
    assert after == alone


def test_lessons_are_deterministic() -> None:
    first = Forge(seed=7, none_p=0).create_batch(Holder, count=3)
    second = Forge(seed=7, none_p=0).create_batch(Holder, count=3)
    assert first == second


Position = tuple[float, float]
Ring = Annotated[list[Position], Field(min_length=4)]
BBox = tuple[float, float, float, float] | tuple[float, float, float, float, float, float]


class Polygon(BaseModel):
    """GeoJSON: every linear ring ends where it starts."""

    coordinates: list[Ring] = Field(min_length=1)
    bbox: BBox | None = None

    @field_validator("coordinates")
    @classmethod
    def closed(cls, rings: list[list[Position]]) -> list[list[Position]]:
        if any(ring[0] != ring[-1] for ring in rings):
            raise ValueError("All linear rings MUST have the same start and end coordinates")
        return rings

    @field_validator("bbox")
    @classmethod
    def within(cls, bbox: tuple[float, ...] | None) -> tuple[float, ...] | None:
        if bbox is None:
            return bbox
        half = len(bbox) // 2
        xmin, ymin, xmax, ymax = bbox[0], bbox[1], bbox[half], bbox[half + 1]
        if xmin < -180 or ymin < -90 or xmax > 180 or ymax > 90:
            raise ValueError("Bounding box must be within (-180, -90, 180, 90)")
        if any(bbox[i] > bbox[i + half] for i in range(half)):
            raise ValueError("Maximum must be greater than minimum")
        return bbox


def test_rings_close_and_boxes_are_ordered_within_coordinates() -> None:
    made = Forge(seed=8, none_p=0).create_batch(Polygon, count=5)
    for polygon in made:
        assert all(ring[0] == ring[-1] and len(ring) >= 4 for ring in polygon.coordinates)
        assert polygon.bbox is not None
        assert all(-180 <= x <= 180 for x in polygon.bbox)


class Leaf(BaseModel):
    label: str


def _wide(name: str, child: type[BaseModel]) -> type[BaseModel]:
    fields = {f"slot_{i}": child | None for i in range(8)}
    return type(name, (BaseModel,), {"__annotations__": fields, **dict.fromkeys(fields)})


Wide = _wide("Wide", _wide("Wide2", _wide("Wide3", Leaf)))  # 584 models: past the size budget


class Cost(BaseModel):
    """FHIR R4B's ``value[x]`` required: one of two model fields, both past the size budget."""

    big: Wide
    value_money: Leaf | None = None
    value_quantity: Leaf | None = None

    @model_validator(mode="after")
    def one_value(self) -> Cost:
        if self.value_money is None and self.value_quantity is None:
            raise ValueError("Expect any of field value from this list ['value_money', 'value_quantity'].")
        return self


def test_a_field_the_validator_wants_is_generated_past_the_size_budget() -> None:
    made = Forge(seed=9, none_p=0).create_batch(Cost, count=3)
    assert all(item.value_money is not None or item.value_quantity is not None for item in made)


class ParallelArrays(BaseModel):
    """pyiceberg's KeyValueMap: two optional lists that must have the same length."""

    keys: list[int] = Field(default_factory=list)
    values: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _lengths_match(self) -> ParallelArrays:
        if len(self.keys) != len(self.values):
            raise ValueError(f"keys and values must have same length: {len(self.keys)} != {len(self.values)}")
        return self


def test_a_refusal_naming_fields_may_need_all_of_them_left_out() -> None:
    for seed in (1, 2, 3):
        for item in Forge(seed=seed).create_batch(ParallelArrays, count=10):
            assert len(item.keys) == len(item.values)


class Trigger(BaseModel):
    """django-celery-beat's PeriodicTask: exactly one of its optional schedules must be set."""

    name: str
    interval: int | None = None
    crontab: str | None = None
    clocked: float | None = None

    @model_validator(mode="after")
    def _one_schedule(self) -> Trigger:
        chosen = [name for name in ("interval", "crontab", "clocked") if getattr(self, name) is not None]
        if len(chosen) != 1:
            raise ValueError("exactly one of interval, crontab, clocked must be set")
        return self


@pytest.mark.parametrize("none_p", [1.0, 0.9])
def test_the_field_kept_after_a_whole_model_refusal_gets_a_value_whatever_none_p(none_p: float) -> None:
    triggers = Forge(seed=3, none_p=none_p).create_batch(Trigger, count=20)
    chosen = [[n for n in ("interval", "crontab", "clocked") if getattr(t, n) is not None] for t in triggers]
    assert all(len(names) == 1 for names in chosen)
    assert len({names[0] for names in chosen}) > 1  # the kept field varies: not always the same one
