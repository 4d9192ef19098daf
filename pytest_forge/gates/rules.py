"""Name rules: whole-token phrases read from ``data/rules.json``, never substrings.

``shipping_address`` is not an ``ip address`` and ``payload_size`` is not a ``payload``:
a rule matches only whole tokens of the split name (snake_case and camelCase alike).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from pytest_forge.gates.levels import DANGEROUS, SENSITIVE, Level
from pytest_forge.providers.tokens import split_name

__all__ = ["NameMatch", "NameRules", "default_rules", "load_data"]

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The rule a name matched: its level, generator category and the phrase that matched."""

    level: Level
    category: str
    phrase: str
    whole_name: bool = False

    @property
    def reason(self) -> str:
        what = "name" if self.whole_name else "name phrase" if " " in self.phrase else "name token"
        return f'{what} "{self.phrase}"'


def load_data(filename: str) -> Any:
    """A JSON file from ``pytest_forge/gates/data``."""
    return json.loads(resources.files("pytest_forge.gates").joinpath("data", filename).read_text("utf-8"))


class NameRules:
    """Phrase rules per level, whole-name rules, and the contact hints (email, phone, url)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._phrases: dict[Level, list[tuple[Phrase, str]]] = {
            level: _phrases(data[level]) for level in (SENSITIVE, DANGEROUS)
        }
        self._whole: dict[Level, list[tuple[Phrase, str]]] = {
            level: [(split_name(name), category) for name, category in data["whole_name"][level].items()]
            for level in (SENSITIVE, DANGEROUS)
        }
        self._hints = _phrases(data["contact_hints"])
        self._cache: dict[str, dict[Level, NameMatch]] = {}

    def match(self, name: str) -> dict[Level, NameMatch]:
        """The best match at each level the name reaches (the longest phrase wins within a level)."""
        found = self._cache.get(name)
        if found is None:
            tokens = split_name(name)
            found = {}
            for level in (SENSITIVE, DANGEROUS):
                best = self._best(level, tokens)
                if best is not None:
                    found[level] = best
            self._cache[name] = found
        return found

    def contact_hint(self, name: str) -> str | None:
        """The contact kind (email, phone or url) the name says the field holds, if any."""
        tokens = split_name(name)
        hits = [(len(phrase), category) for phrase, category in self._hints if _contains(tokens, phrase)]
        return max(hits)[1] if hits else None

    def _best(self, level: Level, tokens: Phrase) -> NameMatch | None:
        for phrase, category in self._whole[level]:
            if len(phrase) == len(tokens) and _contains(tokens, phrase):
                return NameMatch(level, category, " ".join(phrase), whole_name=True)
        hits = [(len(p), " ".join(p), c) for p, c in self._phrases[level] if _contains(tokens, p)]
        if not hits:
            return None
        _, text, category = max(hits)
        return NameMatch(level, category, text)


def _phrases(by_category: dict[str, list[str]]) -> list[tuple[Phrase, str]]:
    """Each phrase as tokens, plus its joined spelling (``api key`` also as ``apikey``)."""
    rules: list[tuple[Phrase, str]] = []
    for category, phrases in by_category.items():
        for text in phrases:
            tokens = tuple(text.split())
            rules.append((tokens, category))
            if len(tokens) > 1:
                rules.append((("".join(tokens),), category))
    return rules


def _same_word(rule: str, token: str) -> bool:
    return token == rule or token == rule + "s" or token == rule + "es"


def _contains(tokens: Phrase, phrase: Phrase) -> bool:
    """True when ``phrase`` occurs as consecutive whole tokens (plurals allowed)."""
    size = len(phrase)
    for start in range(len(tokens) - size + 1):
        window = tokens[start : start + size]
        if all(_same_word(rule, token) for rule, token in zip(phrase, window, strict=True)):
            return True
    return False


@lru_cache(maxsize=1)
def default_rules() -> NameRules:
    """The rules shipped in ``data/rules.json`` (read once)."""
    return NameRules(load_data("rules.json"))
