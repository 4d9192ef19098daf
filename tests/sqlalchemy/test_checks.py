"""CHECK constraints read with sqlglot: bounds drawn directly, every check holds, refusals re-drawn."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

import pytest
from sqlalchemy import CHAR, CheckConstraint, String, TypeDecorator, column
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, validates

from pytest_forge import ConstraintError, Forge, ValidationRejectedError
from pytest_forge.adapters import model_spec
from pytest_forge.adapters.sqlalchemy_checks import parse_check
from tests.sqlalchemy.schema import shop


class Base(DeclarativeBase):
    pass


class Booking(Base):
    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint("starts_on < ends_on"),
        CheckConstraint("kind IN ('day', 'night', 'week')"),
        CheckConstraint("(seats >= 2 AND kind = 'week') OR (seats BETWEEN 1 AND 4 AND kind <> 'week')"),
        CheckConstraint(column("price") >= 10),
        CheckConstraint("my_function(kind) = 1"),  # not read: left to the database
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    seats: Mapped[int]
    price: Mapped[int]
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date]


@pytest.fixture(scope="module")
def bookings() -> list[Any]:
    return Forge(seed=8).create_batch(Booking, count=150)


def test_comparisons_and_between_become_bounds_of_the_column() -> None:
    order = model_spec(shop.Order).by_name
    assert (order["total"].type.gt, order["total"].type.le) == (0, 1000)
    assert (order["qty"].type.ge, order["qty"].type.le) == (1, 10)


def test_an_expression_built_check_is_read_with_its_literal_values() -> None:
    assert model_spec(Booking).by_name["price"].type.ge == 10


def test_an_in_list_becomes_the_column_choices(bookings: list[Any]) -> None:
    assert {b.kind for b in bookings} == {"day", "night", "week"}


def test_checks_over_two_columns_and_or_groups_hold_on_every_record(bookings: list[Any]) -> None:
    for b in bookings:
        assert b.starts_on < b.ends_on
        assert (b.seats >= 2 and b.kind == "week") or (1 <= b.seats <= 4 and b.kind != "week")
        assert b.price >= 10


def test_checks_hold_on_orders_with_a_nullable_column_in_an_or() -> None:
    orders = Forge(seed=4).create_batch(shop.Order, count=200)
    assert all(o.discount is None or o.discount < o.total for o in orders)
    assert any(o.discount is not None for o in orders)


def test_null_passes_a_check_as_in_sql() -> None:
    check = parse_check("a > 1", {"a": "a"}, "M")
    assert check is not None
    assert check.holds({"a": None})
    assert check.holds({"a": 2})
    assert not check.holds({"a": 0})


def test_an_unreadable_check_is_left_to_the_database() -> None:
    assert parse_check("my_function(kind) = 1", {"kind": "kind"}, "M") is None
    assert parse_check("this is not sql at all (", {}, "M") is None


def test_an_override_that_breaks_a_check_is_a_clear_error() -> None:
    with pytest.raises(ConstraintError, match=r"Order\.qty.*CHECK \(qty BETWEEN 1 AND 10\)"):
        Forge(seed=1).create(shop.Order, qty=50)


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    handle: Mapped[str] = mapped_column(String(20))
    level: Mapped[int]

    @validates("level")
    def _even_level(self, key: str, value: int) -> int:
        if value % 2:
            raise ValueError("level must be even")
        return value


class Locked(Base):
    __tablename__ = "locked"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20))

    @validates("name")
    def _never(self, key: str, value: str) -> str:
        raise ValueError("names are not accepted")


def test_values_a_validates_hook_refuses_are_redrawn() -> None:
    accounts = Forge(seed=6).create_batch(Account, count=60)
    assert all(a.level % 2 == 0 for a in accounts)


def test_a_validates_hook_that_refuses_everything_is_named_in_the_error() -> None:
    with pytest.raises(ValidationRejectedError, match=r"Locked.*'name'.*names are not accepted"):
        Forge(seed=6).create(Locked)


class Level(enum.Enum):
    LOW = "l"
    HIGH = "h"
    MAX = "m"


class GuidText(TypeDecorator[str]):
    """Stores a UUID's hex; its bind refuses any other text (like rucio's GUID)."""

    impl = CHAR
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        return None if value is None else uuid.UUID(value).hex


class Holder:
    def __init__(self, name: str) -> None:
        self.name = name


class HolderText(TypeDecorator[str]):
    """Its bind takes Holder objects only: no plain text will do."""

    impl = String(20)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        if value is not None and not isinstance(value, Holder):
            raise TypeError("a Holder is needed")
        return None if value is None else value.name


class Gauge(Base):
    __tablename__ = "gauges"
    __table_args__ = (CheckConstraint("level IN ('l', 'h')"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[Level] = mapped_column(SAEnum(Level, values_callable=lambda e: [m.value for m in e]))
    ref: Mapped[str] = mapped_column(GuidText)
    owner: Mapped[Any] = mapped_column(HolderText, nullable=True)


def test_an_enum_stored_by_value_is_narrowed_and_checked_by_value() -> None:
    gauges = Forge(seed=2).create_batch(Gauge, count=40)
    assert {g.level for g in gauges} == {Level.LOW, Level.HIGH}


def test_a_decorator_refusing_plain_text_gets_uuid_text_or_is_left_unsupported() -> None:
    gauges = Forge(seed=2).create_batch(Gauge, count=10)
    assert all(uuid.UUID(g.ref) for g in gauges)
    assert {g.owner for g in gauges} == {None}  # nullable, and nothing we can make fits its bind
    owner = model_spec(Gauge).by_name["owner"].type.inner()
    assert (owner.kind, owner.label) == ("unsupported", "HolderText")
    forge = Forge(seed=2)
    forge.register_provider(lambda field: field.type.inner().label == "HolderText", lambda: Holder("ann"))
    assert forge.create(Gauge, none_p=0).owner.name == "ann"
