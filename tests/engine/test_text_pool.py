"""Free text comes from a shared, index-addressed pool: fast, varied and reproducible."""

from __future__ import annotations

from pydantic import BaseModel, Field

from pytest_forge import Forge
from pytest_forge.providers.text_pool import TextPool
from pytest_forge.rng import ForgeRandom


class Profile(BaseModel):
    bio: str = Field(max_length=180)
    review: str


def test_a_batch_of_free_text_is_varied() -> None:
    made = Forge(seed=11).create_batch(Profile, count=300)
    assert len({p.bio for p in made}) >= 290
    assert all(len(p.bio) <= 180 for p in made)


def test_pool_entries_do_not_depend_on_the_order_they_are_first_needed() -> None:
    def compose(rng: ForgeRandom) -> str:
        return f"text {rng.randrange(10**9)}"

    forwards, backwards = TextPool(("k",), compose, size=64), TextPool(("k",), compose, size=64)
    picks = [ForgeRandom(seed) for seed in range(40)]
    first = [forwards.draw(rng) for rng in picks]
    picks = [ForgeRandom(seed) for seed in range(40)]
    second = [backwards.draw(rng) for rng in reversed(picks)]
    assert first == list(reversed(second))


def test_two_forges_with_one_seed_get_the_same_text_whatever_ran_before() -> None:
    Forge(seed=99).create_batch(Profile, count=50)  # warms part of the shared pool
    again = [p.bio for p in Forge(seed=5).create_batch(Profile, count=20)]
    fresh = [p.bio for p in Forge(seed=5).create_batch(Profile, count=20)]
    assert again == fresh


def test_pool_entry_seeds_are_derive_seed_of_the_key_and_index() -> None:
    from pytest_forge.rng import derive_seed

    key = ("persona.bio", "en_US", "2025-01-01", 0, None, False)
    pool = TextPool(key, str, size=512)
    assert [pool.seed(i) for i in range(512)] == [derive_seed("text-pool", *key, i) for i in range(512)]
