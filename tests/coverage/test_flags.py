"""Feature flags: shipped on, staged off, FORGE_FLAG_<NAME> switches, and the code obeys."""

from __future__ import annotations

import pytest

from pytest_forge import Forge, flag_summary, is_enabled
from pytest_forge.errors import UsageError
from tests.coverage.models import Order
from tests.memory.models import Loan


@pytest.fixture(autouse=True)
def _no_flags(monkeypatch):
    for name in ("MEMORY", "DREAM", "STRATEGY", "DREAM_AUTO"):
        monkeypatch.delenv(f"FORGE_FLAG_{name}", raising=False)


def test_shipped_flags_are_on_and_staged_ones_off():
    assert flag_summary() == {"memory": True, "dream": True, "strategy": True, "dream_auto": False}


def test_environment_switches_a_flag(monkeypatch):
    monkeypatch.setenv("FORGE_FLAG_DREAM_AUTO", "1")
    monkeypatch.setenv("FORGE_FLAG_DREAM", "off")
    assert is_enabled("dream_auto") is True
    assert is_enabled("dream") is False


def test_a_flag_turned_off_turns_its_feature_off(monkeypatch, tmp_path):
    forge = Forge(seed=1, memory_dir=tmp_path)
    forge.memory.add_rule("loan", "Loans are closed", then={"status": "closed"})
    monkeypatch.setenv("FORGE_FLAG_MEMORY", "0")
    assert {loan.status for loan in forge.create_batch(Loan, count=30)} == {"open", "closed"}
    monkeypatch.setenv("FORGE_FLAG_DREAM", "0")
    with pytest.raises(UsageError, match="turned off by FORGE_FLAG_DREAM"):
        forge.dream()
    monkeypatch.setenv("FORGE_FLAG_STRATEGY", "0")
    with pytest.raises(UsageError, match="turned off by FORGE_FLAG_STRATEGY"):
        forge.strategy(Order)


def test_bad_names_and_values_are_usage_errors(monkeypatch):
    with pytest.raises(UsageError, match=r"no such feature flag \(flags: memory, dream"):
        is_enabled("kairos")
    monkeypatch.setenv("FORGE_FLAG_DREAM", "maybe")
    with pytest.raises(UsageError, match="FORGE_FLAG_DREAM='maybe': use 1"):
        is_enabled("dream")
