"""``forge lint PATH...`` on .json, .jsonl and .csv files: exit 0 clean, 1 findings, 2 bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from pytest_forge import Forge
from pytest_forge.cli.lint import lint_command


def run(*args):
    return CliRunner().invoke(lint_command, [str(a) for a in args])


def test_a_clean_json_file_exits_0(tmp_path):
    path = tmp_path / "users.json"
    path.write_text(json.dumps([{"email": "ada@example.com"}, {"email": "bob@example.org"}]))
    result = run(path)
    assert result.exit_code == 0, result.output
    assert "no findings in 2 record(s)" in result.output


def test_a_finding_in_a_json_file_exits_1_naming_file_record_and_field(tmp_path):
    path = tmp_path / "users.json"
    path.write_text(json.dumps([{"email": "ada@example.com"}, {"contact": {"email": "real@gmail.com"}}]))
    result = run(path)
    assert result.exit_code == 1
    assert f"{path}: record 1, field contact.email: email on a non-reserved domain" in result.output


def test_a_single_json_object_is_read_as_one_record(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"ssn": "123-45-6789"}))
    result = run(path)
    assert (result.exit_code, "record 0, field ssn" in result.output) == (1, True)


def test_jsonl_files_are_read_line_by_line(tmp_path):
    path = tmp_path / "cards.jsonl"
    path.write_text('{"card": "4242424242424242"}\n\n{"card": "4556737586899855"}\n')
    result = run(path)
    assert result.exit_code == 1
    assert "record 1, field card: Luhn-valid card number" in result.output


def test_csv_files_are_read_with_their_header(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,ssn\nAda,900-11-2222\nBob,078-05-1120\n")
    result = run(path)
    assert result.exit_code == 1
    assert "record 1, field ssn: SSN in the issued range" in result.output


def test_several_files_are_all_checked(tmp_path):
    clean, dirty = tmp_path / "a.json", tmp_path / "b.csv"
    clean.write_text("[]")
    dirty.write_text("email\nx@yahoo.com\n")
    result = run(clean, dirty)
    assert result.exit_code == 1
    assert str(dirty) in result.output


def test_no_paths_is_a_usage_error():
    assert run().exit_code == 2


def test_an_unknown_suffix_exits_2(tmp_path):
    path = tmp_path / "data.xml"
    path.write_text("<x/>")
    result = run(path)
    assert result.exit_code == 2
    assert "unknown suffix '.xml'" in result.output


def test_a_missing_file_exits_2(tmp_path):
    result = run(tmp_path / "missing.json")
    assert result.exit_code == 2
    assert "cannot read" in result.output


@pytest.mark.parametrize(
    ("name", "text"), [("bad.json", "{not json"), ("bad.jsonl", "[1]\n"), ("n.json", "[1, 2]")]
)
def test_content_that_is_not_records_exits_2(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    assert run(path).exit_code == 2


class Account(BaseModel):
    email: str
    ssn: str
    card_number: str
    iban: str


def test_files_exported_from_generated_records_lint_clean(tmp_path):
    records = Forge(seed=4, allow_pii=True).create_batch(Account, count=200)
    path = tmp_path / "accounts.jsonl"
    path.write_text("\n".join(r.model_dump_json() for r in records))
    result = run(path)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("content", "status"), [('[{"email": "a@example.com"}]', 0), ('[{"email": "a@aol.com"}]', 1)]
)
def test_the_forge_command_group_runs_lint_with_the_same_exit_status(tmp_path, content, status):
    from pytest_forge.cli import main

    path = tmp_path / "records.json"
    path.write_text(content)
    assert CliRunner().invoke(main, ["lint", str(path)]).exit_code == status
