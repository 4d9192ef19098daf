from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from pytest_forge import DataExporter

from .models import Account, Address, expected, hostile_accounts
from .roundtrip import rows_from_csv, validated


def test_json_file_round_trips_hostile_records(tmp_path: Path):
    accounts = hostile_accounts()
    DataExporter.to_json(accounts, tmp_path / "accounts.json")
    loaded = json.loads((tmp_path / "accounts.json").read_text(encoding="utf-8"))
    assert validated(Account, loaded) == expected(accounts)


def test_jsonl_file_round_trips_hostile_records(tmp_path: Path):
    accounts = hostile_accounts()
    DataExporter.to_jsonl(accounts, tmp_path / "accounts.jsonl")
    lines = (tmp_path / "accounts.jsonl").read_text(encoding="utf-8").splitlines()
    assert validated(Account, [json.loads(line) for line in lines]) == expected(accounts)


def test_csv_file_round_trips_hostile_records(tmp_path: Path):
    accounts = hostile_accounts()
    DataExporter.to_csv(accounts, tmp_path / "accounts.csv")
    assert validated(Account, rows_from_csv(tmp_path / "accounts.csv")) == expected(accounts)


def test_csv_writes_none_as_an_empty_cell_and_an_empty_string_quoted(tmp_path: Path):
    DataExporter.to_csv([Address(street="", city="Bern", zip=None)], tmp_path / "a.csv")
    assert (tmp_path / "a.csv").read_bytes() == b'street,city,zip\r\n"",Bern,\r\n'


def test_csv_writes_nested_values_as_json_text(tmp_path: Path):
    DataExporter.to_csv([{"id": 1, "tags": ["a", "b"], "meta": {"k": "v"}}], tmp_path / "n.csv")
    assert (tmp_path / "n.csv").read_text(encoding="utf-8").splitlines()[
        1
    ] == '1,"[""a"",""b""]","{""k"":""v""}"'


def test_an_empty_batch_is_a_valid_empty_json_array(tmp_path: Path):
    DataExporter.to_json([], tmp_path / "empty.json")
    assert json.loads((tmp_path / "empty.json").read_text()) == []


def test_each_method_returns_how_many_records_it_wrote(tmp_path: Path):
    assert DataExporter.to_jsonl(iter(hostile_accounts()[:5]), tmp_path / "five.jsonl") == 5


def test_a_failed_export_leaves_the_previous_file_untouched(tmp_path: Path):
    target = tmp_path / "accounts.json"
    target.write_text("previous")

    def records():
        yield from hostile_accounts()[:3]
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError, match="source broke"):
        DataExporter.to_json(records(), target)
    assert target.read_text() == "previous"
    assert os.listdir(tmp_path) == ["accounts.json"]


def test_exported_files_get_the_usual_permissions_not_private_temp_ones(tmp_path: Path):
    DataExporter.to_json([], tmp_path / "shared.json")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "shared.json").stat().st_mode) == 0o666 & ~umask
