"""forge cache stats|clear."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pytest_forge.ai.cache import ResponseCache
from pytest_forge.cli.ai_cache import cache_group


def _filled(tmp_path, count=3):
    cache = ResponseCache(tmp_path)
    for i in range(count):
        cache.set(f"key-{i}", {"content": "{}"})
    cache.close()
    return str(tmp_path)


def test_cache_stats_counts_the_entries(tmp_path):
    result = CliRunner().invoke(cache_group, ["stats", "--cache-dir", _filled(tmp_path), "--json"])
    assert (result.exit_code, json.loads(result.output)["entries"]) == (0, 3)


def test_cache_stats_of_a_missing_directory_is_empty(tmp_path):
    result = CliRunner().invoke(cache_group, ["stats", "--cache-dir", str(tmp_path / "none")])
    assert (result.exit_code, "entries: 0" in result.output) == (0, True)


def test_cache_clear_removes_every_entry(tmp_path):
    directory = _filled(tmp_path)
    result = CliRunner().invoke(cache_group, ["clear", "--cache-dir", directory])
    assert (
        result.exit_code,
        "removed 3 entries" in result.output,
        ResponseCache(directory).stats()["entries"],
    ) == (
        0,
        True,
        0,
    )


def test_cache_clear_expired_keeps_fresh_entries(tmp_path):
    directory = _filled(tmp_path)
    result = CliRunner().invoke(cache_group, ["clear", "--cache-dir", directory, "--expired"])
    assert (result.exit_code, ResponseCache(directory).stats()["entries"]) == (0, 3)


def test_the_cache_directory_comes_from_forge_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FORGE_CACHE_DIR", _filled(tmp_path, count=2))
    result = CliRunner().invoke(cache_group, ["stats", "--json"])
    assert json.loads(result.output)["entries"] == 2
