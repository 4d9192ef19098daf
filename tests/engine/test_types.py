"""Every pydantic v2 type and constraint we promise generates valid instances."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal

import pytest
from pydantic import BaseModel

from pytest_forge import Forge
from tests.engine import models as m

ALL_MODELS = [
    m.Scalars, m.Temporal, m.Identifiers, m.Choices, m.Owner, m.Node, m.Box[int], m.Box[m.Cat],
    m.Bounded, m.Collections, m.Constrained, m.Formats, m.Aliased, m.StrictModel, m.Defaults,
    m.Aliases, m.Forward, m.User, m.Oddities, m.Scores,
]  # fmt: skip


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda model: model.__name__)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_model_generates_valid_instances(model: type[BaseModel], seed: int) -> None:
    made = Forge(seed=seed, allow_pii=True).create_batch(model, count=25)
    assert len(made) == 25
    assert all(type(item) is model for item in made)


def test_create_batch_of_one_is_still_a_list() -> None:
    made = Forge(seed=1).create_batch(m.Scalars, count=1)
    assert isinstance(made, list)
    assert len(made) == 1


def test_decimal_respects_digits_and_places() -> None:
    for item in Forge(seed=4).create_batch(m.Scalars, count=100):
        _sign, _digits, exponent = item.price.as_tuple()
        assert isinstance(exponent, int)
        assert -exponent <= 2
        assert abs(item.price) < Decimal("10000")


def test_temporal_fields_follow_past_future_and_zones() -> None:
    before = dt.date.today()
    items = Forge(seed=5).create_batch(m.Temporal, count=100)
    after = dt.date.today()  # the run may cross midnight
    for item in items:
        assert item.aware.tzinfo is not None
        assert item.naive.tzinfo is None
        assert item.past < after
        assert before < item.future
        assert dt.date(2020, 1, 1) <= item.bounded <= dt.date(2020, 12, 31)


def test_uuid_versions_are_honoured() -> None:
    item = Forge(seed=6).create(m.Identifiers)
    assert (item.u1.version, item.u3.version, item.u4.version, item.u5.version) == (1, 3, 4, 5)


def test_enums_literals_and_unions_cover_their_choices() -> None:
    made = Forge(seed=7).create_batch(m.Choices, count=200)
    assert {item.color for item in made} == set(m.Color)
    assert {item.status for item in made} == {"active", "banned", 3}
    assert any(item.maybe is None for item in made)
    assert any(item.maybe is not None for item in made)
    assert {type(item.either) for item in made} == {int, str}


def test_discriminated_unions_pick_every_arm() -> None:
    made = Forge(seed=8).create_batch(m.Owner, count=60)
    assert {type(item.pet) for item in made} == {m.Cat, m.Dog}
    assert {type(item.tagged) for item in made} == {m.Cat, m.Dog}


def test_recursive_models_stop_at_a_bounded_depth() -> None:
    def depth(node: m.Node) -> int:
        below = [depth(child) for child in node.children]
        if node.parent is not None:
            below.append(depth(node.parent))
        return 1 + max(below, default=0)

    made = Forge(seed=9).create_batch(m.Node, count=30)
    assert max(depth(node) for node in made) <= 4


def test_generics_use_their_parameters_and_bounds() -> None:
    forge = Forge(seed=10)
    assert isinstance(forge.create(m.Box[int]).item, int)
    assert isinstance(forge.create(m.Box[m.Cat]).item, m.Cat)
    assert isinstance(forge.create(m.Bounded).value, int)


def test_collections_respect_lengths_and_kinds() -> None:
    for item in Forge(seed=11).create_batch(m.Collections, count=50):
        assert 2 <= len(item.names) <= 4
        assert isinstance(item.unique, set)
        assert isinstance(item.frozen, frozenset)
        assert isinstance(item.pair[0], int)
        assert isinstance(item.pair[1], str)
        assert len(item.fixed) == 3


def test_constraints_are_always_met() -> None:
    pattern = re.compile(r"^[A-Z]{3}-\d{4}$")
    for item in Forge(seed=12).create_batch(m.Constrained, count=200):
        assert 10 <= item.small <= 12
        assert item.even % 2 == 0
        assert 100 < item.even < 110
        assert 0 < item.ratio < 1
        assert pattern.match(item.code)
        assert 3 <= len(item.short) <= 5
        assert item.lowered == item.lowered.lower()
        assert item.odd % 2 == 1


def test_formats_are_valid_and_reserved() -> None:
    for item in Forge(seed=13, allow_pii=True).create_batch(m.Formats, count=50):
        domain = item.email.rsplit("@", 1)[1]
        reserved = ("example.com", "example.net", "example.org")
        assert domain in reserved or domain.endswith(tuple("." + d for d in reserved))
        assert item.site.scheme in {"http", "https"}
        assert item.token.get_secret_value()
        assert isinstance(item.payload_json, list)


def test_aliases_paths_and_choices_are_filled() -> None:
    item = Forge(seed=14).create(m.Aliased)
    assert isinstance(item.full, str)
    assert isinstance(item.deep, int)
    assert isinstance(item.choice, str)
    with pytest.raises(Exception, match="frozen"):
        item.full = "changed"  # type: ignore[misc]


def test_strict_models_get_exact_types() -> None:
    item = Forge(seed=15).create(m.StrictModel)
    assert type(item.count) is int
    assert type(item.ratio) is float
    assert isinstance(item.color, m.Color)
    assert isinstance(item.uid, uuid.UUID)


def test_type_aliases_and_forward_references_resolve() -> None:
    forge = Forge(seed=16)
    aliased = forge.create(m.Aliases)
    assert all(isinstance(n, int) for n in aliased.numbers)
    assert len(aliased.pair) == 2
    assert isinstance(forge.create(m.Forward).later.value, int)


def test_dataclasses_and_typeddicts_are_accepted() -> None:
    import dataclasses

    from typing_extensions import TypedDict

    @dataclasses.dataclass
    class Point:
        x: int
        y: float = 0.0

    class Row(TypedDict):
        name: str
        score: int

    forge = Forge(seed=17)
    assert isinstance(forge.create(Point), Point)
    row = forge.create(Row)
    assert set(row) == {"name", "score"}
