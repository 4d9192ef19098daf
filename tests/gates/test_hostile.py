"""Dangerous fields: curated hostile payloads by category, deterministic and within constraints."""

from __future__ import annotations

import random
from typing import Annotated

import pytest
from pydantic import BaseModel, Field

from pytest_forge import Dangerous, Forge
from pytest_forge.gates.hostile import hostile_payloads, hostile_values, payload_categories
from pytest_forge.spec import TypeSpec

CATEGORIES = (
    "sql_injection", "xss", "path_traversal", "command_injection", "format_string", "oversized",
    "unicode", "control_bytes",
)  # fmt: skip


def draw_many(gen, count=300, seed=5):
    rng = random.Random(seed)
    return [gen(rng) for _ in range(count)]


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_promised_payload_category_has_payloads(category):
    assert category in payload_categories()
    assert len(hostile_payloads(category)) >= 5


def test_control_bytes_include_a_nul_byte():
    assert any("\x00" in payload for payload in hostile_payloads("control_bytes"))


def test_oversized_payloads_are_long():
    assert max(len(p) for p in hostile_payloads("oversized")) >= 65536


def test_a_category_field_gets_payloads_of_its_category_only():
    gen = hostile_values("sql_injection", TypeSpec("str"))
    assert set(draw_many(gen)) <= set(hostile_payloads("sql_injection"))


def test_an_unspecific_dangerous_field_draws_from_every_category():
    gen = hostile_values("any", TypeSpec("str", max_length=100))
    drawn = set(draw_many(gen, count=2000))
    hits = {c for c in CATEGORIES if drawn & {p[:100] for p in hostile_payloads(c)}}
    assert hits == set(CATEGORIES)


def test_payloads_are_cut_to_max_length_and_respect_min_length():
    values = draw_many(hostile_values("any", TypeSpec("str", min_length=5, max_length=12)))
    assert all(5 <= len(v) <= 12 for v in values)


def test_oversized_payloads_become_boundary_length_values():
    values = draw_many(hostile_values("oversized", TypeSpec("str", max_length=50)))
    assert 50 in {len(v) for v in values}


def test_payloads_are_shaped_as_pydantic_will_store_them():
    values = draw_many(hostile_values("unicode", TypeSpec("str", strip_whitespace=True, min_length=1)))
    assert all(v == v.strip() and v for v in values)


def test_the_choice_depends_only_on_the_given_random_stream():
    gen = hostile_values("any", TypeSpec("str"))
    assert draw_many(gen, seed=11) == draw_many(gen, seed=11)
    assert draw_many(gen, seed=11) != draw_many(gen, seed=12)


@pytest.mark.parametrize("spec", [TypeSpec("int"), TypeSpec("bytes"), TypeSpec("str", pattern=r"^\w+$")])
def test_fields_that_are_not_plain_text_keep_the_generic_generator(spec):
    assert hostile_values("any", spec) is None


def test_a_length_no_payload_can_meet_keeps_the_generic_generator():
    assert hostile_values("path_traversal", TypeSpec("str", min_length=500, max_length=600)) is None


class Attack(BaseModel):
    sql_injection: str
    xss_probe: Annotated[str, Field(max_length=30)]
    fuzz_count: int
    notes: Annotated[str, Dangerous]


def test_dangerous_fields_of_a_model_get_hostile_payloads_that_validate():
    records = Forge(seed=3, allow_dangerous=True).create_batch(Attack, count=40)
    assert {r.sql_injection for r in records} <= set(hostile_payloads("sql_injection"))
    assert all(len(r.xss_probe) <= 30 for r in records)
    assert {r.xss_probe for r in records} <= {p[:30] for p in hostile_payloads("xss")}


def test_dangerous_fields_are_tiered_dangerous_in_provenance():
    forge = Forge(seed=3, allow_dangerous=True)
    origins = forge.explain(forge.create(Attack))
    assert origins["sql_injection"].tier == "dangerous"
    assert origins["sql_injection"].source == "hostile.sql_injection"
    assert origins["fuzz_count"].tier == "standard"  # an int holds no payload, whatever its name


def test_the_same_seed_gives_the_same_payloads():
    first = Forge(seed=8, allow_dangerous=True).create_batch(Attack, count=10)
    second = Forge(seed=8, allow_dangerous=True).create_batch(Attack, count=10)
    assert first == second


def test_the_payload_corpus_itself_lints_clean():
    from pytest_forge import lint_records

    assert lint_records([{"payload": p} for p in hostile_payloads("any")]) == []
