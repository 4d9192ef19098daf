"""The command line's gate flags, its refusal advice, locales and database drivers."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from pytest_forge.gates.hostile import hostile_payloads


@pytest.mark.parametrize(
    ("model", "flag", "advice", "gate"),
    [
        ("Patient", "--allow-pii", "--allow-pii on the command line", "sensitive"),
        ("Probe", "--allow-dangerous", "--allow-dangerous on the command line", "dangerous"),
    ],
)
def test_a_refusal_names_the_flag_that_opens_the_gate_and_the_flag_opens_it(run, model, flag, advice, gate):
    refused = run("generate", f"tests.cli.models:{model}", "-n", "2", "--seed", "1")
    assert refused.exit_code == 1
    assert f"the {gate} gate is closed" in refused.stderr
    assert advice in refused.stderr
    ways_in = refused.stderr.split("use one of:")[1]
    assert "Forge(" not in ways_in
    assert "pytest" not in ways_in
    opened = run("generate", f"tests.cli.models:{model}", "-n", "2", "--seed", "1", flag)
    assert opened.exit_code == 0
    assert len(opened.stdout.splitlines()) == 2


def test_the_dangerous_flag_gives_curated_payloads(run):
    result = run("generate", "tests.cli.models:Probe", "-n", "5", "--seed", "2", "--allow-dangerous")
    payloads = {json.loads(line)["sql_injection"] for line in result.stdout.splitlines()}
    assert payloads <= set(hostile_payloads("sql_injection"))


def test_load_takes_the_dangerous_flag_too(run, tmp_path: Path):
    db = tmp_path / "probe.db"
    refused = run("load", "tests.cli.models:Probe:3", "--db", str(db))
    assert (refused.exit_code, "--allow-dangerous" in refused.stderr) == (1, True)
    assert run("load", "tests.cli.models:Probe:3", "--db", str(db), "--allow-dangerous").exit_code == 0


@pytest.mark.parametrize("command", ["generate", "load"])
def test_an_unknown_locale_is_a_usage_error_naming_the_closest(run, command):
    result = run(command, "tests.cli.models:Customer", "--locale", "fr_XX")
    assert result.exit_code == 2
    assert "unknown locale 'fr_XX'" in result.stderr
    assert "fr_FR" in result.stderr
    assert "--locale" in result.stderr


def test_a_mysql_url_without_a_driver_names_the_installed_one(run):
    pytest.importorskip("pymysql")
    if importlib.util.find_spec("MySQLdb") is not None:
        pytest.skip("mysqlclient is installed here, so mysql:// has its driver")
    result = run("load", "tests.cli.models:Customer:1", "--db", "mysql://user:secret@127.0.0.1:9/test")
    assert result.exit_code == 1
    assert "mysql+pymysql://user:***@127.0.0.1:9/test" in result.stderr
    assert "pip install" not in result.stderr
    assert "secret" not in result.stderr
