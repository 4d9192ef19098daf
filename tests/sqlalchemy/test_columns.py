"""Columns read from the mapper: types with their limits, NULL, defaults, keys, decorators, __init__."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

import pytest
from sqlalchemy import Column, DateTime, Integer, Numeric, String, Table, Text, TypeDecorator, Unicode
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, registry

from pytest_forge import Forge
from pytest_forge.adapters import is_model, model_spec
from tests.sqlalchemy.schema import Status, shop


@pytest.fixture(scope="module")
def orders() -> list[Any]:
    return Forge(seed=11).create_batch(shop.Order, count=200)


def test_string_lengths_hold_the_column_length() -> None:
    customers = Forge(seed=3).create_batch(shop.Customer, count=200)
    assert all(len(c.name) <= 40 and len(c.email) <= 80 for c in customers)
    assert len({c.name for c in customers}) > 100


def test_numeric_precision_and_scale_hold(orders: list[Any]) -> None:
    for order in orders:
        assert isinstance(order.total, decimal.Decimal)
        _sign, digits, exponent = order.total.as_tuple()
        assert isinstance(exponent, int)
        assert -exponent <= 2
        assert len(digits) <= 10


def test_enum_json_uuid_and_binary_columns_get_values_of_their_types(orders: list[Any]) -> None:
    assert {o.status for o in orders} == set(Status)
    assert all(isinstance(o.meta, dict) and all(isinstance(k, str) for k in o.meta) for o in orders)
    assert all(isinstance(o.ref, uuid.UUID) for o in orders)
    assert all(o.blob is None or (isinstance(o.blob, bytes) and len(o.blob) <= 16) for o in orders)


def test_timezone_aware_and_naive_datetime_columns() -> None:
    forge = Forge(seed=5)
    assert all(c.joined_at.tzinfo is not None for c in forge.create_batch(shop.Customer, count=50))
    assert all(o.placed_at.tzinfo is None for o in forge.create_batch(shop.Order, count=50))


def test_nullable_columns_are_sometimes_none_and_required_ones_never(orders: list[Any]) -> None:
    assert any(o.blob is None for o in orders)
    assert any(o.blob is not None for o in orders)
    assert all(o.qty is not None and o.total is not None for o in orders)


def test_an_autoincrement_primary_key_is_left_to_the_database_but_can_be_given() -> None:
    forge = Forge(seed=1)
    assert forge.create(shop.Tag).id is None
    assert forge.create(shop.Tag, id=41).id == 41


def test_a_type_decorator_is_read_through_its_impl() -> None:
    spec = model_spec(shop.Customer).by_name["nickname"].type.inner()
    assert (spec.kind, spec.max_length) == ("str", 30)


class Cents(TypeDecorator[decimal.Decimal]):
    """Stored as an integer number of cents; its own Python type is Decimal."""

    impl = Integer
    cache_ok = True

    @property
    def python_type(self) -> type[Any]:
        return decimal.Decimal


class Base(DeclarativeBase):
    pass


class Invoice(Base):
    __tablename__ = "invoices"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    amount: Mapped[decimal.Decimal] = mapped_column(Cents)
    note: Mapped[str] = mapped_column(Text, server_default="none")
    currency: Mapped[str] = mapped_column(Unicode(3), default="EUR")
    issued: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    def __init__(self, code: str) -> None:  # a model with its own __init__
        self.code = code


def test_a_type_decorator_with_its_own_python_type_uses_it() -> None:
    assert model_spec(Invoice).by_name["amount"].type.kind == "decimal"


def test_a_model_with_its_own_init_is_built_without_calling_it() -> None:
    invoices = Forge(seed=2).create_batch(Invoice, count=30)
    assert all(isinstance(i.amount, decimal.Decimal) and len(i.code) <= 8 for i in invoices)


def test_a_primary_key_that_is_not_autoincrement_is_drawn_unique() -> None:
    invoices = Forge(seed=2).create_batch(Invoice, count=100)
    assert len({i.code for i in invoices}) == 100


def test_defaults_make_columns_optional_and_a_scalar_default_is_known() -> None:
    spec = model_spec(Invoice)
    assert not spec.by_name["note"].required
    assert not spec.by_name["currency"].required
    assert spec.by_name["currency"].default == "EUR"
    assert spec.by_name["amount"].required


def test_the_classic_column_style_and_imperative_mapping_work() -> None:
    mapper_registry = registry()
    table = Table(
        "legacy_users", mapper_registry.metadata,
        Column("id", Integer, primary_key=True),
        Column("login", String(16), nullable=False, unique=True),
        Column("score", Numeric(5, 1)),
    )  # fmt: skip

    class LegacyUser:
        pass

    mapper_registry.map_imperatively(LegacyUser, table)
    users = Forge(seed=4).create_batch(LegacyUser, count=50)
    assert all(len(u.login) <= 16 for u in users)
    assert len({u.login for u in users}) == 50
    assert all(u.score is None or abs(u.score) < 10_000 for u in users)


def test_sqlalchemy_models_are_models_and_unmapped_classes_are_not() -> None:
    assert is_model(shop.Order)
    assert model_spec(shop.Order).kind == "sqlalchemy"
    assert not is_model(Base)


def test_same_seed_same_rows() -> None:
    def rows(seed: int) -> list[tuple[Any, ...]]:
        made = Forge(seed=seed).create_batch(shop.Order, count=20)
        return [(o.number, o.total, o.status, o.ref, o.customer.email) for o in made]

    assert rows(9) == rows(9)
    assert rows(9) != rows(10)


def test_an_array_column_holds_a_short_list_of_its_item_type() -> None:
    from sqlalchemy import ARRAY

    mapper_registry = registry()
    table = Table(
        "readings", mapper_registry.metadata,
        Column("id", Integer, primary_key=True),
        Column("values", ARRAY(Numeric(4, 1)), nullable=False),
    )  # fmt: skip

    class Reading:
        pass

    mapper_registry.map_imperatively(Reading, table)
    for reading in Forge(seed=5).create_batch(Reading, count=30):
        assert isinstance(reading.values, list)
        assert len(reading.values) <= 4
        assert all(isinstance(v, decimal.Decimal) and abs(v) < 1000 for v in reading.values)
