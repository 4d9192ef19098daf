"""Children of parents already saved in the session: the relationship holds the parent as a loaded
value (no attribute events), and everything the user reads afterwards is what the events would give."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
from sqlalchemy import ForeignKey, String, create_engine, event, func, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, validates

from pytest_forge import Forge, UsageError

Database = tuple[str, SimpleNamespace]


def test_children_of_saved_parents_read_back_right_both_ways(database: Database, session: Session) -> None:
    _, schema = database
    forge = Forge(seed=21)
    customers = forge.create_batch(schema.Customer, count=3, session=session)
    orders = forge.create_batch(schema.Order, count=12, session=session)
    lines = forge.create_batch(schema.OrderLine, count=30, session=session)
    assert {o.customer_id for o in orders} <= {c.id for c in customers}
    for order in orders:
        assert order.customer in customers
        assert order.customer.id == order.customer_id
        assert not inspect(order).modified  # flushed: nothing left for a later flush to write
    for customer in customers:  # the collection was not loaded: it loads now, with the new rows
        assert sorted(o.id for o in customer.orders) == sorted(o.id for o in orders if o.customer is customer)
    assert sum(len(o.lines) for o in orders) == len(lines)
    assert all(line in line.order.lines for line in lines)
    session.expire_all()
    stored = {o.id: o.customer_id for o in session.scalars(select(schema.Order))}
    assert stored == {o.id: o.customer.id for o in orders}


def test_a_parent_whose_collection_is_loaded_sees_its_new_children_at_once(
    database: Database, session: Session
) -> None:
    _, schema = database
    forge = Forge(seed=22)
    customer = forge.create(schema.Customer, session=session)
    assert customer.orders == []  # loaded (empty) before the children are made
    orders = forge.create_batch(schema.Order, count=4, session=session)
    assert customer.orders == orders
    session.expire_all()
    assert len(customer.orders) == 4


def test_a_caller_given_saved_parent_is_linked_too(database: Database, session: Session) -> None:
    _, schema = database
    forge = Forge(seed=23)
    customer = forge.create(schema.Customer, session=session)
    other = forge.create(schema.Customer, session=session)
    order = Forge(seed=24).create(schema.Order, session=session, customer=customer)
    assert order.customer is customer
    assert order.customer_id == customer.id
    # a column given beside the relationship: the relationship wins at flush, as with a plain set
    again = Forge(seed=25).create(schema.Order, session=session, customer=customer, customer_id=other.id)
    assert again.customer is customer
    assert again.customer_id == customer.id
    assert {o.id for o in customer.orders} == {order.id, again.id}


def test_built_in_memory_the_saved_parent_is_linked_with_its_events(
    database: Database, session: Session
) -> None:
    _, schema = database
    customer = Forge(seed=26).create(schema.Customer, session=session)
    order = Forge(seed=27).create(schema.Order, customer=customer)  # no session: built in memory
    assert inspect(order).transient
    with session.no_autoflush:  # the backref queued it, as `order.customer = customer` does
        assert order in customer.orders
    assert order.customer_id == customer.id


def test_build_with_a_default_session_saves_nothing(database: Database, session: Session) -> None:
    _, schema = database
    forge = Forge(seed=28)
    forge.session = session
    customer = forge.create(schema.Customer)
    order = forge.build(schema.Order)
    assert inspect(order).transient
    assert order.customer is customer or inspect(order.customer).transient  # a saved parent, or a new one
    assert order not in session
    with session.no_autoflush:  # the saved customer's collection holds the unsaved order (backref)
        assert session.scalar(select(func.count()).select_from(schema.Order)) == 0
        assert session.scalar(select(func.count()).select_from(schema.Customer)) == 1
    assert inspect(customer).persistent
    with pytest.raises(UsageError, match="build"):
        forge.build(schema.Order, session=session)


class _Base(DeclarativeBase):
    pass


class Author(_Base):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    books: Mapped[list[Book]] = relationship(back_populates="author", cascade="all, delete-orphan")


class Book(_Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(30))
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped[Author] = relationship(back_populates="books")


class Shelf(_Base):
    __tablename__ = "shelves"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(30))


class Slot(_Base):
    __tablename__ = "slots"
    id: Mapped[int] = mapped_column(primary_key=True)
    shelf_id: Mapped[int] = mapped_column(ForeignKey("shelves.id"))
    shelf: Mapped[Shelf] = relationship()
    seen: ClassVar[list[Any]] = []

    @validates("shelf")
    def _check_shelf(self, key: str, shelf: Shelf) -> Shelf:
        Slot.seen.append(shelf)
        return shelf


class Bin(_Base):
    __tablename__ = "bins"
    id: Mapped[int] = mapped_column(primary_key=True)
    shelf_id: Mapped[int] = mapped_column(ForeignKey("shelves.id"))
    shelf: Mapped[Shelf] = relationship()


@pytest.fixture
def memory_session() -> Any:
    engine = create_engine("sqlite://")
    _Base.metadata.create_all(engine)
    with Session(engine) as opened:
        yield opened
    engine.dispose()


def test_a_parent_deleting_its_orphans_keeps_its_children(memory_session: Session) -> None:
    forge = Forge(seed=29)
    authors = forge.create_batch(Author, count=2, session=memory_session)
    books = forge.create_batch(Book, count=6, session=memory_session)  # no orphan error at flush
    assert all(book in book.author.books for book in books)
    memory_session.delete(authors[0])
    memory_session.flush()
    left = memory_session.scalars(select(Book.author_id)).all()
    assert left == [authors[1].id] * len(left)


def test_validators_and_listeners_on_the_relationship_still_run(memory_session: Session) -> None:
    forge = Forge(seed=30)
    shelves = forge.create_batch(Shelf, count=2, session=memory_session)
    Slot.seen.clear()
    slots = forge.create_batch(Slot, count=5, session=memory_session)
    assert Slot.seen == [slot.shelf for slot in slots]
    assert set(Slot.seen) <= set(shelves)
    heard: list[Any] = []

    def hear(target: Any, value: Any, old: Any, initiator: Any) -> None:
        heard.append(value)

    forge.create_batch(Bin, count=2, session=memory_session)  # described before the listener comes
    event.listen(Bin.shelf, "set", hear)
    try:
        bins = forge.create_batch(Bin, count=4, session=memory_session)
    finally:
        event.remove(Bin.shelf, "set", hear)
    assert heard == [b.shelf for b in bins]


def test_parents_are_the_rows_in_the_database_whether_the_session_holds_them_or_not(
    database: Database, session: Session
) -> None:
    url, schema = database
    engine = create_engine(url)
    with Session(engine) as other:  # rows another session committed: this session holds none of them
        stored = Forge(seed=31).create_batch(schema.Customer, count=3, session=other)
        other.commit()
        stored_ids = {c.id for c in stored}
    engine.dispose()  # (the committed rows go with the test's tables)
    held = Forge(seed=32).create(schema.Customer, session=session)  # one the session holds
    orders = Forge(seed=33).create_batch(schema.Order, count=30, session=session)
    parents = {o.customer_id for o in orders}
    assert parents <= stored_ids | {held.id}
    assert parents & stored_ids  # read from the database, not only from the session
    assert all(o.customer.id == o.customer_id for o in orders)


class Staff(_Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(30))
    __mapper_args__: ClassVar[dict[str, Any]] = {"polymorphic_on": "kind", "polymorphic_identity": "staff"}


class Manager(Staff):
    __mapper_args__: ClassVar[dict[str, Any]] = {"polymorphic_identity": "manager"}


class Engineer(Staff):
    __mapper_args__: ClassVar[dict[str, Any]] = {"polymorphic_identity": "engineer"}


def test_stored_parents_of_a_single_table_subclass_are_of_that_subclass(memory_session: Session) -> None:
    from pytest_forge.sqlalchemy.session import SessionPersistence

    forge = Forge(seed=34)
    engineers = forge.create_batch(Engineer, count=3, session=memory_session)
    managers = forge.create_batch(Manager, count=2, session=memory_session)
    assert SessionPersistence().rows(Manager, memory_session, None) == managers
    assert SessionPersistence().rows(Engineer, memory_session, 2) == engineers[:2]
    assert len(SessionPersistence().rows(Staff, memory_session, None)) == 5


def test_a_batch_larger_than_one_flush_is_saved_whole(database: Database, session: Session) -> None:
    from pytest_forge.sqlalchemy.session import FLUSH_ROWS

    _, schema = database
    forge = Forge(seed=35)
    orders = forge.create_batch(schema.Order, count=5, session=session)
    lines = forge.create_batch(schema.OrderLine, count=2 * FLUSH_ROWS + 7, session=session)
    assert all(line.id is not None for line in lines)
    assert session.scalar(select(func.count()).select_from(schema.OrderLine)) == len(lines)
    assert all(line.order in orders and line.order_id == line.order.id for line in lines)
    assert sum(len(order.lines) for order in orders) == len(lines)
