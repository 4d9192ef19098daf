"""The response cache: warm runs cost nothing, JSON only, shared safely, replayed in CI."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import diskcache
import pytest

from pytest_forge import Forge, ForgeAIWarning
from pytest_forge.ai.cache import JSONOnlyDisk, ResponseCache
from pytest_forge.ai.prompt import PromptInput, SemanticField, build_request
from tests.ai.conftest import API_KEY, MODEL, Review


def test_a_warm_cache_answers_without_requests(make_forge, llm_server):
    cold = make_forge().create_batch(Review, count=30)
    warm_forge = make_forge()
    warm = warm_forge.create_batch(Review, count=30)
    assert (llm_server.count, warm_forge.stats()["ai"]["cache_hits"], warm == cold) == (2, 2, True)


def test_use_cache_false_always_calls(make_forge, llm_server):
    make_forge(use_cache=False).create_batch(Review, count=3)
    make_forge(use_cache=False).create_batch(Review, count=3)
    assert llm_server.count == 2


def test_the_cache_never_holds_the_api_key(make_forge, tmp_path):
    make_forge().create_batch(Review, count=5)
    stored = b"".join(p.read_bytes() for p in (tmp_path / "ai-cache").rglob("*") if p.is_file())
    assert (len(stored) > 0, API_KEY.encode() in stored) == (True, False)


def test_the_cache_key_ignores_api_key_base_url_and_transport():
    spec = PromptInput("Review", (SemanticField("body"),))
    request = build_request("openai", MODEL, spec, [(0, {"rating": 1})])
    assert request.cache_key() == build_request("openai", MODEL, spec, [(0, {"rating": 1})]).cache_key()
    assert (
        request.cache_key() != build_request("openai", "openai/other", spec, [(0, {"rating": 1})]).cache_key()
    )


def test_the_cache_stores_json_text_only(tmp_path):
    with pytest.raises(TypeError, match="JSON text only"):
        diskcache.Cache(str(tmp_path), disk=JSONOnlyDisk).set("key", {"a": 1})


_unpickled: list[str] = []


def _mark_unpickled() -> str:
    _unpickled.append("ran")
    return "payload"


class _Planted:
    def __reduce__(self):
        return (_mark_unpickled, ())


def test_a_planted_pickle_entry_is_never_unpickled(tmp_path):
    with diskcache.Cache(str(tmp_path)) as plain:
        plain.set("planted", _Planted())
        plain.set(("tuple", "key"), "value")
    cache = ResponseCache(tmp_path)
    assert (cache.get("planted"), cache.stats()["entries"] >= 0, _unpickled) == (None, True, [])


def test_entries_past_seven_days_are_refreshed_in_development(tmp_path):
    cache = ResponseCache(tmp_path)
    cache.set("k", {"content": "{}"})
    cache._cache.set("k", json.dumps({"content": "{}", "stored_at": 0}))
    assert (cache.get("k"), ResponseCache(tmp_path, max_age=None).get("k")) == (
        None,
        {"content": "{}", "stored_at": 0},
    )


def test_concurrent_workers_make_one_request_per_key(tmp_path):
    calls: list[int] = []
    barrier = threading.Barrier(6)

    def compute():
        calls.append(1)
        time.sleep(0.2)  # widens the race window; with the lock the count is 1 whatever the timing
        return {"content": "{}"}

    def worker():
        barrier.wait()
        ResponseCache(tmp_path).get_or_compute("same-key", compute, wait=10)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1


def test_ci_mode_replays_the_ai_text_byte_for_byte_without_network(make_forge, tmp_path, monkeypatch):
    dev = make_forge(seed=11).create_batch(Review, count=30, context="holiday")
    cache_dir = str(tmp_path / "ai-cache")
    monkeypatch.setattr("socket.socket.connect", lambda *a: (_ for _ in ()).throw(OSError("offline")))
    ci_forge = Forge(11, ci=True, model=MODEL, cache_dir=cache_dir)
    replayed = ci_forge.create_batch(Review, count=30, context="holiday")
    assert ([r.model_dump_json() for r in replayed], ci_forge.stats()["ai"]["requests"]) == (
        [r.model_dump_json() for r in dev],
        0,
    )


def test_ci_mode_serves_entries_of_any_age(make_forge, tmp_path):
    dev = make_forge(seed=12).create_batch(Review, count=2)
    raw = ResponseCache(tmp_path / "ai-cache", max_age=None)
    for key in raw._keys():
        raw._cache.set(key, json.dumps({**raw.get(key), "stored_at": 0}))
    replayed = Forge(12, ci=True, model=MODEL, cache_dir=str(tmp_path / "ai-cache")).create_batch(
        Review, count=2
    )
    assert replayed == dev


def test_a_ci_replay_miss_gives_offline_text_and_one_notice(make_forge, tmp_path, llm_server):
    make_forge(seed=13).create_batch(Review, count=2)
    ci_forge = Forge(13, ci=True, model=MODEL, cache_dir=str(tmp_path / "ai-cache"))

    def two_missed_batches():
        ci_forge.create_batch(Review, count=2, context="never asked")
        ci_forge.create_batch(Review, count=2, context="never asked either")

    with pytest.warns(ForgeAIWarning, match="replay cache") as caught:
        two_missed_batches()
    assert (len(caught), llm_server.count) == (1, 1)


def test_ci_mode_without_a_cache_directory_creates_none(tmp_path):
    absent = tmp_path / "absent"
    with pytest.warns(ForgeAIWarning, match="no AI replay cache"):
        Forge(1, ci=True, model=MODEL, cache_dir=str(absent)).create_batch(Review, count=2)
    assert not Path(absent).exists()


def test_ci_mode_without_a_model_stays_quietly_offline(tmp_path):
    forge = Forge(1, ci=True, cache_dir=str(tmp_path))
    forge.create_batch(Review, count=2)
    assert forge.stats()["ai"]["requests"] == 0


def test_pickle_is_not_how_entries_are_stored(make_forge, tmp_path):
    make_forge().create_batch(Review, count=2)
    with diskcache.Cache(str(tmp_path / "ai-cache")) as plain:
        modes = {row[0] for row in plain._sql("SELECT mode FROM Cache").fetchall()}
    assert modes <= {diskcache.core.MODE_RAW, diskcache.core.MODE_TEXT}


def test_an_unusable_cache_directory_warns_and_goes_on_without_it(make_forge, llm_server, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.warns(ForgeAIWarning, match="cannot be used"):
        reviews = make_forge(cache_dir=str(blocker)).create_batch(Review, count=2)
    assert (reviews[0].body.startswith("body 0"), llm_server.count) == (True, 1)
