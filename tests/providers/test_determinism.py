from __future__ import annotations

import os
import random
import subprocess
import sys
import threading

import pytest

from pytest_forge.providers.catalog import ProviderContext, find_provider
from pytest_forge.providers.registry import MAKERS
from pytest_forge.spec import TypeSpec

SPECS = [TypeSpec("str"), TypeSpec("str", max_length=12), TypeSpec("str", min_length=30, max_length=60)]


def sequence(source: str, spec: TypeSpec, seed: int, locale: str = "en_US", count: int = 5) -> list[str]:
    draw = MAKERS[source](spec, ProviderContext(locale=locale))
    if draw is None:
        return []
    rng = random.Random(seed)
    return [draw(rng) for _ in range(count)]


@pytest.mark.parametrize("source", sorted(MAKERS))
def test_same_seed_gives_the_same_values(source):
    for spec in SPECS:
        assert sequence(source, spec, 42) == sequence(source, spec, 42)


@pytest.mark.parametrize("source", ["person.full_name", "address.city", "internet.email", "text.bio"])
def test_different_seeds_give_different_values(source):
    assert sequence(source, TypeSpec("str"), 1) != sequence(source, TypeSpec("str"), 2)


@pytest.mark.parametrize("locale", ["de_DE", "fr_FR", "ja_JP"])
def test_faker_backed_values_are_reproducible(locale):
    for source in ("address.street", "address.street_name", "address.postcode"):
        assert sequence(source, TypeSpec("str"), 7, locale) == sequence(source, TypeSpec("str"), 7, locale)


def test_generators_never_touch_the_global_random():
    random.seed(1234)
    state = random.getstate()
    for source in sorted(MAKERS):
        for locale in ("en_US", "de_DE"):
            sequence(source, TypeSpec("str"), 5, locale, count=2)
    assert random.getstate() == state


def test_values_do_not_depend_on_other_threads_drawing_at_the_same_time():
    expected = {
        seed: sequence("address.street", TypeSpec("str"), seed, "de_DE", count=20) for seed in range(8)
    }
    results: dict[int, list[str]] = {}

    def work(seed: int) -> None:
        results[seed] = sequence("address.street", TypeSpec("str"), seed, "de_DE", count=20)

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == expected


def test_the_reference_date_drives_relative_years():
    import datetime

    late = ProviderContext(reference_date=datetime.date(2040, 6, 1))
    draw = MAKERS["commerce.order_number"](TypeSpec("str"), late)
    assert draw(random.Random(0)).startswith("ORD-2040-")


FIELDS = ("full_name", "email", "city", "bio", "street")
SCRIPT = """
import random, sys
from pytest_forge.providers.catalog import ProviderContext, find_provider
from pytest_forge.spec import TypeSpec
assert "faker" not in sys.modules  # finding a provider is cheap; Faker loads on first make
out = []
for field in sys.argv[2:]:
    draw = find_provider(field, TypeSpec("str")).make(TypeSpec("str"), ProviderContext(locale=sys.argv[1]))
    rng = random.Random(2024)
    out += [draw(rng) for _ in range(3)]
print(repr(out))
"""


def draws_here(locale: str) -> list[str]:
    out = []
    for field in FIELDS:
        draw = find_provider(field, TypeSpec("str")).make(TypeSpec("str"), ProviderContext(locale=locale))
        rng = random.Random(2024)
        out += [draw(rng) for _ in range(3)]
    return out


@pytest.mark.parametrize("locale", ["en_US", "de_DE"])
def test_values_are_the_same_in_another_process_with_another_hash_seed(locale):
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    command = [sys.executable, "-c", SCRIPT, locale, *FIELDS]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == repr(draws_here(locale))
