"""ForgeMemory: rules on disk, re-read each call, bound offline, checked against the live model."""

from __future__ import annotations

import multiprocessing
import warnings

import pytest

from pytest_forge import Forge
from pytest_forge.errors import UsageError
from pytest_forge.memory import ForgeMemory, ForgeMemoryWarning
from tests.memory.models import AccountType, Loan, User

UNDER_18 = "Users under 18 get restricted account type"


@pytest.fixture
def forge(tmp_path):
    return Forge(seed=7, use_ai=False, memory_dir=tmp_path / ".forge")


def test_add_list_remove_round_trip_through_readable_files(forge, tmp_path):
    rule = forge.memory.add_rule("user", UNDER_18, when="age < 18", then={"account_type": "restricted"})
    other = forge.memory.add_rule("financial", "Max 3 active loans per customer", models=["Loan"])
    assert (rule.topic, rule.text, rule.when, rule.then) == ("user", UNDER_18, "age < 18", {
        "account_type": "restricted"
    })  # fmt: skip
    assert forge.memory.rules() == [other, rule]
    assert forge.memory.rules("user") == [rule]
    index = (tmp_path / ".forge" / "FORGE.md").read_text()
    assert "[user](topics/user.md): 1 rule" in index
    assert "[financial](topics/financial.md)" in index
    topic_file = (tmp_path / ".forge" / "topics" / "user.md").read_text()
    assert f"## {rule.id}\n{UNDER_18}\n- when: `age < 18`" in topic_file
    assert (
        forge.memory.add_rule("user", UNDER_18, when="age < 18", then={"account_type": "restricted"}) == rule
    )
    assert len(forge.memory.rules("user")) == 1  # the same rule twice is kept once
    assert forge.memory.remove_rule("user", rule.id) == rule
    assert forge.memory.rules() == [other]
    assert not (tmp_path / ".forge" / "topics" / "user.md").exists()
    with pytest.raises(UsageError, match=r"no rule 'r0000' \(its rules: none\)"):
        forge.memory.remove_rule("user", "r0000")


def test_an_offline_rule_is_obeyed_across_1000_records(forge):
    forge.memory.add_rule("user", UNDER_18, when="age < 18", then={"account_type": "restricted"})
    users = forge.create_batch(User, count=1000)
    minors = [u for u in users if u.age < 18]
    assert len(minors) > 50  # the rule had work to do
    assert all(u.account_type is AccountType.RESTRICTED for u in minors)
    assert {u.account_type for u in users if u.age >= 18} > {AccountType.STANDARD}  # adults untouched


def test_call_overrides_beat_rules(forge):
    forge.memory.add_rule("user", UNDER_18, when="age < 18", then={"account_type": "restricted"})
    user = forge.create(User, age=10, account_type=AccountType.PREMIUM)
    assert user.account_type is AccountType.PREMIUM


def test_a_rule_edited_on_disk_changes_the_next_call(forge, tmp_path):
    forge.memory.add_rule("loan", "Loans start open", then={"status": "open"})
    assert {loan.status for loan in forge.create_batch(Loan, count=30)} == {"open"}
    path = tmp_path / ".forge" / "topics" / "loan.md"
    path.write_text(path.read_text().replace('"open"', '"closed"'))
    assert {loan.status for loan in forge.create_batch(Loan, count=30)} == {"closed"}
    path.unlink()
    assert {loan.status for loan in forge.create_batch(Loan, count=60)} == {"open", "closed"}


def test_topic_rules_apply_to_the_models_they_name_only(forge):
    forge.memory.add_rule("financial", "Loans are closed", then={"status": "closed"}, models=["Loan"])
    forge.memory.add_rule("user", "Users are from Israel", then={"country": "IL"})
    assert {loan.status for loan in forge.create_batch(Loan, count=20)} == {"closed"}
    assert {u.country for u in forge.create_batch(User, count=20)} == {"IL"}


def test_a_stale_rule_is_reported_once_and_left_out(forge):
    forge.memory.add_rule("user", "Users have a tier", when="tier == 'gold'", then={"age": 30})
    forge.memory.add_rule("user", "VIPs are premium", then={"account_type": "vip"})
    with pytest.warns(ForgeMemoryWarning) as caught:
        forge.create_batch(User, count=5)
    forge.create_batch(User, count=5)  # no second warning: filterwarnings=error would raise it
    messages = [str(w.message) for w in caught]
    assert len(messages) == 2
    assert any("User has no field tier" in m for m in messages)
    assert any("User.account_type has no value 'vip'" in m for m in messages)
    report = forge.memory.check(User)
    assert [s.rule.text for s in report.stale] == ["Users have a tier", "VIPs are premium"]
    assert report.active == ()


def test_a_then_value_the_model_would_refuse_is_stale_not_an_error(forge):
    forge.memory.add_rule("user", "Everyone is 150", then={"age": 150})
    forge.memory.add_rule("loan", "Loans have no amount", then={"amount": None})
    with pytest.warns(ForgeMemoryWarning, match=r"User.age cannot be 150 \(le=120\)"):
        users = forge.create_batch(User, count=20)
    assert all(u.age <= 120 for u in users)
    with pytest.warns(ForgeMemoryWarning, match=r"Loan.amount cannot be None \(it is not optional\)"):
        forge.create(Loan)


def test_conflicting_rules_are_reported_and_the_later_left_out(forge):
    first = forge.memory.add_rule("loan", "Loans are open", then={"status": "open"})
    forge.memory.add_rule("loan", "Loans are closed", then={"status": "closed"})
    with pytest.warns(ForgeMemoryWarning, match="conflict"):
        loans = forge.create_batch(Loan, count=10)
    assert {loan.status for loan in loans} == {"open"}
    assert forge.memory.check(Loan).active == (first,)


def test_rules_reach_the_ai_prompt_of_their_model_within_the_budget(forge):
    plan_user, plan_loan = forge.plan(User), forge.plan(Loan)
    forge.memory.add_rule("user", UNDER_18)
    forge.memory.add_rule("financial", "Amounts are whole euros", models=["Loan"])
    assert forge._ai.rules_for(plan_user) == [UNDER_18]
    assert forge._ai.rules_for(plan_loan) == ["Amounts are whole euros"]
    long_rules = [forge.memory.add_rule("user", f"Rule {i}: " + "x" * 480) for i in range(5)]
    with pytest.warns(ForgeMemoryWarning, match=f"{long_rules[4].id}.*2,000-character budget"):
        texts = forge._ai.rules_for(plan_user)
    assert texts == [UNDER_18, *(r.text for r in long_rules[:4])]
    assert sum(len(t) + 1 for t in texts) <= 2000


def test_memory_directory_follows_keyword_then_environment_then_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert ForgeMemory().directory == tmp_path / ".forge"
    monkeypatch.setenv("FORGE_MEMORY_DIR", str(tmp_path / "env"))
    assert ForgeMemory().directory == tmp_path / "env"
    assert ForgeMemory(tmp_path / "kw").directory == tmp_path / "kw"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m: m.add_rule("User", "x"), "snake_case"),
        (lambda m: m.add_rule("user", "  "), "text is empty"),
        (lambda m: m.add_rule("user", "x", when="open()"), "not allowed"),
        (lambda m: m.add_rule("user", "x", then={"a": object()}), "JSON values"),
        (lambda m: m.add_rule("user", "x", models=["not a name"]), "class names"),
    ],
)
def test_bad_rules_are_refused_in_the_users_terms(tmp_path, call, message):
    with pytest.raises(UsageError, match=message):
        call(ForgeMemory(tmp_path))


def _add_many(directory: str, worker: int) -> None:
    memory = ForgeMemory(directory)
    for i in range(15):
        memory.add_rule("loan", f"worker {worker} rule {i}")


def test_concurrent_writers_lose_no_rule(tmp_path):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_add_many, args=(str(tmp_path), w)) for w in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    texts = {r.text for r in ForgeMemory(tmp_path).rules("loan")}
    assert texts == {f"worker {w} rule {i}" for w in range(4) for i in range(15)}
    assert "loan](topics/loan.md): 60 rules" in (tmp_path / "FORGE.md").read_text()


def test_no_memory_directory_means_no_rules_and_no_warning(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(Forge(seed=1, memory_dir=tmp_path / "absent").create_batch(Loan, count=3)) == 3
    assert not (tmp_path / "absent").exists()
