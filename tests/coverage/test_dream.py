"""ForgeDream: gaps in the data actually generated, in the library and under pytest."""

from __future__ import annotations

import json

import pytest

from pytest_forge import Forge, ForgeMemoryWarning
from pytest_forge.memory.notices import MEMORY_NOTICES
from tests.coverage.models import Order, Window
from tests.memory.models import User


def test_gaps_are_what_the_made_records_never_showed(tmp_path):
    forge = Forge(seed=1, memory_dir=tmp_path)
    forge.create_batch(Order, count=3, status="new", coupon=None)
    forge.coverage(Window)
    report = forge.dream(models=[Order, Window])
    gaps = {(g.model, g.field, g.kind, g.detail) for g in report.gaps}
    assert ("Order", "status", "enum", "no record had status value 'paid'") in gaps
    assert ("Order", "coupon", "none", "no record had coupon present") in gaps
    assert ("Order", "quantity", "boundary", "no record had quantity max") in gaps
    assert not [g for g in report.gaps if g.model == "Window"]  # its coverage set reaches everything
    assert {(m.model, m.records) for m in report.models} == {("Order", 3), ("Window", 4)}
    written = json.loads((tmp_path / "coverage_gaps.json").read_text())
    assert {(g["model"], g["field"], g["kind"], g["detail"]) for g in written} == gaps


def test_rule_problems_and_unbounded_numbers_are_gaps(tmp_path):
    class Plain(__import__("pydantic").BaseModel):
        score: float

    forge = Forge(seed=1, memory_dir=tmp_path)
    forge.memory.add_rule("user", "Tiers", when="tier == 'gold'")
    forge.memory.add_rule("user", "A", then={"country": "IL"})
    forge.memory.add_rule("user", "B", then={"country": "US"})
    MEMORY_NOTICES.forget()
    with pytest.warns(ForgeMemoryWarning) as caught:
        forge.create_batch(User, count=2)
    messages = " | ".join(str(w.message) for w in caught)
    assert "is stale: User has no field tier" in messages
    assert "memory rules conflict" in messages
    forge.create(Plain)
    kinds = {(g.model, g.kind) for g in forge.dream(write=False).gaps}
    assert {("User", "stale_rule"), ("User", "conflicting_rules"), ("Plain", "no_boundary")} <= kinds
    assert not (tmp_path / "coverage_gaps.json").exists()


MODELS = """
import enum
from pydantic import BaseModel, Field

class Size(enum.Enum):
    S = "s"
    M = "m"
    L = "l"

class Shirt(BaseModel):
    size: Size
    price: int = Field(ge=1, le=500)
"""

TESTS = """
from models import Shirt, Size

def test_small(forge):
    forge.create(Shirt, size=Size.S, price=1)

def test_medium(forge):
    forge.create(Shirt, size=Size.M, price=250)
"""


@pytest.mark.parametrize("xdist", [False, True])
def test_the_terminal_summary_shows_the_data_coverage_table(pytester: pytest.Pytester, monkeypatch, xdist):
    monkeypatch.delenv("FORGE_MEMORY_DIR", raising=False)
    pytester.makepyfile(models=MODELS, test_shirts=TESTS)
    args = ["--forge-dream", "-p", "no:randomly"] + (["-n", "2"] if xdist else [])
    result = pytester.runpytest_subprocess(*args)
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines([
        "*forge data coverage*",
        "model*records*reached*coverage*gaps",
        "Shirt*2*3/7*43%*4",
        "4 gap(s) written to *coverage_gaps.json",
    ])  # fmt: skip
    gaps = json.loads((pytester.path / ".forge" / "coverage_gaps.json").read_text())
    assert {(g["field"], g["detail"]) for g in gaps} == {
        ("size", "no record had size value 'l'"),
        ("price", "no record had price just above min"),
        ("price", "no record had price max"),
        ("price", "no record had price just below max"),
    }


def test_without_the_option_nothing_is_recorded(pytester: pytest.Pytester):
    pytester.makepyfile(models=MODELS, test_shirts=TESTS)
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=2)
    assert "forge data coverage" not in result.stdout.str()
    assert not (pytester.path / ".forge").exists()
