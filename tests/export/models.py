"""Models and hostile records for the export tests (made by hand, so every edge is there on purpose)."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, Field

from pytest_forge import ForeignKey


class Status(enum.Enum):
    ACTIVE = "active"
    BANNED = "banned"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Address(BaseModel):
    street: str
    city: str
    zip: str | None = None


class Account(BaseModel):
    id: int
    order: str  # a reserved word in every dialect
    select: str | None = None
    status: Status
    level: Level
    balance: Decimal
    price: Decimal = Field(max_digits=10, decimal_places=2)
    ratio: float | None = None
    created: dt.datetime
    seen: AwareDatetime
    birthday: dt.date
    ref: uuid.UUID
    tags: list[str]
    address: Address
    history: list[Address]
    flags: dict[str, int]
    active: bool


class Customer(BaseModel):
    id: int
    name: str


class Purchase(BaseModel):
    id: int
    customer_id: Annotated[int, ForeignKey(Customer)]
    total: Decimal = Field(max_digits=10, decimal_places=2, ge=0)


class Gift(BaseModel):
    """Many-to-many as a list of keys: one JSON column, which no database can give a foreign key."""

    id: int
    customer_ids: Annotated[list[int], ForeignKey(Customer)]


HOSTILE_TEXTS = [
    'O\'Brien said "hi"',
    "back\\slash at the end \\",
    "\\' escaped quote attempt \\\\'",
    "line one\nline two\r\nline three\ttabbed",
    "Zürich, 東京, Καλημέρα, עברית",
    "emoji 😀 family 👩‍👩‍👧 flag 🇯🇵",
    "'); DROP TABLE account; --",
    "%s %% %(name)s ? :1 $1",
    "ctrl-z \x1a and bell \x07",
    "  leading and trailing spaces  ",
    "",
    "x" * 100_000,
]


def hostile_accounts() -> list[Account]:
    """One account per hostile string, with NULLs, zones, Decimals and nesting around it."""
    zones = [dt.UTC, dt.timezone(dt.timedelta(hours=5, minutes=30)), dt.timezone(dt.timedelta(hours=-8))]
    balances = [Decimal("0.1"), Decimal("-12345678901234567890.123456789"), Decimal("1000"), Decimal("0")]
    accounts = []
    for i, text in enumerate(HOSTILE_TEXTS, start=1):
        accounts.append(
            Account(
                id=i,
                order=text,
                select=None if i % 3 == 0 or not text else text[:50],  # CSV cannot tell "" from None
                status=Status.BANNED if i % 2 else Status.ACTIVE,
                level=Level.HIGH if i % 2 else Level.LOW,
                balance=balances[i % len(balances)],
                price=Decimal("12.30"),
                ratio=[0.1, float("nan"), None, 1e300, float("inf"), -2.5][i % 6],
                created=dt.datetime(1999, 12, 31, 23, 59, 59, 123456) + dt.timedelta(days=i),
                seen=dt.datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=zones[i % len(zones)]),
                birthday=dt.date(1970, 1, 1) + dt.timedelta(days=400 * i),
                ref=uuid.UUID(int=i * 0x1234567890ABCDEF),
                tags=[text[:20], "plain"] if i % 2 else [],
                address=Address(street=text[:40] or "x", city="Zürich", zip=None if i % 2 else "8001"),
                history=[Address(street="a'b\"c\\d", city="東京")] * (i % 3),
                flags={"weight": i, text[:10] or "empty": -i},
                active=bool(i % 2),
            )
        )
    return accounts


def expected(records: list[BaseModel]) -> list[BaseModel]:
    """What a perfect round trip gives back: what pydantic reads from its own JSON (NaN/inf are null)."""
    return [type(r).model_validate_json(r.model_dump_json()) for r in records]


class Member(BaseModel):
    """A model the engine fills (the stream tests generate rather than hand-build)."""

    id: int
    name: str
    email: str
    joined: dt.datetime
    score: float
    balance: Decimal = Field(max_digits=8, decimal_places=2)
    tags: list[str]
    address: Address
