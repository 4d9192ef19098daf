"""Models of the coverage, invalid and strategy tests."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, model_validator


class Status(enum.Enum):
    NEW = "new"
    PAID = "paid"
    SHIPPED = "shipped"
    CANCELLED = "cancelled"


class Tag(enum.Enum):
    GIFT = "gift"
    FRAGILE = "fragile"
    EXPRESS = "express"
    BULK = "bulk"
    RETURN = "return"
    SAMPLE = "sample"


class Order(BaseModel):
    status: Status
    channel: Literal["web", "app", "phone"]
    quantity: int = Field(ge=1, le=100)
    price: float = Field(gt=0, le=10_000)
    discount: int = Field(ge=0, le=50, multiple_of=5)
    ref: int | str
    note: str | None = Field(default=None, max_length=200)
    coupon: str | None
    tags: list[Tag]
    paid: bool


class Window(BaseModel):
    """A cross-field validator: polyfactory's coverage() raises on it."""

    start: int = Field(ge=0, le=10)
    end: int = Field(ge=0, le=10)
    amount: Decimal = Field(gt=0, le=Decimal("99.99"), decimal_places=2)
    code: str = Field(pattern=r"^[A-Z]{3}$")
    label: str = Field(min_length=2, max_length=8)

    @model_validator(mode="after")
    def ordered(self) -> Window:
        if self.end < self.start:
            raise ValueError("end before start")
        return self
