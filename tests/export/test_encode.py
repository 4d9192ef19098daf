from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from decimal import Decimal

import pytest
from pydantic import BaseModel, ConfigDict

from pytest_forge import ExportError, ForgeError
from pytest_forge.export.encode import RecordEncoder, snake_case

from .models import Level, Status


class Sample(BaseModel):
    status: Status
    level: Level
    amount: Decimal
    at: dt.datetime
    ref: uuid.UUID
    ratio: float


def sample(**changes: object) -> Sample:
    values: dict[str, object] = {
        "status": Status.BANNED,
        "level": Level.HIGH,
        "amount": Decimal("1.10"),
        "at": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        "ref": uuid.UUID(int=7),
        "ratio": 0.5,
    }
    values.update(changes)
    return Sample.model_validate(values)


def test_encoding_matches_pydantics_own_model_dump_json():
    record = sample()
    assert RecordEncoder().json(record) == record.model_dump_json()


def test_enum_members_are_written_as_their_values():
    row = RecordEncoder().row(sample())
    assert (row["status"], row["level"]) == ("banned", 2)


def test_decimals_keep_every_digit_as_strings():
    row = RecordEncoder().row(sample(amount=Decimal("-12345678901234567890.123456789000")))
    assert row["amount"] == "-12345678901234567890.123456789000"


def test_aware_datetimes_keep_their_offset_in_iso_form():
    assert RecordEncoder().row(sample())["at"] == "2024-01-02T03:04:05+02:00"


def test_uuids_are_written_as_text():
    assert RecordEncoder().row(sample())["ref"] == "00000000-0000-0000-0000-000000000007"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinity_become_null(value):
    assert RecordEncoder().row(sample(ratio=value))["ratio"] is None


def test_a_model_asking_for_nan_constants_still_gets_valid_json():
    class Loose(BaseModel):
        model_config = ConfigDict(ser_json_inf_nan="constants")
        ratio: float

    text = RecordEncoder().json(Loose(ratio=float("nan")))
    assert json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} is not JSON")) == {"ratio": None}


def test_fields_are_written_under_their_alias_so_the_model_reads_them_back():
    class Aliased(BaseModel):
        model_config = ConfigDict(alias_generator=lambda name: name.replace("_", "-"))
        full_name: str = "Ada"

    row = RecordEncoder().row(Aliased())
    assert Aliased.model_validate(row) == Aliased()
    assert "full-name" in row


def test_dataclass_records_encode_like_pydantic_would():
    @dataclasses.dataclass
    class Point:
        at: dt.date
        weight: Decimal

    assert RecordEncoder().row(Point(dt.date(2020, 2, 29), Decimal("0.10"))) == {
        "at": "2020-02-29",
        "weight": "0.10",
    }


def test_plain_dict_records_are_encoded_by_their_values():
    row = RecordEncoder().row({"status": Status.ACTIVE, "n": float("inf"), "d": Decimal("2.50")})
    assert row == {"status": "active", "n": None, "d": "2.50"}


def test_bytes_that_are_not_utf8_raise_an_export_error_naming_the_model():
    class Blob(BaseModel):
        data: bytes

    with pytest.raises(ExportError, match=r"Blob.*ser_json_bytes") as caught:
        RecordEncoder().json(Blob(data=b"\xff\xfe"))
    assert isinstance(caught.value, ForgeError)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("name", "table"),
    [("User", "user"), ("OrderItem", "order_item"), ("HTTPRequest", "http_request"), ("User2FA", "user2_fa")],
)
def test_snake_case_names_tables_after_models(name, table):
    assert snake_case(name) == table
