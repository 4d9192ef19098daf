"""Kinds and tiers are closed sets that mypy checks, dispatched from one table."""

from __future__ import annotations

import datetime as dt
from typing import get_args

import pytest

from pytest_forge.errors import UnsupportedTypeError
from pytest_forge.generation.compiler import CompileContext, compile_type, dispatch_table
from pytest_forge.provenance import TIERS, Tier
from pytest_forge.spec import Kind, TypeSpec


def _ctx() -> CompileContext:
    return CompileContext(
        locale="en_US",
        reference_date=dt.date(2025, 1, 1),
        nested=lambda model, path, ctx: pytest.fail("no nested models here"),
        custom=lambda name, spec: None,
    )


def test_the_dispatch_table_has_one_entry_for_every_kind():
    assert sorted(dispatch_table()) == sorted(get_args(Kind))


def test_the_tier_names_are_the_tier_literal():
    assert get_args(Tier) == TIERS
    assert {"structural", "standard", "semantic", "sensitive", "dangerous"} <= set(TIERS)


@pytest.mark.parametrize("kind", ["unsupported"])
def test_kinds_without_a_generator_say_so_with_the_type_name(kind):
    with pytest.raises(UnsupportedTypeError, match="cannot generate values of type Shade"):
        compile_type(TypeSpec(kind, label="Shade"), _ctx(), ("Model", "field"))


def test_colors_are_hex_triplets():
    import random
    import re

    draw = compile_type(TypeSpec("color", label="Shade"), _ctx(), ("Model", "field")).gen
    assert all(re.fullmatch(r"#[0-9a-f]{6}", draw(random.Random(seed))) for seed in range(20))
