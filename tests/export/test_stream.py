from __future__ import annotations

import csv
import json
import os
import sqlite3
import uuid
import weakref
from pathlib import Path

import pytest
from pydantic import BaseModel

from pytest_forge import DataExporter, ExportError, Forge, ForgeError
from pytest_forge.errors import ArgumentError
from pytest_forge.export.stream import CHUNK_SIZE

from .models import Customer, Member, Purchase
from .roundtrip import rows_from_sqlite, run_script, validated

FORMATS = ["json", "jsonl", "csv", "sql", "db"]


def read_back(path: Path) -> list[Member]:
    """The records a stream file holds, read by each format's own reader."""
    suffix = path.suffix
    if suffix == ".json":
        rows = json.loads(path.read_text(encoding="utf-8"))
    elif suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    elif suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            rows = [
                {**row, "tags": json.loads(row["tags"]), "address": json.loads(row["address"])}
                for row in csv.DictReader(handle)
            ]
    else:
        database = path if suffix == ".db" else path.with_suffix(".loaded.db")
        if suffix == ".sql":
            run_script(f"sqlite:///{database}", path.read_text(encoding="utf-8"))
        rows = rows_from_sqlite(database, "member")
    return validated(Member, rows)  # type: ignore[return-value]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_stream_yields_count_records_and_the_file_holds_them_all(fmt: str, tmp_path: Path):
    target = tmp_path / f"members.{fmt}"
    yielded = list(Forge(seed=3).create_stream(Member, count=25, filename=target))
    assert len(yielded) == 25
    assert read_back(target) == yielded


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_stream_stopped_early_leaves_a_valid_file_with_exactly_the_records_yielded(
    fmt: str, tmp_path: Path
):
    target = tmp_path / f"members.{fmt}"
    stream = Forge(seed=3).create_stream(Member, count=5000, filename=target)
    taken = [next(stream) for _ in range(7)]
    stream.close()
    assert read_back(target) == taken


def test_nothing_is_written_until_the_stream_is_iterated(tmp_path: Path):
    Forge(seed=1).create_stream(Member, count=3, filename=tmp_path / "lazy.jsonl")
    assert os.listdir(tmp_path) == []


def test_an_unknown_suffix_is_an_export_error_before_any_file_exists(tmp_path: Path):
    with pytest.raises(ExportError, match=r"cannot tell the format of .*members\.xml") as caught:
        Forge(seed=1).create_stream(Member, count=3, filename=tmp_path / "members.xml")
    assert isinstance(caught.value, ForgeError)
    assert isinstance(caught.value, ValueError)
    assert os.listdir(tmp_path) == []


def test_a_failure_mid_stream_leaves_no_file_and_no_temporary_file(tmp_path: Path):
    calls = iter(range(10**6))

    def name() -> str:
        if next(calls) == 1500:
            raise RuntimeError("the name source broke")
        return "Ada"

    with pytest.raises(ArgumentError, match=r"Member\.name .*RuntimeError: the name source broke"):
        list(Forge(seed=1).create_stream(Member, count=3000, filename=tmp_path / "m.jsonl", name=name))
    assert os.listdir(tmp_path) == []


def test_a_stream_does_not_keep_its_records_alive(tmp_path: Path):
    freed = []
    most = 0
    stream = Forge(seed=1).create_stream(Member, count=3 * CHUNK_SIZE, filename=tmp_path / "m.jsonl")
    for made, member in enumerate(stream, 1):
        weakref.finalize(member, freed.append, None)
        most = max(most, made - len(freed))
    assert most <= CHUNK_SIZE + 1


def test_a_streamed_model_is_not_kept_in_the_registry_but_its_keys_are_not_reused():
    forge = Forge(seed=1)
    streamed = [m.id for m in forge.create_stream(Member, count=CHUNK_SIZE + 10)]
    assert forge.registry.counts().get("Member", 0) == 0
    assert forge.create(Member).id == max(streamed) + 1


def test_records_made_while_a_stream_is_paused_get_keys_the_stream_skips():
    forge = Forge(seed=1)
    stream = forge.create_stream(Member, count=2 * CHUNK_SIZE)
    first = [next(stream).id for _ in range(3)]
    between = forge.create(Member).id
    rest = [m.id for m in stream]
    ids = [*first, between, *rest]
    assert len(ids) == len(set(ids))


def test_a_stream_is_reproducible_from_its_seed(tmp_path: Path):
    one = [m.model_dump() for m in Forge(seed=9).create_stream(Member, count=50)]
    two = [m.model_dump() for m in Forge(seed=9).create_stream(Member, count=50)]
    assert one == two


def test_field_overrides_apply_to_every_streamed_record():
    assert {m.name for m in Forge(seed=1).create_stream(Member, count=20, name="Ada")} == {"Ada"}


def test_children_streamed_after_their_parents_point_at_real_parents(tmp_path: Path):
    forge = Forge(seed=2)
    customers = forge.create_batch(Customer, count=5)
    DataExporter.to_database(customers, tmp_path / "shop.db")
    for _ in forge.create_stream(Purchase, count=50, filename=tmp_path / "shop.db"):
        pass
    connection = sqlite3.connect(tmp_path / "shop.db")
    orphans = connection.execute(
        "SELECT COUNT(*) FROM purchase p LEFT JOIN customer c ON c.id = p.customer_id WHERE c.id IS NULL"
    ).fetchone()[0]
    connection.close()
    assert orphans == 0


def test_a_stream_into_a_database_url_appends_to_its_table(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'by_url.db'}"
    forge = Forge(seed=1)
    list(forge.create_stream(Member, count=5, filename=url))
    list(forge.create_stream(Member, count=5, filename=url))
    assert [row["id"] for row in rows_from_sqlite(tmp_path / "by_url.db", "member")] == list(range(1, 11))


def test_a_table_name_and_dialect_can_be_chosen_for_sql_streams(tmp_path: Path):
    list(
        Forge(seed=1).create_stream(
            Member, count=2, filename=tmp_path / "m.sql", table_name="people", dialect="mysql"
        )
    )
    assert "INSERT INTO `people`" in (tmp_path / "m.sql").read_text(encoding="utf-8")


def test_parents_made_on_the_way_are_kept_so_children_can_point_at_them():
    forge = Forge(seed=1)
    purchases = list(forge.create_stream(Purchase, count=20))
    kept = {customer.id for customer in forge.registry.records("Customer")}
    assert kept
    assert {p.customer_id for p in purchases} <= kept


class Ticket(BaseModel):
    id: uuid.UUID
    title: str


def test_a_stream_keyed_by_uuid_never_repeats_a_key():
    forge = Forge(seed=5)
    ids = [t.id for t in forge.create_stream(Ticket, count=CHUNK_SIZE + 200)]
    ids.append(forge.create(Ticket).id)
    assert len(set(ids)) == len(ids)
