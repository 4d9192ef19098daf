"""A shop schema in SQLAlchemy 2.0 declarative style, built per table-name prefix.

Database tests on a shared PostgreSQL/MariaDB server use their own prefix, so runs of
other test suites (and xdist workers) never meet the same tables.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import uuid
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Table,
    TypeDecorator,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Status(enum.Enum):
    new = "new"
    paid = "paid"
    shipped = "shipped"


class LowerText(TypeDecorator[str]):
    """Stored lower-case; read through its impl (String(30))."""

    impl = String(30)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        return value.lower() if value is not None else None


def shop_schema(prefix: str = "") -> SimpleNamespace:
    """Fresh mapped classes over tables named ``<prefix>customers`` and so on."""

    class Base(DeclarativeBase):
        pass

    order_tags = Table(
        f"{prefix}order_tags",
        Base.metadata,
        Column("order_id", ForeignKey(f"{prefix}orders.id"), primary_key=True),
        Column("tag_id", ForeignKey(f"{prefix}tags.id"), primary_key=True),
    )

    class Customer(Base):
        __tablename__ = f"{prefix}customers"
        id: Mapped[int] = mapped_column(primary_key=True)
        email: Mapped[str] = mapped_column(String(80), unique=True)
        name: Mapped[str] = mapped_column(String(40))
        nickname: Mapped[str | None] = mapped_column(LowerText)
        joined_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
        orders: Mapped[list[Order]] = relationship(back_populates="customer")
        profile: Mapped[Profile | None] = relationship(back_populates="customer")

    class Profile(Base):
        __tablename__ = f"{prefix}profiles"
        id: Mapped[int] = mapped_column(primary_key=True)
        bio: Mapped[str] = mapped_column(String(200))
        customer_id: Mapped[int] = mapped_column(ForeignKey(f"{prefix}customers.id"), unique=True)
        customer: Mapped[Customer] = relationship(back_populates="profile")

    class Tag(Base):
        __tablename__ = f"{prefix}tags"
        id: Mapped[int] = mapped_column(primary_key=True)
        label: Mapped[str] = mapped_column(String(20), unique=True)

    class Order(Base):
        __tablename__ = f"{prefix}orders"
        __table_args__ = (
            CheckConstraint("total > 0 AND total <= 1000", name=f"{prefix}ck_total"),
            CheckConstraint("qty BETWEEN 1 AND 10", name=f"{prefix}ck_qty"),
            CheckConstraint("discount < total OR discount IS NULL", name=f"{prefix}ck_discount"),
            UniqueConstraint("customer_id", "number", name=f"{prefix}uq_number"),
        )
        id: Mapped[int] = mapped_column(primary_key=True)
        number: Mapped[int] = mapped_column(Integer)
        total: Mapped[decimal.Decimal] = mapped_column(Numeric(10, 2))
        discount: Mapped[decimal.Decimal | None] = mapped_column(Numeric(10, 2))
        qty: Mapped[int]
        status: Mapped[Status] = mapped_column(Enum(Status, name=f"{prefix}status"))
        meta: Mapped[dict[str, Any]] = mapped_column(JSON)
        ref: Mapped[uuid.UUID] = mapped_column(Uuid)
        placed_at: Mapped[dt.datetime] = mapped_column(DateTime)
        blob: Mapped[bytes | None] = mapped_column(LargeBinary(16))
        customer_id: Mapped[int] = mapped_column(ForeignKey(f"{prefix}customers.id"))
        customer: Mapped[Customer] = relationship(back_populates="orders")
        tags: Mapped[list[Tag]] = relationship(secondary=order_tags)
        lines: Mapped[list[OrderLine]] = relationship(back_populates="order")

    class OrderLine(Base):
        __tablename__ = f"{prefix}order_lines"
        __table_args__ = (CheckConstraint("quantity >= 1", name=f"{prefix}ck_quantity"),)
        id: Mapped[int] = mapped_column(primary_key=True)
        sku: Mapped[str] = mapped_column(String(12))
        quantity: Mapped[int]
        order_id: Mapped[int] = mapped_column(ForeignKey(f"{prefix}orders.id"))
        order: Mapped[Order] = relationship(back_populates="lines")

    class Node(Base):
        __tablename__ = f"{prefix}nodes"
        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str] = mapped_column(String(40))
        parent_id: Mapped[int | None] = mapped_column(ForeignKey(f"{prefix}nodes.id"))
        parent: Mapped[Node | None] = relationship(remote_side=[id], back_populates="children")
        children: Mapped[list[Node]] = relationship(back_populates="parent")

    names = dict(locals())
    return SimpleNamespace(**{k: v for k, v in names.items() if isinstance(v, type) or k == "order_tags"})


shop = shop_schema()
