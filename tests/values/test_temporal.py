from __future__ import annotations

import datetime as dt
import random
from typing import Annotated

import pytest
from pydantic import (
    AwareDatetime,
    Field,
    FutureDate,
    FutureDatetime,
    NaiveDatetime,
    PastDate,
    PastDatetime,
    TypeAdapter,
)

from pytest_forge.errors import ConstraintError
from pytest_forge.spec import TypeSpec
from pytest_forge.values.temporal import date_values, datetime_values, time_values, timedelta_values

REF = dt.date(2025, 1, 1)
UTC = dt.UTC
PLUS2 = dt.timezone(dt.timedelta(hours=2))
SEEDS = (0, 1, 2, 3, 4)


def draw(gen, n=200, seeds=SEEDS):
    return [gen(rng) for seed in seeds for rng in [random.Random(seed)] for _ in range(n)]


def assert_pydantic_accepts(annotation, values):
    adapter = TypeAdapter(annotation)
    for value in values:
        assert adapter.validate_python(value) == value, value


def test_dates_default_to_the_ten_years_before_the_reference():
    values = draw(date_values(TypeSpec("date"), REF))
    assert all(dt.date(2015, 1, 1) <= v <= REF for v in values)
    assert len(set(values)) > 500


def test_dates_follow_the_reference_not_today():
    values = draw(date_values(TypeSpec("date", when="past"), dt.date(1990, 6, 1)))
    assert all(dt.date(1960, 6, 1) <= v < dt.date(1990, 6, 1) for v in values)


def test_past_dates_end_the_day_before_the_reference():
    values = draw(date_values(TypeSpec("date", when="past"), REF))
    assert max(values) <= REF - dt.timedelta(days=1)
    assert min(values) >= dt.date(1995, 1, 1)
    assert_pydantic_accepts(PastDate, values)


def test_future_dates_start_ten_years_after_the_reference():
    values = draw(date_values(TypeSpec("date", when="future"), REF))
    assert min(values) >= dt.date(2035, 1, 1)
    assert max(values) <= dt.date(2085, 1, 2)
    assert_pydantic_accepts(FutureDate, values)


DATE_BOUNDS = [
    {"ge": dt.date(2020, 1, 1), "le": dt.date(2020, 1, 31)},
    {"gt": dt.date(2030, 1, 1)},
    {"lt": dt.date(1900, 1, 1)},
    {"gt": dt.date(2024, 12, 30), "lt": dt.date(2025, 1, 1)},
]


@pytest.mark.parametrize("bounds", DATE_BOUNDS, ids=str)
def test_dates_honour_bounds(bounds):
    values = draw(date_values(TypeSpec("date", **bounds), REF))
    assert_pydantic_accepts(Annotated[dt.date, Field(**bounds)], values)


def test_past_dates_within_bounds():
    values = draw(date_values(TypeSpec("date", when="past", ge=dt.date(2024, 12, 1)), REF))
    assert all(dt.date(2024, 12, 1) <= v <= dt.date(2024, 12, 31) for v in values)
    assert_pydantic_accepts(Annotated[PastDate, Field(ge=dt.date(2024, 12, 1))], values)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            TypeSpec("date", ge=dt.date(2025, 1, 2), le=dt.date(2025, 1, 1)),
            "ge=2025-01-02 is greater than le=2025-01-01",
        ),
        (TypeSpec("date", gt=dt.date(2025, 1, 1), lt=dt.date(2025, 1, 2)), "leave no value in between"),
        (TypeSpec("date", when="past", ge=dt.date(2100, 1, 1)), "ge=2100-01-01 leaves no past value"),
        (TypeSpec("date", when="future", le=dt.date(2020, 1, 1)), "le=2020-01-01 leaves no future value"),
    ],
)
def test_contradictory_date_constraints_raise(spec, message):
    with pytest.raises(ConstraintError, match=message):
        date_values(spec, REF)


def test_future_dates_beyond_the_calendar_raise():
    with pytest.raises(ConstraintError, match="no representable value"):
        date_values(TypeSpec("date", when="future"), dt.date(9995, 1, 1))


def test_naive_datetimes_by_default():
    values = draw(datetime_values(TypeSpec("datetime"), REF))
    assert all(v.tzinfo is None and v.microsecond == 0 for v in values)
    assert all(dt.datetime(2015, 1, 1) <= v <= dt.datetime(2025, 1, 1) for v in values)
    assert_pydantic_accepts(NaiveDatetime, values)
    assert_pydantic_accepts(NaiveDatetime, draw(datetime_values(TypeSpec("datetime", tz="naive"), REF)))


def test_aware_datetimes_use_several_fixed_offsets():
    values = draw(datetime_values(TypeSpec("datetime", tz="aware"), REF))
    assert_pydantic_accepts(AwareDatetime, values)
    assert len({v.utcoffset() for v in values}) > 3


@pytest.mark.parametrize("tz", [None, "aware"])
def test_past_and_future_datetimes(tz):
    annotation = AwareDatetime if tz else NaiveDatetime
    past = draw(datetime_values(TypeSpec("datetime", when="past", tz=tz), REF))
    future = draw(datetime_values(TypeSpec("datetime", when="future", tz=tz), REF))
    assert_pydantic_accepts(Annotated[annotation, PastDatetime], past)
    assert_pydantic_accepts(Annotated[annotation, FutureDatetime], future)
    assert max(v.replace(tzinfo=None) for v in past) < dt.datetime(2025, 1, 1)


DATETIME_BOUNDS = [
    {"gt": dt.datetime(2024, 6, 1), "lt": dt.datetime(2024, 6, 2)},
    {"gt": dt.datetime(2024, 6, 1, 12), "lt": dt.datetime(2024, 6, 1, 12, 0, 0, 2)},
    {"ge": dt.datetime(2024, 6, 1, tzinfo=UTC), "le": dt.datetime(2024, 6, 1, 1, tzinfo=UTC)},
    {"gt": dt.datetime(2024, 6, 1, 10, tzinfo=PLUS2), "lt": dt.datetime(2024, 6, 1, 11, tzinfo=PLUS2)},
    {"ge": dt.datetime(2024, 6, 1, tzinfo=PLUS2), "le": dt.datetime(2024, 6, 1, 1)},
    {"ge": dt.datetime(2090, 1, 1)},
]


@pytest.mark.parametrize("tz", [None, "aware"])
@pytest.mark.parametrize("bounds", DATETIME_BOUNDS, ids=str)
def test_datetimes_honour_bounds(bounds, tz):
    values = draw(datetime_values(TypeSpec("datetime", tz=tz, **bounds), REF))
    annotation = AwareDatetime if tz else NaiveDatetime
    assert_pydantic_accepts(Annotated[annotation, Field(**bounds)], values)


def test_datetime_reference_may_be_a_datetime():
    values = draw(datetime_values(TypeSpec("datetime", when="past"), dt.datetime(2000, 1, 1, 12)))
    assert max(values) <= dt.datetime(1999, 12, 31, 12)


def test_contradictory_datetime_bounds_raise():
    with pytest.raises(
        ConstraintError, match="ge=2024-06-02 00:00:00 is greater than le=2024-06-01 00:00:00"
    ):
        datetime_values(TypeSpec("datetime", ge=dt.datetime(2024, 6, 2), le=dt.datetime(2024, 6, 1)), REF)


def test_times_default_to_whole_seconds_across_the_day():
    values = draw(time_values(TypeSpec("time")))
    assert all(v.tzinfo is None and v.microsecond == 0 for v in values)
    assert min(values) < dt.time(2)
    assert max(values) > dt.time(22)


TIME_CASES = [
    {},
    {"ge": dt.time(9), "le": dt.time(17, 30)},
    {"gt": dt.time(23, 59, 59)},
    {"gt": dt.time(10, 0, 0), "lt": dt.time(10, 0, 0, 5)},
    {"ge": dt.time(10, tzinfo=PLUS2), "le": dt.time(11, tzinfo=PLUS2)},
    {"gt": dt.time(1), "lt": dt.time(2, tzinfo=UTC)},
]


@pytest.mark.parametrize("tz", [None, "aware"])
@pytest.mark.parametrize("bounds", TIME_CASES, ids=str)
def test_times_honour_bounds(bounds, tz):
    values = draw(time_values(TypeSpec("time", tz=tz, **bounds)))
    assert all((v.tzinfo is not None) is (tz == "aware") for v in values)
    assert_pydantic_accepts(Annotated[dt.time, Field(**bounds)], values)


def test_contradictory_time_bounds_raise():
    with pytest.raises(ConstraintError, match="ge=12:00:00 is greater than le=11:00:00"):
        time_values(TypeSpec("time", ge=dt.time(12), le=dt.time(11)))


def test_time_after_the_last_microsecond_raises():
    with pytest.raises(ConstraintError, match="the bounds leave no time of day to draw"):
        time_values(TypeSpec("time", gt=dt.time(23, 59, 59, 999_999)))


def test_mixed_aware_and_naive_bounds_still_name_a_constraint():
    spec = TypeSpec(
        "datetime",
        gt=dt.datetime(2030, 1, 1, tzinfo=UTC),
        ge=dt.datetime(2020, 1, 1),
        le=dt.datetime(2010, 1, 1),
    )
    with pytest.raises(ConstraintError, match="le=2010-01-01 00:00:00"):
        datetime_values(spec, REF)


def test_timedeltas_default_to_up_to_thirty_days():
    values = draw(timedelta_values(TypeSpec("timedelta")))
    assert all(dt.timedelta(0) <= v <= dt.timedelta(days=30) and v.microseconds == 0 for v in values)


TIMEDELTA_CASES = [
    {"ge": dt.timedelta(hours=1), "le": dt.timedelta(hours=2)},
    {"lt": dt.timedelta(days=-3)},
    {"gt": dt.timedelta(days=400)},
    {"gt": dt.timedelta(0), "lt": dt.timedelta(microseconds=3)},
]


@pytest.mark.parametrize("bounds", TIMEDELTA_CASES, ids=str)
def test_timedeltas_honour_bounds(bounds):
    values = draw(timedelta_values(TypeSpec("timedelta", **bounds)))
    assert_pydantic_accepts(Annotated[dt.timedelta, Field(**bounds)], values)


def test_contradictory_timedelta_bounds_raise():
    with pytest.raises(ConstraintError, match="gt=1:00:00 and lt=1:00:00 leave no duration in between"):
        timedelta_values(TypeSpec("timedelta", gt=dt.timedelta(hours=1), lt=dt.timedelta(hours=1)))


@pytest.mark.parametrize(
    "make",
    [
        lambda: date_values(TypeSpec("date"), REF),
        lambda: datetime_values(TypeSpec("datetime", tz="aware"), REF),
        lambda: time_values(TypeSpec("time")),
        lambda: timedelta_values(TypeSpec("timedelta")),
    ],
)
def test_same_seed_same_sequence(make):
    gen = make()
    random.seed(5)
    state = random.getstate()
    assert draw(gen, seeds=(1,)) == draw(make(), seeds=(1,))
    assert draw(gen, seeds=(1,)) != draw(gen, seeds=(2,))
    assert random.getstate() == state
