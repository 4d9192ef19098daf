"""CHECK constraints read with sqlglot: bounds drawn directly, every check holds, refusals re-drawn."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import CheckConstraint, String, column
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
