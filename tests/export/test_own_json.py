"""msgspec Structs and attrs classes export like pydantic models (pydantic cannot serialize them itself)."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path

import attrs
import msgspec

from pytest_forge import DataExporter, Forge


class Item(msgspec.Struct):
    id: int
    name: str
    when: dt.datetime
    tags: list[str]
    blob: bytes


@attrs.define
class Thing:
    id: int
    label: str
    payload: bytes
    seen: dt.date


def test_msgspec_structs_round_trip_through_json_lines(tmp_path: Path):
    items = Forge(seed=1).create_batch(Item, count=5)
    path = tmp_path / "items.jsonl"
    assert DataExporter.to_jsonl(items, path) == 5
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [msgspec.json.decode(line, type=Item) for line in lines] == items


def test_attrs_records_round_trip_through_json_with_base64_bytes(tmp_path: Path):
    things = Forge(seed=2).create_batch(Thing, count=5)
    path = tmp_path / "things.json"
    assert DataExporter.to_json(things, path) == 5
    rows = json.loads(path.read_text(encoding="utf-8"))
    back = [
        Thing(r["id"], r["label"], base64.b64decode(r["payload"]), dt.date.fromisoformat(r["seen"]))
        for r in rows
    ]
    assert back == things


def test_both_kinds_load_into_sqlite_and_csv(tmp_path: Path):
    forge = Forge(seed=3)
    items, things = forge.create_batch(Item, count=4), forge.create_batch(Thing, count=4)
    db = tmp_path / "out.db"
    DataExporter.to_database({"item": items, "thing": things}, f"sqlite:///{db}")
    with sqlite3.connect(db) as connection:
        names = [row[0] for row in connection.execute("SELECT name FROM item ORDER BY id")]
        labels = [row[0] for row in connection.execute("SELECT label FROM thing ORDER BY id")]
    assert names == [i.name for i in items]
    assert labels == [t.label for t in things]
    DataExporter.to_csv(things, tmp_path / "things.csv")
    with (tmp_path / "things.csv").open(encoding="utf-8", newline="") as handle:
        assert [row["label"] for row in csv.DictReader(handle)] == [t.label for t in things]
