from __future__ import annotations

import random

import pytest

from pytest_forge.providers.shaping import Pool, Shape, fitted, from_pool, joined
from pytest_forge.spec import TypeSpec


def test_shape_reads_lengths_and_transforms_through_optional():
    spec = TypeSpec("optional", args=(TypeSpec("str", min_length=2, max_length=9, to_upper=True),))
    assert Shape.of(spec) == Shape(2, 9, False, True, False)


@pytest.mark.parametrize(
    "spec",
    [TypeSpec("int"), TypeSpec("str", pattern="^a$"), TypeSpec("str", min_length=5, max_length=4)],
)
def test_shape_refuses_what_a_provider_cannot_fill(spec):
    assert Shape.of(spec) is None


@pytest.mark.parametrize(("lo", "hi"), [(0, 5), (3, 7), (10, 10), (0, 0), (1, 1)])
def test_cutting_lands_in_bounds_at_a_word_boundary_when_it_can(lo, hi):
    shape = Shape(lo, hi)
    value = shape.cut("Summit Analytics Partners Worldwide")
    assert lo <= len(value) <= hi
    assert value == value.strip()


def test_cutting_prefers_whole_words():
    assert Shape(0, 20).cut("Summit Analytics Partners Worldwide") == "Summit Analytics"


def test_growing_extends_then_cuts_back():
    shape = Shape(12, 14)
    value = shape.grow("Oak", random.Random(0), joined(lambda rng: "Street"))
    assert 12 <= len(value) <= 14


def test_weighted_pools_follow_their_weights():
    pool = Pool.of({"common": 99.0, "rare": 1.0})
    rng = random.Random(0)
    draws = [pool.draw(rng) for _ in range(1000)]
    assert draws.count("common") > 900


def test_pools_keep_only_values_that_fit_and_cut_when_nothing_does():
    pool = Pool.of(["Al", "Maximilian", "Eve"])
    assert from_pool(pool, Shape(3, 5))(random.Random(0)) == "Eve"
    assert from_pool(pool, Shape(12, None)) is None
    assert len(from_pool(Pool.of(["Maximilian"]), Shape(0, 4))(random.Random(0))) == 4


def test_pools_use_the_fallback_when_the_locale_has_nothing_that_fits():
    draw = from_pool(Pool.of(["李"]), Shape(4, 8), fallback=Pool.of(["Maria"]))
    assert draw(random.Random(0)) == "Maria"


def test_pool_values_are_transformed_once():
    draw = from_pool(Pool.of(["Berlin", "berlin"]), Shape(upper=True))
    assert {draw(random.Random(seed)) for seed in range(10)} == {"BERLIN"}


def test_fitted_uses_the_short_form_when_draws_are_too_long():
    draw = fitted(Shape(0, 3), lambda rng: "too long", short=lambda rng: "ok")
    assert draw(random.Random(0)) == "ok"


def test_fitted_returns_the_draw_itself_when_anything_goes():
    def draw(rng):
        return "x"

    assert fitted(Shape(), draw) is draw


def test_growing_with_an_extension_that_never_grows_still_meets_the_minimum():
    value = Shape(10, 12).grow("Oak", random.Random(0), lambda value, rng: value)
    assert 10 <= len(value) <= 12


def test_a_pool_fitted_to_a_shape_is_read_once_and_stays_what_a_fresh_pool_gives():
    weighted = Pool.of({"Ann": 3.0, "Bartholomew": 1.0, "Cy": 2.0})
    shape = Shape(lo=2, hi=4, upper=True)
    first = weighted.shaped(shape)
    assert first is weighted.shaped(shape)  # remembered per shape: a graph's many fields filter it once
    fresh = Pool.of({"Ann": 3.0, "Bartholomew": 1.0, "Cy": 2.0}).shaped(shape)
    assert first == fresh
    assert first is not None
    assert first.items == ("ANN", "CY")
    assert weighted.shaped(shape, cut=True) is not first  # cutting is another shape of the pool
    assert weighted == Pool.of({"Ann": 3.0, "Bartholomew": 1.0, "Cy": 2.0})  # the memo is no part of equality
