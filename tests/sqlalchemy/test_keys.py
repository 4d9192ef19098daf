"""Foreign keys beyond relationships: composite keys, key columns alone, joined-table inheritance,
association proxies, and attributes over columns named otherwise — in memory and saved."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from pytest_forge import Forge, UsageError
from tests.sqlalchemy.keys_schema import keys_schema


@pytest.fixture
def schema() -> SimpleNamespace:
    return keys_schema()


def test_a_composite_foreign_key_holds_one_parents_key_tuple_in_memory(schema: SimpleNamespace) -> None:
    forge = Forge(seed=3)
    warehouses = forge.create_batch(schema.Warehouse, count=4)
    keys = {(w.region, w.code) for w in warehouses}
    bins = forge.create_batch(schema.Bin, count=30)
    assert {(b.wh_region, b.wh_code) for b in bins} <= keys


def test_a_key_column_without_relationship_holds_its_known_parents_key_in_memory(
    schema: SimpleNamespace,
) -> None:
    forge = Forge(seed=3)
    forge.create(schema.Author, id=41)
    books = forge.create_batch(schema.Book, count=5)
    assert {b.author_id for b in books} == {41}


def test_a_key_column_accepts_a_plain_key_or_a_parent_as_override(schema: SimpleNamespace) -> None:
    forge = Forge(seed=3)
    author = forge.create(schema.Author, id=7)
    assert forge.create(schema.Book, author_id=5).author_id == 5
    assert forge.create(schema.Book, author_id=author).author_id == 7


def test_a_relationship_copies_a_known_parent_key_into_its_column_in_memory() -> None:
    from tests.sqlalchemy.schema import shop_schema

    shop = shop_schema()
    forge = Forge(seed=3)
    customer = forge.create(shop.Customer, id=12)
    order = forge.create(shop.Order, customer=customer)
    assert order.customer_id == 12
    assert forge.create(shop.Order).customer_id in (None, 12)  # new parents have no key before a flush


def test_joined_inheritance_saves_parent_and_child_rows_with_both_tables_checks(
    keys_database: tuple[str, SimpleNamespace], keys_session: Session
) -> None:
    schema = keys_database[1]
    engineers = Forge(seed=5).create_batch(schema.Engineer, count=20, session=keys_session)
    employees = schema.Employee.__table__
    rows = keys_session.execute(
        select(employees.c.id, employees.c.kind, employees.c.name).where(
            employees.c.id.in_([e.id for e in engineers])
        )
    ).all()
    assert len(rows) == 20
    assert {row.kind for row in rows} == {"engineer"}
    assert all(len(row.name) >= 3 for row in rows)
    levels = keys_session.scalars(select(schema.Engineer.__table__.c.level)).all()
    assert len(levels) == 20
    assert all(1 <= level <= 5 for level in levels)


def test_composite_and_plain_key_columns_point_at_saved_parents(
    keys_database: tuple[str, SimpleNamespace], keys_session: Session
) -> None:
    schema = keys_database[1]
    forge = Forge(seed=6)
    forge.create_batch(schema.Bin, count=15, session=keys_session)
    forge.create_batch(schema.Book, count=15, session=keys_session)
    bins, warehouses = schema.Bin.__table__, schema.Warehouse.__table__
    joined = select(func.count()).select_from(
        bins.join(
            warehouses, (bins.c.wh_region == warehouses.c.region) & (bins.c.wh_code == warehouses.c.code)
        )
    )
    assert keys_session.scalar(joined) == 15
    books, authors = schema.Book.__table__, schema.Author.__table__
    assert keys_session.scalar(select(func.count()).select_from(books.join(authors))) == 15


def test_a_primary_key_made_of_a_composite_foreign_key_gets_a_parent_per_row(
    keys_database: tuple[str, SimpleNamespace], keys_session: Session
) -> None:
    schema = keys_database[1]
    forge = Forge(seed=9)
    forge.create_batch(schema.Warehouse, count=3, session=keys_session)
    placements = forge.create_batch(schema.Placement, count=12, session=keys_session)
    assert len({(p.wh_region, p.wh_code) for p in placements}) == 12
    table = schema.Placement.__table__
    assert keys_session.scalar(select(func.count()).select_from(table)) == 12


def test_in_memory_parents_of_key_columns_are_saved_first_when_a_session_is_given(
    keys_database: tuple[str, SimpleNamespace], keys_session: Session
) -> None:
    schema = keys_database[1]
    forge = Forge(seed=8)
    built = forge.create(schema.Author)  # in memory: its key is the database's to assign
    assert built.id is None
    book = forge.create(schema.Book, session=keys_session)
    assert book.author_id is not None
    assert keys_session.get(schema.Author, book.author_id) is not None


def test_an_association_proxy_is_left_alone_and_works(schema: SimpleNamespace) -> None:
    forge = Forge(seed=3)
    book = forge.create(schema.Book)
    assert list(book.keywords) == []
    keyword = forge.create(schema.Keyword, book=book)
    assert book.keywords == [keyword.word]


def test_an_attribute_over_a_column_of_another_name_takes_either_name(schema: SimpleNamespace) -> None:
    forge = Forge(seed=3)
    assert forge.create(schema.Book, title="Dune").title_text == "Dune"
    assert forge.create(schema.Book, title_text="Emma").title_text == "Emma"
    with pytest.raises(UsageError, match=r"given twice, as title_text= and as title="):
        forge.create(schema.Book, title_text="Emma", title="Dune")


def test_a_name_that_is_one_fields_attribute_and_anothers_column_is_refused(schema: SimpleNamespace) -> None:
    forge = Forge(seed=3)
    with pytest.raises(
        UsageError, match=r"'a' is both the field a and the column of the field b; pass b=\.\.\."
    ):
        forge.create(schema.Swapped, a="x")


def test_unique_values_are_looked_up_per_batch_without_reading_the_table(
    keys_database: tuple[str, SimpleNamespace], keys_session: Session
) -> None:
    schema = keys_database[1]
    table = schema.Code.__table__
    keys_session.execute(table.insert(), [{"value": n} for n in range(1, 46)])
    statements: list[str] = []
    engine = keys_session.get_bind()

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        made = Forge(seed=4).create_batch(schema.Code, count=5, session=keys_session)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert sorted(c.value for c in made) == [46, 47, 48, 49, 50]
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT") and table.name in s]
    assert reads
    assert all(" IN " in s.upper() or "MAX(" in s.upper() for s in reads), reads


def test_integer_keys_the_rows_bring_continue_after_the_stored_ones(
    keys_database: tuple[str, SimpleNamespace], keys_session: Session
) -> None:
    schema = keys_database[1]
    keys_session.execute(
        schema.Warehouse.__table__.insert(), [{"region": "north", "code": 900, "label": "old"}]
    )
    made = Forge(seed=4).create_batch(schema.Warehouse, count=3, session=keys_session, region="north")
    assert all(w.code > 900 for w in made)
    assert keys_session.scalar(text(f"SELECT count(*) FROM {schema.Warehouse.__tablename__}")) == 4
