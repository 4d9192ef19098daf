"""Values a user controls: named generators, callables, field_values, none_p."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from pydantic import BaseModel

from pytest_forge import Choice, Forge, Lazy, Range, Sequence, Static, Weighted


class Member(BaseModel):
    id: int
    first: str
    email: str
    plan: str
    score: int
    joined: dt.date
    tags: list[str]
    nickname: str | None = None


class Options(BaseModel):
    id: int
    traits: str
    none_p: int
    generate_fk: bool


def test_sequence_counts_from_one_per_forge_and_field() -> None:
    forge = Forge(seed=1)
    first = forge.create_batch(Member, count=2, email=Sequence("user{n}@example.com"))
    second = forge.create_batch(Member, count=2, email=Sequence("user{n}@example.com"))
    assert [m.email for m in first + second] == [f"user{n}@example.com" for n in range(1, 5)]
    assert Forge(seed=1).create(Member, email=Sequence("user{n}@example.com")).email == "user1@example.com"


def test_sequence_accepts_a_function_of_n_and_a_start() -> None:
    members = Forge(seed=1).create_batch(Member, count=3, first=Sequence(lambda n: f"M{n:03}", start=7))
    assert [m.first for m in members] == ["M007", "M008", "M009"]


def test_sequence_without_a_placeholder_is_refused() -> None:
    with pytest.raises(ValueError, match=r"no \{n\} placeholder"):
        Sequence("user@example.com")


def test_choice_draws_only_the_values_given_and_all_of_them() -> None:
    members = Forge(seed=1).create_batch(Member, count=60, plan=Choice(["free", "pro", "team"]))
    assert {m.plan for m in members} == {"free", "pro", "team"}


def test_weighted_follows_the_weights() -> None:
    members = Forge(seed=1).create_batch(Member, count=1000, plan=Weighted({"gold": 1, "free": 9}))
    counts = Counter(m.plan for m in members)
    assert set(counts) == {"gold", "free"}
    assert 40 < counts["gold"] < 170


def test_weighted_refuses_weights_that_sum_to_nothing() -> None:
    with pytest.raises(ValueError, match="positive total"):
        Weighted({"gold": 0})


def test_static_gives_each_record_its_own_copy() -> None:
    members = Forge(seed=1).create_batch(Member, count=2, tags=Static(["a", "b"]))
    members[0].tags.append("c")
    assert members[1].tags == ["a", "b"]


def test_range_is_inclusive_of_both_ends() -> None:
    members = Forge(seed=1).create_batch(Member, count=200, score=Range(1, 3))
    assert {m.score for m in members} == {1, 2, 3}


def test_range_of_dates_stays_within_them() -> None:
    start, end = dt.date(2024, 1, 1), dt.date(2024, 1, 31)
    members = Forge(seed=1).create_batch(Member, count=50, joined=Range(start, end))
    assert all(start <= m.joined <= end for m in members)


def test_lazy_receives_the_record_built_so_far() -> None:
    member = Forge(seed=1).create(Member, email=Lazy(lambda r: f"{r['first'].lower()}@example.com"))
    assert member.email == f"{member.first.lower()}@example.com"


def test_named_generators_are_reproducible_for_a_seed() -> None:
    def plans(seed: int) -> list[str]:
        return [m.plan for m in Forge(seed=seed).create_batch(Member, count=20, plan=Choice("abcdef"))]

    assert plans(5) == plans(5)
    assert plans(5) != plans(6)


def test_callables_of_no_argument_and_of_the_record_are_both_accepted() -> None:
    member = Forge(seed=1).create(
        Member, first=lambda: "ada", email=lambda record: record["first"] + "@x.org"
    )
    assert (member.first, member.email) == ("ada", "ada@x.org")


def test_field_values_sets_fields_named_like_options() -> None:
    item = Forge(seed=1).create(Options, field_values={"traits": "calm", "none_p": 3, "generate_fk": True})
    assert (item.traits, item.none_p, item.generate_fk) == ("calm", 3, True)


def test_none_p_one_makes_every_optional_field_none() -> None:
    members = Forge(seed=1).create_batch(Member, count=20, none_p=1)
    assert {m.nickname for m in members} == {None}


def test_none_p_zero_fills_every_optional_field() -> None:
    members = Forge(seed=1).create_batch(Member, count=20, none_p=0)
    assert None not in {m.nickname for m in members}


def test_relation_options_of_the_wrong_shape_are_refused() -> None:
    with pytest.raises(TypeError, match="generate_fk must be"):
        Forge(seed=1).create(Member, generate_fk="author")
    with pytest.raises(ValueError, match=r"generate_m2m\['tag_ids'\] must be"):
        Forge(seed=1).create(Member, generate_m2m={"tag_ids": (3, 1)})
