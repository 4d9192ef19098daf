"""create_large: AI text paid for a small pool, recombined into many varied records."""

from __future__ import annotations

import pytest

from pytest_forge import Forge
from tests.ai.conftest import Review, records_sent


def _semantic(review):
    return (review.body, review.summary)


def test_create_large_pays_for_about_count_times_seed_ratio_records(make_forge, llm_server):
    make_forge(batch_size=25).create_large(Review, count=1000, seed_ratio=0.05)
    assert (llm_server.count, records_sent(llm_server)) == (2, 50)


def test_create_large_delivers_count_records(make_forge):
    assert len(make_forge().create_large(Review, count=500, seed_ratio=0.02)) == 500


def test_no_two_records_share_all_their_semantic_values(make_forge):
    reviews = make_forge().create_large(Review, count=600, seed_ratio=0.01)
    assert len({_semantic(r) for r in reviews}) == 600


def test_recombined_text_comes_from_the_paid_pool(make_forge):
    reviews = make_forge().create_large(Review, count=200, seed_ratio=0.05)
    pool_sentences = {s for r in reviews[:10] for s in r.body.split(". ")}
    assert sum(any(s in pool_sentences for s in r.body.split(". ")) for r in reviews[10:]) >= 180


def test_unique_keys_stay_intact(make_forge):
    reviews = make_forge().create_large(Review, count=300, seed_ratio=0.01)
    assert len({r.id for r in reviews}) == 300


def test_create_large_is_the_same_for_the_same_seed_offline():
    first = Forge(5, use_ai=False).create_large(Review, count=200, seed_ratio=0.05)
    again = Forge(5, use_ai=False).create_large(Review, count=200, seed_ratio=0.05)
    assert [_semantic(r) for r in first] == [_semantic(r) for r in again]


def test_create_large_is_the_same_for_the_same_seed_from_the_cache(make_forge, llm_server):
    first = make_forge().create_large(Review, count=200, seed_ratio=0.05)
    again = make_forge().create_large(Review, count=200, seed_ratio=0.05)
    assert (first == again, llm_server.count) == (True, 1)


@pytest.mark.parametrize("ratio", [0, 1.5, -0.1, "0.1"])
def test_a_seed_ratio_outside_zero_to_one_is_refused(ratio):
    with pytest.raises(ValueError, match="seed_ratio"):
        Forge(1, use_ai=False).create_large(Review, count=10, seed_ratio=ratio)


def test_create_large_leaves_normal_batches_alone_afterwards(make_forge, llm_server):
    forge = make_forge(batch_size=100)
    forge.create_large(Review, count=100, seed_ratio=0.1)
    forge.create_batch(Review, count=50)
    assert records_sent(llm_server) == 60
