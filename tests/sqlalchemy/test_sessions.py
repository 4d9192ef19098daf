"""Saving through the user's own session, sync and async, on real databases (rows, keys, checks hold)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import BaseModel
from sqlalchemy import String, create_engine, func, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from pytest_forge import ConstraintError, Forge, UsageError
from tests.sqlalchemy.conftest import async_url

Database = tuple[str, SimpleNamespace]


def _count(url: str, model: Any) -> int:
    """Rows committed and visible from another connection."""
    engine = create_engine(url)
    try:
        with Session(engine) as other:
            return int(other.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        engine.dispose()


def _check_rows(session: Session, schema: SimpleNamespace, orders: list[Any]) -> None:
    """What the database holds is what was made: keys assigned, parents present, values kept."""
    session.expire_all()
    rows = session.scalars(select(schema.Order)).all()
    assert sorted(o.id for o in rows) == sorted(o.id for o in orders)
    customer_ids = set(session.scalars(select(schema.Customer.id)))
    assert all(o.customer_id in customer_ids for o in rows)
    for row in rows:
        assert 0 < row.total <= 1000
        assert 1 <= row.qty <= 10
        assert row.discount is None or row.discount < row.total
    pairs = [(o.customer_id, o.number) for o in rows]
    assert len(pairs) == len(set(pairs))


def test_create_batch_adds_and_flushes_in_the_users_transaction(database: Database, session: Session) -> None:
    url, schema = database
    forge = Forge(seed=1)
    orders = forge.create_batch(schema.Order, count=25, session=session, generate_m2m={"tags": (1, 3)})
    assert all(o.id is not None and o.customer_id == o.customer.id for o in orders)
    _check_rows(session, schema, orders)
    links = session.scalar(select(func.count()).select_from(schema.order_tags))
    assert links == sum(len(o.tags) for o in orders)
    assert _count(url, schema.Order) == 0  # flushed, not committed: the test owns the transaction


def test_rows_roll_back_with_the_session(database: Database) -> None:
    url, schema = database
    engine = create_engine(url)
    with Session(engine) as session:
        Forge(seed=2).create_batch(schema.OrderLine, count=5, session=session)
        session.rollback()
    with Session(engine) as session:
        made = Forge(seed=2).create_batch(schema.Customer, count=3, session=session)
        session.commit()
        assert {c.email for c in made} == set(session.scalars(select(schema.Customer.email)))
    engine.dispose()
    assert _count(url, schema.OrderLine) == 0
    assert _count(url, schema.Customer) == 3


def test_every_model_of_the_schema_saves_and_self_references_point_at_saved_rows(
    database: Database, session: Session
) -> None:
    _, schema = database
    forge = Forge(seed=3, none_p=0.3)
    for model in (schema.Customer, schema.Profile, schema.Tag, schema.Order, schema.OrderLine, schema.Node):
        made = forge.create_batch(model, count=6, session=session)
        assert all(m.id is not None for m in made)
    nodes = forge.create_batch(schema.Node, count=10, session=session)
    assert any(n.parent_id is not None for n in nodes)
    node_ids = set(session.scalars(select(schema.Node.id)))
    assert all(n.parent_id is None or n.parent_id in node_ids for n in nodes)


def test_rows_already_in_the_database_are_the_parents_chosen(database: Database, session: Session) -> None:
    _, schema = database
    existing = Forge(seed=10).create_batch(schema.Customer, count=3, session=session)
    orders = Forge(seed=11).create_batch(schema.Order, count=20, session=session)
    assert {o.customer_id for o in orders} <= {c.id for c in existing}
    assert session.scalar(select(func.count()).select_from(schema.Customer)) == 3


def test_generate_fk_makes_new_parents_even_when_rows_exist(database: Database, session: Session) -> None:
    _, schema = database
    Forge(seed=10).create_batch(schema.Customer, count=3, session=session)
    Forge(seed=11).create_batch(schema.Order, count=4, session=session, generate_fk=True)
    assert session.scalar(select(func.count()).select_from(schema.Customer)) == 7


def test_unique_values_already_in_the_database_are_not_made_again(
    database: Database, session: Session
) -> None:
    _, schema = database
    planned = [c.email for c in Forge(seed=12).create_batch(schema.Customer, count=5)]
    taken = Forge(seed=99).create_batch(schema.Customer, count=5, email=iter(planned).__next__)
    session.add_all(taken)
    session.flush()
    made = Forge(seed=12).create_batch(schema.Customer, count=5, session=session)
    assert not {c.email for c in made} & set(planned)
    assert session.scalar(select(func.count()).select_from(schema.Customer)) == 10


def test_a_parent_and_its_children_are_saved_together(database: Database, session: Session) -> None:
    _, schema = database
    customer = Forge(seed=13).create(schema.Customer, session=session, orders=3)
    session.expire_all()
    orders = session.scalars(select(schema.Order).where(schema.Order.customer_id == customer.id)).all()
    assert len(orders) == 3


def test_the_forge_default_session_is_used_when_a_call_gives_none(
    database: Database, session: Session
) -> None:
    _, schema = database
    forge = Forge(seed=4)
    forge.session = session
    line = forge.create(schema.OrderLine)
    assert line.id is not None
    assert line.order.id is not None
    assert line.order.customer.id is not None


def test_without_a_session_nothing_reaches_the_database(database: Database) -> None:
    url, schema = database
    line = Forge(seed=5).create(schema.OrderLine)
    assert line.id is None
    assert line.order.customer is not None
    assert _count(url, schema.OrderLine) == 0


def _run(database: Database, work: Callable[[Any], Awaitable[Any]]) -> Any:
    from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

    async def main() -> Any:
        engine = create_async_engine(async_url(database[0]))
        try:
            async with AsyncSession(engine) as session:
                result = await work(session)
                await session.commit()
                return result
        finally:
            await engine.dispose()

    return asyncio.run(main())


def test_acreate_batch_saves_through_an_async_session(database: Database) -> None:
    url, schema = database

    async def work(session: Any) -> list[Any]:
        orders = await Forge(seed=6).acreate_batch(schema.Order, count=12, session=session)
        line = await Forge(seed=7).acreate(schema.OrderLine, session=session)
        return [m.id for m in [*orders, line]]

    assert all(key is not None for key in _run(database, work))
    assert _count(url, schema.Order) == 12  # the line's order is one of the twelve already there
    assert _count(url, schema.OrderLine) == 1


def test_a_sync_call_with_an_async_session_says_to_await_acreate(database: Database) -> None:
    _, schema = database

    async def work(session: Any) -> None:
        with pytest.raises(UsageError, match=r"await forge\.acreate"):
            Forge(seed=1).create(schema.Tag, session=session)

    _run(database, work)


def test_acreate_with_a_sync_session_is_a_usage_error(database: Database, session: Session) -> None:
    with pytest.raises(UsageError, match="need an AsyncSession"):
        asyncio.run(Forge(seed=1).acreate(database[1].Tag, session=session))


class Plain(BaseModel):
    name: str


def test_a_model_that_cannot_be_saved_refuses_a_session_before_anything_is_made(session: Session) -> None:
    forge = Forge(seed=1)
    with pytest.raises(UsageError, match=r"Plain is a pydantic model.*drop session="):
        forge.create(Plain, session=session)
    assert forge.stats()["generated"] == {}


def test_a_default_session_does_not_touch_models_that_cannot_be_saved(session: Session) -> None:
    forge = Forge(seed=1)
    forge.session = session
    assert forge.create(Plain).name


def test_a_constraint_only_the_database_knows_is_a_clear_error_naming_the_rollback(tmp_path) -> None:
    class Base(DeclarativeBase):
        pass

    class Flag(Base):
        __tablename__ = "flags"
        id: Mapped[int] = mapped_column(primary_key=True)
        letter: Mapped[str] = mapped_column(String(1))

    engine = create_engine(f"sqlite:///{tmp_path}/flags.db")
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(text("CREATE UNIQUE INDEX only_in_the_database ON flags (letter)"))
    with (
        Session(engine) as session,
        pytest.raises(ConstraintError, match=r"refused the Flag records.*rollback"),
    ):
        Forge(seed=1).create_batch(Flag, count=200, session=session)
    engine.dispose()


def test_a_model_whose_table_is_missing_is_a_clear_error(tmp_path) -> None:
    from pytest_forge import ExportError
    from tests.sqlalchemy.schema import shop_schema

    schema = shop_schema(prefix="missing_")
    engine = create_engine(f"sqlite:///{tmp_path}/empty.db")
    with (
        Session(engine) as session,
        pytest.raises(ExportError, match=r"cannot read the Tag rows.*create its table"),
    ):
        Forge(seed=1).create(schema.Tag, session=session)
    engine.dispose()


def test_one_forge_saving_through_a_second_session_offers_only_that_sessions_rows(database: Database) -> None:
    url, schema = database
    engine = create_engine(url)
    forge = Forge(seed=3)
    try:
        with Session(engine) as first:
            first_ids = {o.customer_id for o in forge.create_batch(schema.Order, count=4, session=first)}
            first.commit()  # its rows are stored; the instances are detached once it closes
        with Session(engine) as second:
            orders = forge.create_batch(schema.Order, count=4, session=second)  # was DetachedInstanceError
            assert all(o.customer in second and o.customer_id == o.customer.id for o in orders)
            stored = set(second.scalars(select(schema.Customer.id)))
            assert {o.customer_id for o in orders} <= stored
            assert first_ids <= stored
            second.commit()
    finally:
        engine.dispose()
