"""Rows per second saved through a SQLAlchemy session: pytest-forge beside polyfactory's SQLAlchemyFactory
and factory_boy's SQLAlchemyModelFactory, in the same run, on the same three-table schema.

Run: ``python bench/sqlalchemy_bench.py [--rounds 3] [--clock wall|cpu]`` from the repository root.
Each tool makes 200 customers, 1,000 orders pointing at those customers and 3,000 order lines
pointing at those orders, into an in-memory SQLite database through one Session (flushed by
pytest-forge and factory_boy, committed by polyfactory, whose persistence commits). The tools take
turns round by round (a load spike on the shared machine hits them alike), each round starting
from a collected heap; a tool's rate is its best round. ``--clock cpu`` counts this process's CPU
time (SQLite runs in-process) instead of wall-clock time. Only ratios mean anything.

The collected heap matters: a full collection of this process's heap (~50 ms here, a quarter of
pytest-forge's round) lands inside a round or not depending on how many objects the rounds before
it left. From a collected heap none lands in pytest-forge's rounds (nor, mostly, in
polyfactory's); ``--no-collect`` keeps whatever the round before left, as the first version of
this bench did, and the ratio then swings with where the collections fall (2.8x-4.3x measured).
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import gc
import itertools
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import DateTime, ForeignKey, Numeric, String, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship
from sqlalchemy.pool import StaticPool

CUSTOMERS, ORDERS, LINES = 200, 1000, 3000
ROUNDS = 3


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    email: Mapped[str] = mapped_column(String(80), unique=True)


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    placed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    total: Mapped[decimal.Decimal] = mapped_column(Numeric(10, 2))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    customer: Mapped[Customer] = relationship()


class OrderLine(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(12))
    quantity: Mapped[int]
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    order: Mapped[Order] = relationship()


def with_forge(session: Session) -> None:
    from pytest_forge import Forge

    forge = Forge(seed=1)
    forge.create_batch(Customer, count=CUSTOMERS, session=session)
    forge.create_batch(Order, count=ORDERS, session=session)
    forge.create_batch(OrderLine, count=LINES, session=session)


def with_polyfactory(session: Session) -> None:
    from polyfactory import Use
    from polyfactory.factories.sqlalchemy_factory import SQLAlchemyFactory

    pick = random.Random(1)
    numbers = itertools.count()

    class CustomerFactory(SQLAlchemyFactory[Customer]):
        __session__ = session
        __set_relationships__ = False
        __set_primary_key__ = False
        email = Use(lambda: f"user{next(numbers)}@example.com")  # it does not read UNIQUE: keys by hand

    customers = CustomerFactory.create_batch_sync(CUSTOMERS)

    class OrderFactory(SQLAlchemyFactory[Order]):
        __session__ = session
        __set_relationships__ = False
        __set_primary_key__ = False
        customer_id = Use(lambda: pick.choice(customers).id)
        total = Use(lambda: decimal.Decimal(pick.randint(1, 99_999)) / 100)

    orders = OrderFactory.create_batch_sync(ORDERS)

    class OrderLineFactory(SQLAlchemyFactory[OrderLine]):
        __session__ = session
        __set_relationships__ = False
        __set_primary_key__ = False
        order_id = Use(lambda: pick.choice(orders).id)

    OrderLineFactory.create_batch_sync(LINES)


def with_factory_boy(session: Session) -> None:
    import factory
    from factory.alchemy import SQLAlchemyModelFactory

    pick = random.Random(1)

    class CustomerFactory(SQLAlchemyModelFactory):
        class Meta:
            model = Customer
            sqlalchemy_session = session
            sqlalchemy_session_persistence = "flush"

        name = factory.Faker("name")
        email = factory.Sequence(lambda n: f"user{n}@example.com")

    customers = CustomerFactory.create_batch(CUSTOMERS)

    class OrderFactory(SQLAlchemyModelFactory):
        class Meta:
            model = Order
            sqlalchemy_session = session
            sqlalchemy_session_persistence = "flush"

        placed_at = factory.Faker("date_time")
        total = factory.Faker("pydecimal", left_digits=5, right_digits=2, positive=True)
        customer = factory.LazyFunction(lambda: pick.choice(customers))

    orders = OrderFactory.create_batch(ORDERS)

    class OrderLineFactory(SQLAlchemyModelFactory):
        class Meta:
            model = OrderLine
            sqlalchemy_session = session
            sqlalchemy_session_persistence = "flush"

        sku = factory.Faker("bothify", text="SKU-####")
        quantity = factory.Faker("pyint", min_value=1, max_value=20)
        order = factory.LazyFunction(lambda: pick.choice(orders))

    OrderLineFactory.create_batch(LINES)


def seconds(make: Callable[[Session], None], clock: Callable[[], float], collect: bool = True) -> float:
    """One round: a fresh database, ``make`` through one Session, timed up to its last flush."""
    engine = create_engine("sqlite://", poolclass=StaticPool)
    Base.metadata.create_all(engine)
    if collect:
        gc.collect()  # every round starts from the same heap state, whatever ran before it
    with Session(engine) as session:
        start = clock()
        make(session)
        session.flush()
        elapsed = clock() - start
        saved = sum(
            session.scalar(select(func.count()).select_from(m)) or 0 for m in (Customer, Order, OrderLine)
        )
        assert saved == CUSTOMERS + ORDERS + LINES, saved
    engine.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    parser.add_argument("--no-collect", action="store_true", help="do not collect the heap before a round")
    args = parser.parse_args()
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    tools = {
        "pytest-forge": with_forge,
        "polyfactory SQLAlchemyFactory": with_polyfactory,
        "factory_boy SQLAlchemyModelFactory": with_factory_boy,
    }
    for make in tools.values():  # imports and first compiles apart
        seconds(make, clock)
    best = dict.fromkeys(tools, float("inf"))
    for _ in range(args.rounds):
        for name, make in tools.items():
            best[name] = min(best[name], seconds(make, clock, not args.no_collect))
    rates = {name: (CUSTOMERS + ORDERS + LINES) / elapsed for name, elapsed in best.items()}
    for name, rate in rates.items():
        print(f"{name:38s} {rate:10,.0f} rows/s")
    fastest_peer = max(rate for name, rate in rates.items() if name != "pytest-forge")
    print(f"pytest-forge / fastest peer: {rates['pytest-forge'] / fastest_peer:.2f}x (target >= 3x)")


if __name__ == "__main__":
    main()
