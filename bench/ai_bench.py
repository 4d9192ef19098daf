"""AI layer benchmark: 1,000 records with 2 semantic fields against the local fake LLM server.

Run: ``python bench/ai_bench.py`` from the repository root. Prints requests and wall time for a
cold cache and a warm cache, per batch size. litellm's own import time is measured apart.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pydantic import BaseModel, Field

from pytest_forge import Forge
from pytest_forge.ai.client import import_litellm
from tests.ai.fake_llm_server import FakeLLMServer

COUNT = 1000


class Review(BaseModel):
    id: int
    rating: int = Field(ge=1, le=5)
    title: str
    body: str = Field(max_length=400)
    summary: str


def run(server: FakeLLMServer, cache_dir: str, batch_size: int) -> tuple[int, float, dict]:
    forge = Forge(
        42,
        model="openai/bench-model",
        api_base=server.api_base,
        api_key="sk-bench",
        cache_dir=cache_dir,
        batch_size=batch_size,
        max_concurrency=4,
    )
    before = server.count
    start = time.perf_counter()
    reviews = forge.create_batch(Review, count=COUNT, context="holiday shoppers")
    elapsed = time.perf_counter() - start
    assert len(reviews) == COUNT
    return server.count - before, elapsed, forge.stats()["ai"]


def main() -> None:
    start = time.perf_counter()
    import_litellm()
    print(f"litellm import: {time.perf_counter() - start:.2f} s")
    server = FakeLLMServer().start()
    try:
        warm_up = time.perf_counter()
        Forge(
            1, model="openai/bench-model", api_base=server.api_base, api_key="sk-bench", use_cache=False
        ).create(Review)
        print(f"first call (litellm loads its OpenAI handler): {time.perf_counter() - warm_up:.2f} s")
        offline_start = time.perf_counter()
        Forge(42, use_ai=False).create_batch(Review, count=COUNT)
        print(f"offline (use_ai=False): {time.perf_counter() - offline_start:.3f} s")
        for batch_size in (25, 100):
            with tempfile.TemporaryDirectory() as cache_dir:
                for label in ("cold", "warm"):
                    requests, elapsed, ai = run(server, cache_dir, batch_size)
                    tokens = f"{ai['prompt_tokens']}+{ai['completion_tokens']}"
                    print(
                        f"batch_size={batch_size:<4} {label}: {requests:>3} requests, {elapsed:.3f} s, "
                        f"cache_hits={ai['cache_hits']}, tokens={tokens}"
                    )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
