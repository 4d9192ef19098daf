"""A small shop: customers, orders pointing at them, products with tags, every column type Parquet has."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, EmailStr, Field

from pytest_forge import ForeignKey, Unique


class Tier(enum.Enum):
    FREE = "free"
    GOLD = "gold"
    PLATINUM = "platinum"


class Address(BaseModel):
    street: str
    city: str
    postcode: str = Field(max_length=10)


class Customer(BaseModel):
    id: int
    email: EmailStr
    username: str = Field(max_length=24)
    name: str
    tier: Tier
    joined: AwareDatetime
    first_order: dt.date | None = None
    address: Address


class Product(BaseModel):
    id: int
    slug: Annotated[str, Unique()]
    title: str
    price: Decimal = Field(max_digits=8, decimal_places=2, ge=0)
    tags: list[str] = Field(max_length=4)
    status: Literal["draft", "live"]


class Order(BaseModel):
    id: int
    customer_id: Annotated[int, ForeignKey(Customer)]
    product_ids: Annotated[list[int], ForeignKey(Product)] = Field(min_length=1, max_length=3)
    total: Decimal = Field(max_digits=10, decimal_places=2, ge=0)
    placed: AwareDatetime
    note: str | None = None
    weight_kg: float = Field(ge=0, le=100)
    gift: bool


class Employee(BaseModel):
    id: int = Field(ge=1000)
    manager_id: Annotated[int | None, ForeignKey("Employee")] = None
    login: str


class Invoice(BaseModel):
    id: int
    customer_id: Annotated[int, ForeignKey(Customer)]
    amount: Decimal = Field(max_digits=10, decimal_places=2, ge=0)
    issued: AwareDatetime
    paid: bool
