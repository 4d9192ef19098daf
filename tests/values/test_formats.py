from __future__ import annotations

import os
import random
import stat
import tempfile
from pathlib import Path

import pytest
from pydantic import ByteSize, DirectoryPath, FilePath, NewPath, TypeAdapter
from pydantic.types import PaymentCardBrand, PaymentCardNumber

from pytest_forge.errors import ConstraintError, UnsupportedTypeError
from pytest_forge.spec import TypeSpec
from pytest_forge.values.formats import (
    TEST_CARD_PREFIXES,
    byte_size_values,
    luhn_check_digit,
    path_values,
    payment_card_values,
)

SEEDS = (0, 1, 2, 3, 4)


def draw(gen, n=200, seeds=SEEDS):
    return [gen(rng) for seed in seeds for rng in [random.Random(seed)] for _ in range(n)]


def test_plain_paths_are_relative_and_realistic():
    values = draw(path_values(TypeSpec("path")))
    adapter = TypeAdapter(Path)
    for value in values:
        assert adapter.validate_python(value) == value
        assert not value.is_absolute()
        assert len(value.parts) >= 3
        assert value.suffix


def test_new_paths_do_not_exist_and_pass_newpath(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    values = draw(path_values(TypeSpec("path", path_type="new")), n=20)
    adapter = TypeAdapter(NewPath)
    assert all(adapter.validate_python(v) == v and not v.exists() for v in values)
    assert len(set(values)) == len(values)


def test_directory_paths_pass_directorypath():
    value = path_values(TypeSpec("path", path_type="dir"))(random.Random(0))
    assert TypeAdapter(DirectoryPath).validate_python(value) == value


def test_file_paths_are_existing_empty_files_in_our_own_temp_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gen = path_values(TypeSpec("path", path_type="file"))
    values = [gen(random.Random(seed)) for seed in range(5)]
    adapter = TypeAdapter(FilePath)
    assert all(adapter.validate_python(v) == v and v.stat().st_size == 0 for v in values)
    root = tmp_path / f"pytest-forge-{os.getuid()}"
    assert all(v.is_relative_to(root / "files") for v in values)
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert [gen(random.Random(seed)) for seed in range(5)] == values  # same seed, same path


def test_file_paths_are_not_made_through_a_link_of_someone_else(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / f"pytest-forge-{os.getuid()}").symlink_to(elsewhere)
    with pytest.raises(ConstraintError, match="not a directory of this user"):
        path_values(TypeSpec("path", path_type="file"))(random.Random(0))
    assert not any(elsewhere.iterdir())


@pytest.mark.parametrize(("path_type", "label"), [("socket", "SocketPath"), ("odd", "odd")])
def test_paths_that_must_exist_are_unsupported(path_type, label):
    with pytest.raises(UnsupportedTypeError, match=label) as info:
        path_values(TypeSpec("path", path_type=path_type))
    assert "override" in str(info.value) or path_type == "odd"


@pytest.mark.parametrize("bounds", [{}, {"ge": 1024, "le": 2048}, {"gt": 10**12}, {"le": 100}])
def test_byte_sizes_pass_pydantic_within_bounds(bounds):
    values = draw(byte_size_values(TypeSpec("byte_size", **bounds)))
    adapter = TypeAdapter(ByteSize)
    for value in values:
        assert adapter.validate_python(value) == value
        assert value >= bounds.get("ge", 0)
        assert value > bounds.get("gt", -1)
        assert value <= bounds.get("le", 10**15)
    assert len(set(values)) > 50


def test_contradictory_byte_size_bounds_raise():
    with pytest.raises(ConstraintError, match="ge=10 is greater than le=5"):
        byte_size_values(TypeSpec("byte_size", ge=10, le=5))


@pytest.mark.parametrize(
    ("digits", "check"),
    [
        ("7992739871", "3"),
        ("424242424242424", "2"),
        ("37828224631000", "5"),
        ("555555555555444", "4"),
        ("0", "0"),
    ],
)
def test_luhn_check_digit_matches_known_numbers(digits, check):
    assert luhn_check_digit(digits) == check


def test_luhn_check_digit_needs_digits():
    with pytest.raises(ValueError, match="needs decimal digits"):
        luhn_check_digit("4242-4242")


@pytest.mark.filterwarnings("ignore:The `PaymentCardNumber` class is deprecated")
def test_card_numbers_pass_pydantic_and_use_test_prefixes():
    values = draw(payment_card_values(TypeSpec("payment_card")))
    adapter = TypeAdapter(PaymentCardNumber)
    brands = set()
    for value in values:
        card = adapter.validate_python(value)
        assert card == value
        brands.add(card.brand)
        assert any(value.startswith(p) and len(value) == n for p, n in TEST_CARD_PREFIXES)
    assert {PaymentCardBrand.visa, PaymentCardBrand.mastercard, PaymentCardBrand.amex} <= brands
    assert len(set(values)) == len(values)


@pytest.mark.parametrize(
    "make",
    [
        lambda: path_values(TypeSpec("path")),
        lambda: byte_size_values(TypeSpec("byte_size")),
        lambda: payment_card_values(TypeSpec("payment_card")),
    ],
)
def test_same_seed_same_sequence(make):
    gen = make()
    random.seed(8)
    state = random.getstate()
    assert draw(gen, n=30, seeds=(1,)) == draw(make(), n=30, seeds=(1,))
    assert draw(gen, n=30, seeds=(1,)) != draw(gen, n=30, seeds=(2,))
    assert random.getstate() == state
