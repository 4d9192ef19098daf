"""Joined-table inheritance, composite and relationship-less foreign keys, association proxies and
attributes over columns of another name, built per table-name prefix (see ``schema.py``)."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import CheckConstraint, ForeignKey, ForeignKeyConstraint, Integer, String
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def keys_schema(prefix: str = "") -> SimpleNamespace:
    """Fresh mapped classes over tables named ``<prefix>employees`` and so on."""

    class Base(DeclarativeBase):
        pass

    class Employee(Base):
        __tablename__ = f"{prefix}employees"
        __table_args__ = (CheckConstraint("length(name) >= 3", name=f"{prefix}ck_name"),)
        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str] = mapped_column(String(40))
        kind: Mapped[str] = mapped_column(String(20))
        __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "employee"}  # noqa: RUF012

    class Engineer(Employee):
        __tablename__ = f"{prefix}engineers"
        __table_args__ = (CheckConstraint("level BETWEEN 1 AND 5", name=f"{prefix}ck_level"),)
        id: Mapped[int] = mapped_column(ForeignKey(f"{prefix}employees.id"), primary_key=True)
        level: Mapped[int] = mapped_column(Integer)
        badge: Mapped[str] = mapped_column(String(12), unique=True)
        __mapper_args__ = {"polymorphic_identity": "engineer"}  # noqa: RUF012

    class Warehouse(Base):
        __tablename__ = f"{prefix}warehouses"
        region: Mapped[str] = mapped_column(String(8), primary_key=True)
        code: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
        label: Mapped[str] = mapped_column(String(30))

    class Bin(Base):
        """A composite foreign key and no relationship."""

        __tablename__ = f"{prefix}bins"
        __table_args__ = (
            ForeignKeyConstraint(
                ["wh_region", "wh_code"], [f"{prefix}warehouses.region", f"{prefix}warehouses.code"]
            ),
        )
        id: Mapped[int] = mapped_column(primary_key=True)
        wh_region: Mapped[str] = mapped_column(String(8))
        wh_code: Mapped[int] = mapped_column(Integer)

    class Placement(Base):
        """Its primary key is a composite foreign key: one placement per warehouse."""

        __tablename__ = f"{prefix}placements"
        __table_args__ = (
            ForeignKeyConstraint(
                ["wh_region", "wh_code"], [f"{prefix}warehouses.region", f"{prefix}warehouses.code"]
            ),
        )
        wh_region: Mapped[str] = mapped_column(String(8), primary_key=True)
        wh_code: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
        note: Mapped[str] = mapped_column(String(30))

    class Author(Base):
        __tablename__ = f"{prefix}authors"
        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str] = mapped_column(String(40))

    class Book(Base):
        """A foreign-key column without a relationship, an attribute over a column named otherwise,
        and an association proxy."""

        __tablename__ = f"{prefix}books"
        id: Mapped[int] = mapped_column(primary_key=True)
        author_id: Mapped[int] = mapped_column(ForeignKey(f"{prefix}authors.id"))
        title_text: Mapped[str] = mapped_column("title", String(60))
        keyword_rows: Mapped[list[Keyword]] = relationship(back_populates="book")
        keywords: AssociationProxy[list[str]] = association_proxy("keyword_rows", "word")

    class Keyword(Base):
        __tablename__ = f"{prefix}keywords"
        id: Mapped[int] = mapped_column(primary_key=True)
        word: Mapped[str] = mapped_column(String(20))
        book_id: Mapped[int] = mapped_column(ForeignKey(f"{prefix}books.id"))
        book: Mapped[Book] = relationship(back_populates="keyword_rows")

    class Swapped(Base):
        """Attribute ``a`` over column ``b`` and attribute ``b`` over column ``a``: ``a=`` is ambiguous."""

        __tablename__ = f"{prefix}swapped"
        id: Mapped[int] = mapped_column(primary_key=True)
        a: Mapped[str] = mapped_column("b", String(10))
        b: Mapped[str] = mapped_column("a", String(10))

    class Code(Base):
        """A unique column with 50 possible values."""

        __tablename__ = f"{prefix}codes"
        __table_args__ = (CheckConstraint("value BETWEEN 1 AND 50", name=f"{prefix}ck_value"),)
        id: Mapped[int] = mapped_column(primary_key=True)
        value: Mapped[int] = mapped_column(Integer, unique=True)

    names = dict(locals())
    return SimpleNamespace(**{k: v for k, v in names.items() if isinstance(v, type)})


keys = keys_schema()
Engineer = keys.Engineer
Bin = keys.Bin
Book = keys.Book
Warehouse = keys.Warehouse
