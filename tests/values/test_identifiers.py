from __future__ import annotations

import pickle
import random
import uuid

import pydantic
import pytest
from pydantic import TypeAdapter

from pytest_forge.errors import ConstraintError
from pytest_forge.spec import TypeSpec
from pytest_forge.values.identifiers import uuid_values

SEEDS = (0, 1, 2, 3, 4)


def draw(gen, n=200, seeds=SEEDS):
    return [gen(rng) for seed in seeds for rng in [random.Random(seed)] for _ in range(n)]


@pytest.mark.parametrize("version", [1, 3, 4, 5, 6, 7, 8])
def test_uuids_pass_pydantics_versioned_types(version):
    values = draw(uuid_values(TypeSpec("uuid", version=version)))
    adapter = TypeAdapter(getattr(pydantic, f"UUID{version}"))
    for value in values:
        assert value.version == version
        assert value.variant == uuid.RFC_4122
        assert adapter.validate_python(value) == value
        assert adapter.validate_python(str(value)) == value


def test_version_two_has_the_right_bits():
    values = draw(uuid_values(TypeSpec("uuid", version=2)), n=20)
    assert {v.version for v in values} == {2}


def test_default_version_is_four_and_values_are_unique():
    values = draw(uuid_values(TypeSpec("uuid")))
    assert {v.version for v in values} == {4}
    assert len(set(values)) == len(values)


def test_uuids_behave_like_ordinary_uuids():
    value = uuid_values(TypeSpec("uuid"))(random.Random(0))
    twin = uuid.UUID(int=value.int)
    assert value == twin
    assert hash(value) == hash(twin)
    assert str(value) == str(twin)
    assert pickle.loads(pickle.dumps(value)) == value
    assert value.is_safe is uuid.SafeUUID.unknown


@pytest.mark.parametrize("version", [0, 9])
def test_unknown_versions_raise(version):
    with pytest.raises(ConstraintError, match=f"version={version} is not a UUID version"):
        uuid_values(TypeSpec("uuid", version=version))


def test_same_seed_same_uuids():
    gen = uuid_values(TypeSpec("uuid"))
    random.seed(3)
    state = random.getstate()
    assert draw(gen, seeds=(1,)) == draw(gen, seeds=(1,))
    assert draw(gen, seeds=(1,)) != draw(gen, seeds=(2,))
    assert random.getstate() == state
