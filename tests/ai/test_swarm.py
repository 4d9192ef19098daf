"""forge.swarm shares the Forge's AI layer: one cache, one accounting, models run concurrently."""

from __future__ import annotations

from pydantic import BaseModel

from tests.ai.conftest import MODEL, Review


class Author(BaseModel):
    id: int
    name: str
    bio: str


def test_swarm_models_are_written_by_the_llm_with_their_own_context(make_forge, llm_server):
    forge = make_forge(batch_size=50)
    made = forge.swarm([Review, Author], counts=[30, 20], contexts=["angry customers", "poets"])
    prompts = llm_server.user_messages()
    assert (llm_server.count, made["Author"][0].bio.startswith("bio ")) == (2, True)
    assert sorted("angry customers" in p for p in prompts) == [False, True]


def test_a_second_swarm_is_served_from_the_shared_cache(make_forge, llm_server):
    make_forge(batch_size=50).swarm([Review, Author], counts=[30, 20])
    again = make_forge(batch_size=50)
    again.swarm([Review, Author], counts=[30, 20])
    ai = again.stats()["ai"]
    assert (llm_server.count, ai["cache_hits"], ai["per_model"][MODEL]["cache_hits"]) == (2, 2, 2)
