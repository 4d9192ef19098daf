"""Example models for the README's quick start and the example test suite."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, EmailStr, Field

from pytest_forge import ForeignKey


class Plan(enum.StrEnum):
    FREE = "free"
    PRO = "pro"
    TEAM = "team"


class User(BaseModel):
    id: int
    name: str
    email: EmailStr
    phone: str
    city: str
    age: int = Field(ge=18, le=99)
    plan: Plan
    status: Literal["active", "inactive"]
    bio: str = Field(max_length=160)
    tags: list[str] = Field(max_length=3)


class Customer(BaseModel):
    id: int
    name: str
    email: EmailStr
    company_name: str


class Order(BaseModel):
    id: int
    customer_id: Annotated[int, ForeignKey(Customer)]
    total: Decimal = Field(max_digits=10, decimal_places=2, gt=0)
    placed_at: dt.datetime
    notes: str | None = None


class Review(BaseModel):
    id: int
    order_id: Annotated[int, ForeignKey(Order)]
    rating: int = Field(ge=1, le=5)
    review: str = Field(min_length=20, max_length=400)
