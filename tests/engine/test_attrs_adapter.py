"""attrs classes: validators read as bounds, other validators run, refusals name their field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from pytest_forge import Forge, UsageError, ValidationRejectedError
from pytest_forge.adapters import is_model, model_spec


@attrs.define
class Point:
    x: int = attrs.field(validator=[attrs.validators.ge(0), attrs.validators.le(100)])
    label: str = attrs.field(validator=attrs.validators.max_len(8))
    colour: str = attrs.field(validator=attrs.validators.in_(["red", "blue"]))
    code: str = attrs.field(validator=attrs.validators.matches_re(r"[A-Z]{3}-\d{2}"))
    _weight: int = attrs.field(default=3, converter=int)
    seen: dt.datetime = attrs.field(factory=dt.datetime.now, metadata={"description": "last seen"})
    note: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.min_len(2))
    )

    @x.validator
    def _even(self, attribute: Any, value: int) -> None:
        if value % 2:
            raise ValueError("x must be even")


@attrs.define
class Route:
    start: Point
    stops: list[Point] = attrs.Factory(list)


@attrs.frozen
class Never:
    name: str = attrs.field()

    @name.validator
    def _refuse(self, attribute: Any, value: str) -> None:
        raise ValueError("no name will do")


@pytest.fixture(scope="module")
def points() -> list[Point]:
    return Forge(seed=3).create_batch(Point, count=100)


def test_attrs_classes_are_models_of_their_own_kind() -> None:
    assert is_model(Point)
    assert model_spec(Point).kind == "attrs"


def test_known_validators_become_bounds_and_choices(points: list[Point]) -> None:
    assert all(0 <= p.x <= 100 and len(p.label) <= 8 for p in points)
    assert {p.colour for p in points} == {"red", "blue"}
    assert all(p.note is None or len(p.note) >= 2 for p in points)


def test_a_pattern_validator_is_drawn_to() -> None:
    assert model_spec(Point).by_name["code"].type.pattern == r"[A-Z]{3}-\d{2}"


def test_other_validators_run_and_their_refusals_are_redrawn(points: list[Point]) -> None:
    assert all(p.x % 2 == 0 for p in points)


def test_a_private_attribute_is_given_by_its_alias_and_metadata_is_read() -> None:
    spec = model_spec(Point)
    assert spec.by_name["_weight"].input_path == ("weight",)
    assert spec.by_name["seen"].description == "last seen"
    assert Forge(seed=1).create(Point, _weight=9)._weight == 9


def test_nested_attrs_classes_are_made_too() -> None:
    route = Forge(seed=2).create(Route)
    assert isinstance(route.start, Point)
    assert all(isinstance(stop, Point) for stop in route.stops)


def test_a_validator_that_refuses_everything_is_named() -> None:
    with pytest.raises(ValidationRejectedError, match=r"Never.*'name'.*no name will do"):
        Forge(seed=1).create(Never)


@attrs.define
class Parcel:
    _weight: int = attrs.field(validator=attrs.validators.ge(0))
    label: str = "box"


def test_a_private_attribute_is_overridden_by_its_init_name_or_its_own():
    forge = Forge(seed=1)
    assert forge.create(Parcel, weight=5)._weight == 5
    assert forge.create(Parcel, _weight=6)._weight == 6
    with pytest.raises(UsageError, match="given twice"):
        forge.create(Parcel, weight=5, _weight=6)


@attrs.define
class Parameter:
    name: str
    parameter_type: str


class ParameterString(Parameter):
    """Its own ``__init__`` sets a field it does not take (sagemaker's workflow parameters)."""

    def __init__(self, name: str, default_value: str | None = None) -> None:
        super().__init__(name=name, parameter_type="String")


def test_fields_a_subclass_init_does_not_take_are_left_to_it() -> None:
    made = Forge(seed=1).create_batch(ParameterString, count=3)
    assert [type(p) for p in made] == [ParameterString] * 3
    assert all(p.parameter_type == "String" and isinstance(p.name, str) for p in made)


@attrs.define
class JsonGet:
    """One annotation names a class nowhere defined, so the class's hints do not resolve as a whole."""

    step_name: str | None = None
    json_path: str = "$.value"
    step: NotDefinedAnywhere = None  # type: ignore[name-defined]  # noqa: F821


def test_annotations_resolve_one_by_one_and_an_unknown_type_keeps_its_default() -> None:
    made = Forge(seed=1).create_batch(JsonGet, count=5)
    assert all(item.step is None for item in made)
    assert any(isinstance(item.step_name, str) for item in made)
