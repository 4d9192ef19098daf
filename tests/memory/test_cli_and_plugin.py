"""``forge memory ...`` and rules under pytest (the rootdir's .forge)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def forge_cli(tmp_path, *args):
    env = {**os.environ, "FORGE_MEMORY_DIR": str(tmp_path / "mem")}
    return subprocess.run(
        [sys.executable, "-c", "from pytest_forge.cli import main; main()", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def run(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from pytest_forge.cli import main

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("FORGE_MEMORY_DIR", str(tmp_path / "mem"))
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args), catch_exceptions=False)


def test_add_list_check_remove(run):
    added = run("memory", "add", "user", "Minors are restricted", "--when", "age < 18",
                "--then", "account_type=restricted")  # fmt: skip
    assert added.exit_code == 0, added.output
    rule_id = added.output.split()[0]
    listed = run("memory", "list", "user")
    assert f'{rule_id} user: Minors are restricted  when age < 18  then {{"account_type": "restricted"}}' in (
        listed.output
    )
    checked = run("memory", "check", "tests.memory.models:User")
    assert checked.exit_code == 0
    assert "User: 1 rule(s) in use" in checked.output
    assert run("memory", "remove", "user", rule_id).exit_code == 0
    assert run("memory", "list").output.strip() == "no rules"


def test_check_lists_stale_rules_and_exits_1(tmp_path):
    assert (
        forge_cli(tmp_path, "memory", "add", "user", "Gold tier", "--when", "tier == 'gold'").returncode == 0
    )
    result = forge_cli(tmp_path, "memory", "check", "tests.memory.models:User", "tests.memory.models:Loan")
    assert result.returncode == 1
    assert "stale" in result.stdout
    assert "User has no field tier" in result.stdout
    assert "Loan: 0 rule(s) in use" in result.stdout


def test_bad_input_is_one_line_and_status_2(tmp_path):
    result = forge_cli(tmp_path, "memory", "add", "user", "x", "--when", "open('f')")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "is not allowed" in result.stderr
    result = forge_cli(tmp_path, "memory", "remove", "user", "r123")
    assert result.returncode == 2
    assert "has no rule 'r123'" in result.stderr


def test_under_pytest_rules_live_in_the_rootdir(pytester: pytest.Pytester, monkeypatch):
    monkeypatch.delenv("FORGE_MEMORY_DIR", raising=False)
    pytester.makeini("[pytest]\n")
    pytester.makepyfile(
        models="""
        from typing import Literal
        from pydantic import BaseModel

        class Loan(BaseModel):
            status: Literal["open", "closed"]
        """,
        test_rules="""
        from models import Loan

        def test_rule_applies(forge):
            assert forge.memory.directory == forge.memory.default_root / ".forge"
            assert {l.status for l in forge.create_batch(Loan, count=20)} == {"closed"}
        """,
    )
    from pytest_forge.memory import ForgeMemory

    ForgeMemory(pytester.path / ".forge").add_rule("loan", "Loans are closed", then={"status": "closed"})
    sub = pytester.mkdir("sub")
    monkeypatch.chdir(sub)  # rootdir, not the current directory
    result = pytester.runpytest_subprocess(str(pytester.path))
    result.assert_outcomes(passed=1)
