"""Models of the memory, coverage and strategy tests."""

from __future__ import annotations

import enum
from typing import Literal

from pydantic import BaseModel, Field


class AccountType(enum.Enum):
    STANDARD = "standard"
    RESTRICTED = "restricted"
    PREMIUM = "premium"


class User(BaseModel):
    name: str
    age: int = Field(ge=0, le=120)
    account_type: AccountType
    country: Literal["IL", "US", "DE"]
    bio: str


class Loan(BaseModel):
    amount: int = Field(gt=0, le=1_000_000)
    status: Literal["open", "closed"]
