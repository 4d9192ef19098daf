from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pytest_forge.cli import terminal


def test_generate_without_output_prints_json_lines(run):
    result = run("generate", "tests.cli.models:Customer", "-n", "3", "--seed", "1")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in lines] == [1, 2, 3]


def test_a_dash_for_output_means_standard_output(run):
    assert len(run("generate", "tests.cli.models:Customer", "-n", "2", "-o", "-").stdout.splitlines()) == 2


def test_the_count_can_follow_the_model_path(run):
    assert len(run("generate", "tests.cli.models:Customer:4").stdout.splitlines()) == 4


def test_the_same_seed_gives_the_same_output(run):
    one = run("generate", "tests.cli.models:Order", "-n", "5", "--seed", "42").stdout
    two = run("generate", "tests.cli.models:Order", "-n", "5", "--seed", "42").stdout
    assert one == two


def test_the_locale_changes_the_names(run):
    german = run(
        "generate", "tests.cli.models:Customer", "-n", "20", "--seed", "1", "--locale", "de_DE"
    ).stdout
    english = run("generate", "tests.cli.models:Customer", "-n", "20", "--seed", "1").stdout
    assert german != english


def test_generate_writes_the_format_its_suffix_names(run, tmp_path: Path):
    result = run("generate", "tests.cli.models:Customer", "-n", "3", "-o", str(tmp_path / "c.csv"))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert (tmp_path / "c.csv").read_text(encoding="utf-8").splitlines()[0] == "id,name,email"


def test_format_overrides_the_suffix(run, tmp_path: Path):
    run("generate", "tests.cli.models:Customer", "-n", "2", "-o", str(tmp_path / "c.txt"), "--format", "json")
    assert len(json.loads((tmp_path / "c.txt").read_text(encoding="utf-8"))) == 2


def test_generate_writes_sql_in_the_dialect_asked_for(run, tmp_path: Path):
    out = tmp_path / "c.sql"
    run(
        "generate",
        "tests.cli.models:Customer",
        "-o",
        str(out),
        "--dialect",
        "postgresql",
        "--table",
        "clients",
    )
    assert 'INSERT INTO "clients"' in out.read_text(encoding="utf-8")


def test_generate_loads_a_database_url(run, tmp_path: Path):
    result = run("generate", "tests.cli.models:Customer", "-n", "7", "-o", f"sqlite:///{tmp_path / 'c.db'}")
    assert result.exit_code == 0
    connection = sqlite3.connect(tmp_path / "c.db")
    assert connection.execute("SELECT COUNT(*) FROM customer").fetchone() == (7,)
    connection.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tests.cli.models:Nobody"], "has no attribute 'Nobody'"),
        (["tests.cli.nowhere:Customer"], "no module named"),
        (["tests.cli.models:Customer", "-n", "-1"], "-1 is not in the range"),
        (["tests.cli.models:Customer", "-n", "many"], "'many' is not a valid integer"),
        (["tests.cli.models:Customer:3", "-n", "4"], "-n 4 disagrees with the :3"),
        (["tests.cli.models:Customer", "-o", "c.xml"], "cannot tell the format of 'c.xml'"),
        (["tests.cli.models:Customer", "-o", "oracle://u@h/db"], "is not SQLite, PostgreSQL or MySQL"),
        (["tests.cli.models:Customer", "--format", "db"], "--format db needs -o"),
        (
            ["tests.cli.models:Customer", "-o", "no/such/dir/c.jsonl"],
            "the directory no/such/dir does not exist",
        ),
        (
            ["tests.cli.models:Customer", "-o", "sqlite:///no/such/c.db"],
            "the directory no/such does not exist",
        ),
    ],
)
def test_bad_arguments_get_one_line_and_exit_status_2(run, args: list[str], message: str, tmp_path: Path):
    result = run("generate", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_a_closed_gate_is_one_message_and_exit_status_1_not_a_traceback(run):
    result = run("generate", "tests.cli.models:Patient", "-n", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: pytest-forge will not generate Patient")
    assert "Traceback" not in result.stderr


def test_allow_pii_opens_the_gate(run):
    assert run("generate", "tests.cli.models:Patient", "-n", "1", "--allow-pii").exit_code == 0


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_run_shows_a_progress_bar_on_a_terminal(run, tmp_path: Path, monkeypatch):
    screen = FakeTerminal()
    monkeypatch.setattr(terminal, "terminal_stream", lambda: screen)
    monkeypatch.setattr(terminal, "PROGRESS_MIN", 10)
    run("generate", "tests.cli.models:Customer", "-n", "1200", "-o", str(tmp_path / "c.jsonl"))
    assert "Customer" in screen.getvalue()
    assert "1200/1200" in screen.getvalue()


def test_no_progress_bar_when_standard_error_is_not_a_terminal(run, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(terminal, "PROGRESS_MIN", 10)
    result = run("generate", "tests.cli.models:Customer", "-n", "1200", "-o", str(tmp_path / "c.jsonl"))
    assert result.stderr == ""


def test_the_installed_forge_script_runs_and_pipes_cleanly_into_head():
    forge = shutil.which("forge", path=os.path.dirname(sys.executable))
    assert forge is not None, "the forge console script is not installed"
    root = Path(__file__).resolve().parents[2]
    produced = subprocess.run(
        f"'{forge}' generate tests.cli.models:Customer -n 20000 --seed 1 | head -n 2",
        shell=True, cwd=root, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert len(produced.stdout.splitlines()) == 2
    assert produced.stderr == ""
