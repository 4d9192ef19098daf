"""Models used by the engine tests: every kind of pydantic v2 field we promise to fill."""

from __future__ import annotations

import datetime as dt
import enum
import ipaddress
import pathlib
import uuid
from collections.abc import Callable, Hashable, Mapping, Sequence
from decimal import Decimal
from typing import Annotated, Any, Generic, Literal, NamedTuple, TypeVar

import annotated_types as at
from pydantic import (
    UUID1,
    UUID3,
    UUID4,
    UUID5,
    AliasChoices,
    AliasPath,
    AnyUrl,
    AwareDatetime,
    Base64Bytes,
    Base64Str,
    BaseModel,
    ByteSize,
    ConfigDict,
    Discriminator,
    EmailStr,
    Field,
    FutureDate,
    HttpUrl,
    IPvAnyAddress,
    IPvAnyNetwork,
    Json,
    NaiveDatetime,
    NameEmail,
    PastDate,
    RootModel,
    SecretBytes,
    SecretStr,
    Tag,
    condecimal,
    confloat,
    conint,
    conlist,
    constr,
)
from typing_extensions import TypeAliasType


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Mood(enum.StrEnum):
    CALM = "calm"
    ANGRY = "angry"


class Scalars(BaseModel):
    i: int
    f: float
    b: bool
    s: str
    raw: bytes
    price: Decimal = Field(max_digits=6, decimal_places=2)
    when: dt.datetime
    day: dt.date
    at_time: dt.time
    span: dt.timedelta
    uid: uuid.UUID


class Temporal(BaseModel):
    aware: AwareDatetime
    naive: NaiveDatetime
    past: PastDate
    future: FutureDate
    bounded: dt.date = Field(ge=dt.date(2020, 1, 1), le=dt.date(2020, 12, 31))


class Identifiers(BaseModel):
    u1: UUID1
    u3: UUID3
    u4: UUID4
    u5: UUID5


class Choices(BaseModel):
    color: Color
    level: Level
    mood: Mood
    status: Literal["active", "banned", 3]
    maybe: int | None
    either: int | str


class Cat(BaseModel):
    pet_type: Literal["cat"]
    meows: int


class Dog(BaseModel):
    pet_type: Literal["dog"]
    barks: float


def pet_tag(value: Any) -> str:
    kind = value.get("pet_type") if isinstance(value, dict) else getattr(value, "pet_type", None)
    return str(kind)


class Owner(BaseModel):
    pet: Cat | Dog = Field(discriminator="pet_type")
    tagged: Annotated[Annotated[Cat, Tag("cat")] | Annotated[Dog, Tag("dog")], Discriminator(pet_tag)]


class Node(BaseModel):
    name: str
    children: list[Node] = []
    parent: Node | None = None


T = TypeVar("T")
N = TypeVar("N", bound=int)


class Box(BaseModel, Generic[T]):
    item: T
    items: list[T]


class Bounded(BaseModel, Generic[N]):
    value: N


class Collections(BaseModel):
    names: list[str] = Field(min_length=2, max_length=4)
    unique: set[int]
    frozen: frozenset[Color]
    pair: tuple[int, str]
    many: tuple[float, ...]
    scores: dict[str, int]
    seq: Sequence[int]
    mapping: Mapping[str, bool]
    fixed: conlist(int, min_length=3, max_length=3)


class Constrained(BaseModel):
    small: conint(ge=10, le=12)
    even: int = Field(multiple_of=2, gt=100, lt=110)
    ratio: confloat(gt=0, lt=1)
    amount: condecimal(max_digits=5, decimal_places=2, ge=Decimal("1.00"))
    code: constr(pattern=r"^[A-Z]{3}-\d{4}$")
    short: str = Field(min_length=3, max_length=5)
    lowered: constr(to_lower=True, max_length=8)
    strict_len: Annotated[str, at.Len(4, 4)]
    odd: Annotated[int, at.Predicate(lambda v: v % 2 == 1)]


class Formats(BaseModel):
    email: EmailStr
    contact: NameEmail
    site: HttpUrl
    anything: AnyUrl
    ip: IPvAnyAddress
    net: IPvAnyNetwork
    v4: ipaddress.IPv4Address
    v6: ipaddress.IPv6Network
    token: SecretStr
    blob: SecretBytes
    path: pathlib.Path
    size: ByteSize
    payload_json: Json[list[int]]


class Aliased(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="forbid", frozen=True)

    full: str = Field(alias="fullName")
    deep: int = Field(validation_alias=AliasPath("outer", "inner"))
    choice: str = Field(validation_alias=AliasChoices("first_choice", "second_choice"))


class StrictModel(BaseModel):
    model_config = ConfigDict(strict=True)

    count: int
    ratio: float
    day: dt.date
    color: Color
    uid: uuid.UUID
    tags: list[str]


class Defaults(BaseModel):
    plain: int = 5
    made: list[str] = Field(default_factory=list)
    anything: Any = None


IntList = TypeAliasType("IntList", list[int])
Pair = TypeAliasType("Pair", tuple[T, T], type_params=(T,))


class Aliases(BaseModel):
    numbers: IntList
    pair: Pair[str]


class Forward(BaseModel):
    later: Later


class Later(BaseModel):
    value: int


Forward.model_rebuild()


class User(BaseModel):
    id: int
    first_name: str
    last_name: str
    name: str = Field(max_length=5)
    email: EmailStr
    city: str
    capacity: int
    product_name: str
    bio: str = Field(max_length=200)


class Pair2(NamedTuple):
    left: int
    right: str


class Oddities(BaseModel):
    bare_list: list
    bare_dict: dict
    bare_tuple: tuple
    bare_set: frozenset
    named: Pair2
    hashable: Hashable
    number: complex
    encoded: Base64Str
    encoded_bytes: Base64Bytes
    callback: Callable[[int], str]


class Scores(RootModel[list[int]]):
    pass
