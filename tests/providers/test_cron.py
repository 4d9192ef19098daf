"""Fields named like a cron expression hold one that parses (django-q2's ``Schedule.cron``)."""

from __future__ import annotations

import random
import re

import pytest
from pydantic import BaseModel, Field

from pytest_forge import Forge
from pytest_forge.providers.catalog import ProviderContext
from pytest_forge.providers.cron import cron
from pytest_forge.spec import TypeSpec

_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
_PART = re.compile(r"(\*|(\d+)(?:-(\d+))?)(?:/([1-9]\d*))?")


def _parses(value: str) -> bool:
    fields = value.split(" ")
    if len(fields) != len(_RANGES):
        return False
    for text, (low, high) in zip(fields, _RANGES, strict=True):
        for part in text.split(","):
            found = _PART.fullmatch(part)
            if not found:
                return False
            bounds = [int(n) for n in found.groups()[1:3] if n is not None]
            if any(n < low or n > high for n in bounds):
                return False
    return True


class Job(BaseModel):
    cron: str
    cron_expression: str = Field(max_length=12)
    crontab: str = Field(min_length=20, max_length=40)
    schedule: str  # alone, not a cron expression


def test_cron_named_fields_hold_cron_expressions_within_their_lengths():
    jobs = Forge(seed=1).build_batch(Job, 200)
    for job in jobs:
        assert all(_parses(value) for value in (job.cron, job.cron_expression, job.crontab))
        assert len(job.cron_expression) <= 12
        assert 20 <= len(job.crontab) <= 40
    assert len({job.cron for job in jobs}) > 50
    assert not any(_parses(job.schedule) for job in jobs)


@pytest.mark.parametrize("shape", [{"max_length": 8}, {"min_length": 12, "max_length": 13}])
def test_no_cron_expression_fits_and_the_provider_declines(shape):
    assert cron(TypeSpec("str", **shape), ProviderContext()) is None


def test_a_long_minimum_grows_the_minute_list():
    draw = cron(TypeSpec("str", min_length=30, max_length=40), ProviderContext())
    assert draw is not None
    values = [draw(random.Random(seed)) for seed in range(50)]
    assert all(_parses(v) for v in values)
    assert all(30 <= len(v) <= 40 for v in values)
