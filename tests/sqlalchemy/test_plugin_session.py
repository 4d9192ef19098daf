"""The ``forge_sqlalchemy_session`` fixture: a conftest hands ``forge`` its session; rows roll back."""

from __future__ import annotations

import pytest

CONFTEST = """
import pytest
from sqlalchemy import ForeignKey, String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    customer: Mapped[Customer] = relationship()


@pytest.fixture(scope="session")
def engine(tmp_path_factory):
    engine = create_engine(f"sqlite:///{tmp_path_factory.mktemp('db')}/app.db")
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def db_session(engine):
    with Session(engine) as session:
        yield session
        session.rollback()


@pytest.fixture
def forge_sqlalchemy_session(db_session):
    return db_session
"""

TESTS = """
from sqlalchemy import func, select
from conftest import Customer, Order


def test_forge_saves_into_the_tests_session(forge, db_session):
    orders = forge.create_batch(Order, count=3)
    assert all(o.id is not None for o in orders)
    assert db_session.scalar(select(func.count()).select_from(Order)) == 3
    assert db_session.scalar(select(func.count()).select_from(Customer)) >= 1


def test_the_previous_tests_rows_rolled_back(forge, db_session):
    assert db_session.scalar(select(func.count()).select_from(Order)) == 0
"""


def test_a_conftest_session_makes_forge_save_into_it_and_rows_roll_back(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_orders=TESTS)
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=2)


def test_without_an_override_forge_builds_in_memory(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST.replace("def forge_sqlalchemy_session", "def unused_session"))
    pytester.makepyfile(
        test_memory="""
def test_in_memory(forge, forge_sqlalchemy_session):
    from conftest import Order
    assert forge_sqlalchemy_session is None
    assert forge.create(Order).id is None
"""
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=1)
