"""Models the partition benchmark generates (a module of its own, so worker processes can import it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, EmailStr, Field

from pytest_forge import ForeignKey


class Customer(BaseModel):
    id: int
    email: EmailStr
    name: str
    city: str
    joined: AwareDatetime


class Order(BaseModel):
    id: int
    customer_id: Annotated[int, ForeignKey(Customer)]
    total: Decimal = Field(max_digits=10, decimal_places=2, ge=0)
    placed: dt.date
    status: str = Field(max_length=12)
    gift: bool
