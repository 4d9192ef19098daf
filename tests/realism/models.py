"""Models a new user writes for an e-commerce and SaaS app: what the realism suite reads whole."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, EmailStr, Field, field_validator

from pytest_forge import NotUnique


class Customer(BaseModel):
    first_name: str
    last_name: str
    full_name: str
    username: str
    email: EmailStr
    initials: str = Field(max_length=3)
    salutation: str
    job_title: str
    city: str
    bio: str


class Account(BaseModel):
    email: EmailStr
    username: str = Field(max_length=8)


class Mailing(BaseModel):
    email: Annotated[EmailStr, NotUnique]
    username: Annotated[str, NotUnique, Field(max_length=8)]


class Product(BaseModel):
    name: str
    category: str
    description: str
    price: Decimal = Field(max_digits=8, decimal_places=2, gt=0)


class Review(BaseModel):
    title: str
    rating: int = Field(ge=1, le=5)
    body: str


class Ticket(BaseModel):
    subject: str
    status: str
    priority: str
    severity: str
    opened_at: dt.datetime
    closed_at: dt.datetime


class Order(BaseModel):
    status: str
    currency: str
    country: str = Field(max_length=2)
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None


class Place(BaseModel):
    country: str = Field(max_length=2)
    country3: str = Field(min_length=3, max_length=3)
    country_code: str
    currency: str
    language: str = Field(max_length=2)


class Stay(BaseModel):
    check_in: dt.date
    check_out: dt.date
    valid_from: dt.date
    valid_until: dt.date
    start_date: dt.date
    end_date: dt.date

    @field_validator("check_out")
    @classmethod
    def leaves_after_arriving(cls, value: dt.date, info: object) -> dt.date:
        if value < info.data["check_in"]:  # type: ignore[attr-defined]
            raise ValueError("check_out before check_in")
        return value


class Widget(BaseModel):
    flange: str
    sprocket: str
    gizmo_blob: str | None
