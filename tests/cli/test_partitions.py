"""forge generate A:N B:M --partitions P: folders of partitions, resumable, with one-line usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_forge.cli import terminal

from .test_generate import FakeTerminal

SHOP = ("tests.cli.models:Customer:20", "tests.cli.models:Order:50")


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("part-*"))}


def test_partitions_of_several_models_are_written_and_a_rerun_resumes(run, tmp_path: Path):
    out = tmp_path / "shop"
    args = ("generate", *SHOP, "--partitions", "3", "--engine", "serial", "-o", str(out), "--seed", "4")
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert sorted(files(out)) == [
        f"{t}/part-0000{i}.parquet" for t in ("customer", "order") for i in range(3)
    ]
    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest["run"]["seed"] == 4
    assert sum(p["rows"] for p in manifest["done"]["order"].values()) == 50
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("part-*")}
    assert run(*args).exit_code == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("part-*")} == stamps


def test_a_rerun_without_seed_continues_the_folders_run(run, tmp_path: Path):
    out = tmp_path / "shop"
    args = ("generate", *SHOP, "--partitions", "2", "--engine", "serial", "-o", str(out), "--format", "jsonl")
    run(*args)
    seed = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))["run"]["seed"]
    (out / "order/part-00001.jsonl").unlink()
    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    del manifest["done"]["order"]["1"]
    (out / "_manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = run(
        "generate", *SHOP, "--partitions", "2", "--engine", "serial", "-o", str(out), "--format", "jsonl"
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads((out / "_manifest.json").read_text(encoding="utf-8"))["run"]["seed"] == seed
    assert len((out / "order/part-00001.jsonl").read_text(encoding="utf-8").splitlines()) == 25


def test_another_run_in_the_folder_is_refused_unless_overwrite(run, tmp_path: Path):
    base = ("generate", *SHOP, "--partitions", "2", "--engine", "serial", "-o", str(tmp_path))
    assert run(*base, "--seed", "1").exit_code == 0
    refused = run(*base, "--seed", "2")
    assert refused.exit_code == 2
    assert "holds another run (seed: 1 there, 2 now); pass --overwrite" in refused.stderr
    assert refused.stderr.count("\n") == 1
    assert run(*base, "--seed", "2", "--overwrite").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (SHOP, "several models need --partitions P"),
        (("tests.cli.models:Customer", "--engine", "dask"), "--engine need --partitions P"),
        (("tests.cli.models:Customer", "--format", "parquet"), "--format parquet need --partitions"),
        ((*SHOP, "--partitions", "2", "--format", "sql"), "partitions are written as parquet, jsonl, csv"),
        ((*SHOP, "--partitions", "2", "-n", "5"), "-n applies to one model"),
        ((*SHOP, "--partitions", "0"), "0 is not in the range x>=1"),
        ((*SHOP, "--partitions", "2", "--scheduler", "tcp://h:1"), "--scheduler is for --engine dask"),
        ((*SHOP, "--partitions", "2", "--allow-dangerous"), "--allow-dangerous does not apply"),
        (
            (*SHOP, "--partitions", "2", "-o", "nosuchproto://b/x"),
            "-o nosuchproto://b/x: not a folder or fsspec",
        ),
    ],
)
def test_bad_partition_flags_get_one_line_and_exit_status_2(run, args, message):
    result = run("generate", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_progress_bar_over_partitions_and_a_summary_on_a_terminal(run, tmp_path: Path, monkeypatch):
    screen = FakeTerminal()
    monkeypatch.setattr(terminal, "terminal_stream", lambda: screen)
    monkeypatch.setattr("pytest_forge.cli.partitioned.terminal_stream", lambda: screen)
    result = run(
        "generate", *SHOP, "--partitions", "3", "--engine", "serial", "-o", str(tmp_path), "--seed", "9"
    )
    assert result.exit_code == 0
    assert "partitions" in screen.getvalue()
    assert "6/6" in screen.getvalue()
    assert f"wrote 70 rows in 6 partitions to {tmp_path} (seed 9)" in result.stderr


def test_without_output_the_partitions_go_to_forge_data_in_the_working_folder(run, tmp_path, monkeypatch):
    from .conftest import ROOT

    monkeypatch.syspath_prepend(str(ROOT))
    monkeypatch.chdir(tmp_path)
    result = run("generate", *SHOP, "--partitions", "2", "--engine", "serial", "--seed", "1")
    assert result.exit_code == 0, result.stderr
    assert sorted(files(tmp_path / "forge-data")) == [
        f"{t}/part-0000{i}.parquet" for t in ("customer", "order") for i in range(2)
    ]
