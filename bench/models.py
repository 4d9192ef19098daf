"""The benchmark's models: the User and Order of the core-engine issue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, EmailStr, Field


class User(BaseModel):
    id: int
    name: str
    email: EmailStr
    phone: str
    address: str
    birth_date: dt.date
    age: int = Field(ge=18, le=99)
    status: Literal["active", "inactive", "banned"]
    created_at: dt.datetime
    bio: str
    tags: list[str]


class Item(BaseModel):
    sku: str = Field(max_length=12)
    qty: int = Field(ge=1, le=10)
    price: Decimal = Field(max_digits=8, decimal_places=2, gt=0)


class Order(BaseModel):
    id: int
    total: Decimal = Field(max_digits=10, decimal_places=2, ge=0)
    items: list[Item] = Field(min_length=1, max_length=5)
