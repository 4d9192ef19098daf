"""Models the command-line tests name as tests.cli.models:Model."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field

from pytest_forge import ForeignKey


class Customer(BaseModel):
    id: int
    name: str
    email: str


class Order(BaseModel):
    id: int
    customer_id: Annotated[int, ForeignKey(Customer)]
    total: Decimal = Field(max_digits=10, decimal_places=2, ge=0)
    placed_at: dt.datetime


class Patient(BaseModel):
    id: int
    ssn: str  # sensitive: refused unless the PII gate is open


class Probe(BaseModel):
    id: int
    sql_injection: str  # dangerous: refused unless the dangerous gate is open


NOT_A_MODEL = 42
