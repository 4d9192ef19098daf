"""Module-level mapped classes for ``forge load tests.sqlalchemy.cli_models:Order:20``."""

from __future__ import annotations

from sqlalchemy import Index, String, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from tests.sqlalchemy.schema import shop

Customer = shop.Customer
Order = shop.Order
OrderLine = shop.OrderLine
Tag = shop.Tag


class Base(DeclarativeBase):
    pass


class Note(Base):
    """Its functional index uses a function SQLite does not have: reported, not fatal."""

    __tablename__ = "notes"
    __table_args__ = (Index("ix_notes_fancy", text("no_such_function(body)")),)
    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(100))
