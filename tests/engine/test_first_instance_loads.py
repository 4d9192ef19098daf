"""A process's first instance loads only what its model needs (issue 11: the first instance within 0.5 s).

A pydantic model without an ``EmailStr`` field never imports email-validator (about 0.1 s), and the
adapters of the other model kinds (SQLAlchemy, Django, attrs, msgspec) stay unloaded. The name rules
are looked up by their first word, and must match exactly what trying every rule matched.
"""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest
from pydantic import BaseModel

from pytest_forge import Forge
from pytest_forge.gates.rules import _contains, _phrases, default_rules, load_data

FIRST_MODEL = """
import sys
from pydantic import BaseModel
from pytest_forge import Forge

class Account(BaseModel):
    name: str
    owner_email: str
    balance: int

Forge(seed=1).create(Account)
loaded = [name for name in {modules!r} if name in sys.modules]
assert not loaded, f"loaded for a plain pydantic model: {{loaded}}"
"""


@pytest.mark.parametrize(
    "modules",
    [
        ("email_validator",),
        (
            "pytest_forge.adapters.sqlalchemy_models",
            "pytest_forge.adapters.django_models",
            "pytest_forge.adapters.attrs_models",
            "pytest_forge.adapters.msgspec_models",
        ),
    ],
    ids=["email-validator", "other-adapters"],
)
def test_a_plain_pydantic_model_loads_nothing_it_does_not_use(modules: tuple[str, ...]) -> None:
    code = FIRST_MODEL.format(modules=modules)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def _every_rule(
    rules: list[tuple[tuple[str, ...], str]], tokens: tuple[str, ...]
) -> list[tuple[tuple[str, ...], str]]:
    return [(phrase, category) for phrase, category in rules if _contains(tokens, phrase)]


def test_the_phrase_index_finds_what_trying_every_rule_finds() -> None:
    from pytest_forge.gates.rules import PhraseIndex

    data = load_data("rules.json")
    groups = [data["sensitive"], data["dangerous"], data["personal"], data["contact_hints"]]
    rules = [rule for group in groups for rule in _phrases(group)]
    index = PhraseIndex(rules)
    words = sorted({word for phrase, _ in rules for word in phrase})
    # each rule word alone, with -s and -es, and next to every other word: every way a phrase can occur
    forms = [form for word in words for form in (word, word + "s", word + "es")]
    names = [(form,) for form in forms] + [(a, b) for a, b in itertools.product(words[:60], repeat=2)]
    names += [("my", *phrase, "id") for phrase, _ in rules] + [("x", "ss", "es", "s")]
    hits = 0
    for tokens in names:
        expected = _every_rule(rules, tokens)
        assert index.hits(tokens) == expected, tokens
        hits += bool(expected)
    assert hits > len(rules)  # the comparison saw many matches, not only misses


def test_name_rules_still_match_plurals_and_joined_phrases() -> None:
    rules = default_rules()
    assert "sensitive" in rules.match("api_keys")
    assert "sensitive" in rules.match("apikey")
    assert rules.match("shipping_address") == {}


class Plain(BaseModel):
    count: int
    ratio: float


def test_a_model_without_semantic_text_is_not_classified_for_the_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    from pytest_forge.ai.selection import select_fields

    plan = Forge(1, use_ai=False).plan(Plain)
    walked: list[object] = []
    monkeypatch.setattr("pytest_forge.gates.classify", lambda spec: walked.append(spec))
    selection = select_fields(plan, frozenset())
    assert (selection.semantic, selection.siblings, walked) == ((), (), [])
