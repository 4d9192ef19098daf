"""Name rules: whole-token phrases read from ``data/rules.json``, never substrings.

``shipping_address`` is not an ``ip address`` and ``payload_size`` is not a ``payload``:
a rule matches only whole tokens of the split name (snake_case and camelCase alike).
A name is read the way English compounds are: its last token is what the field *is*, so
``api_key_id`` is an id, ``secret_type`` a type and ``access_tokens_url`` a URL (see
:meth:`NameRules.set_aside`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from pytest_forge.gates.levels import DANGEROUS, SENSITIVE, Level
from pytest_forge.providers.tokens import split_name

__all__ = ["NameMatch", "NameRules", "PhraseIndex", "default_rules", "load_data"]

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The rule a name matched: its level, generator category and the phrase that matched."""

    level: Level
    category: str
    phrase: str
    whole_name: bool = False
    #: the tokens of the name and where the phrase ends in them (the last occurrence)
    tokens: Phrase = ()
    end: int = 0

    @property
    def reason(self) -> str:
        what = "name" if self.whole_name else "name phrase" if " " in self.phrase else "name token"
        return f'{what} "{self.phrase}"'


def load_data(filename: str) -> Any:
    """A JSON file from ``pytest_forge/gates/data``."""
    return json.loads(resources.files("pytest_forge.gates").joinpath("data", filename).read_text("utf-8"))


class NameRules:
    """Phrase rules per level, personal-data rules, whole-name rules, and the contact hints."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._phrases: dict[Level, PhraseIndex] = {
            level: PhraseIndex(_phrases(data[level])) for level in (SENSITIVE, DANGEROUS)
        }
        self._whole: dict[Level, PhraseIndex] = {
            level: PhraseIndex([(split_name(name), c) for name, c in data["whole_name"][level].items()])
            for level in (SENSITIVE, DANGEROUS)
        }
        self._hints = PhraseIndex(_phrases(data["contact_hints"]))
        self._personal = PhraseIndex(_phrases(data["personal"]))
        self._heads = frozenset(data["reference_heads"])
        self._modifiers = frozenset(data["modifiers"])
        self._identity = frozenset(data["identity_categories"])
        self._cache: dict[str, dict[Level, NameMatch]] = {}
        self._personal_cache: dict[str, NameMatch | None] = {}
        self._hint_cache: dict[str, str | None] = {}

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

    def personal(self, name: str) -> NameMatch | None:
        """The personal-data rule the name matches (birth dates, IP addresses ...), if any."""
        if name in self._personal_cache:  # a pure function of the name (large graphs ask thousands of times)
            return self._personal_cache[name]
        tokens = split_name(name)
        found = _longest(SENSITIVE, tokens, self._personal.hits(tokens))
        self._personal_cache[name] = found
        return found

    def set_aside(self, match: NameMatch) -> str | None:
        """Why the match does not name the field's own value, or None when it does.

        The last token is the head of a compound name: when the phrase stops before a head
        such as ``id``, ``type`` or ``url``, the field is about the data, not the data
        (``api_key_id``), unless it is an identity number's id (``passport_id``). A modifier
        right after the phrase (``diagnosis_related_group``) qualifies what follows.
        """
        tokens, end = match.tokens, match.end
        if end >= len(tokens):
            return None
        if tokens[end] in self._modifiers:
            return f'"{match.phrase}" only qualifies "{" ".join(tokens[end + 1 :])}"'
        head = tokens[-1]
        if head not in self._heads or (head in ("id", "ids") and match.category in self._identity):
            return None
        return f'the name ends in "{head}", so the field holds its {head}, not a {match.phrase}'

    def contact_hint(self, name: str) -> str | None:
        """The contact kind (email, phone or url) the name says the field holds, if any."""
        if name in self._hint_cache:  # a pure function of the name, asked for every text field compiled
            return self._hint_cache[name]
        tokens = split_name(name)
        hits = [(len(phrase), category) for phrase, category in self._hints.hits(tokens)]
        found = self._hint_cache[name] = max(hits)[1] if hits else None
        return found

    def _best(self, level: Level, tokens: Phrase) -> NameMatch | None:
        for phrase, category in self._whole[level].hits(tokens):
            if len(phrase) == len(tokens):
                return NameMatch(level, category, " ".join(phrase), True, tokens, len(tokens))
        return _longest(level, tokens, self._phrases[level].hits(tokens))


class PhraseIndex:
    """Phrase rules looked up by their first word: a name's tokens reach only the rules that can
    match them (the same hits, in the rules' order, as trying every rule)."""

    def __init__(self, rules: list[tuple[Phrase, str]]) -> None:
        self._rules = rules
        self._by_first: dict[str, list[int]] = {}
        for position, (phrase, _) in enumerate(rules):
            self._by_first.setdefault(phrase[0], []).append(position)

    def hits(self, tokens: Phrase) -> list[tuple[Phrase, str]]:
        """The rules whose phrase occurs in ``tokens`` (plurals allowed), in the rules' order."""
        starts: set[int] = set()
        for token in tokens:
            for word in _singulars(token):
                starts.update(self._by_first.get(word, ()))
        return [self._rules[i] for i in sorted(starts) if _contains(tokens, self._rules[i][0])]


def _singulars(token: str) -> tuple[str, ...]:
    """The rule words :func:`_same_word` lets ``token`` stand for (itself, less an -s or an -es)."""
    if not token.endswith("s"):
        return (token,)
    return (token, token[:-1], token[:-2]) if token.endswith("es") else (token, token[:-1])


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


def _longest(level: Level, tokens: Phrase, hits: list[tuple[Phrase, str]]) -> NameMatch | None:
    """The longest matching phrase (a phrase ending at the head wins a tie)."""
    if not hits:
        return None
    ranked = [(len(p), _ends_at(tokens, p), " ".join(p), c) for p, c in hits]
    _, end, text, category = max(ranked)
    return NameMatch(level, category, text, tokens=tokens, end=end)


def _ends_at(tokens: Phrase, phrase: Phrase) -> int:
    """Where the last occurrence of ``phrase`` in ``tokens`` ends."""
    size = len(phrase)
    for start in range(len(tokens) - size, -1, -1):
        window = tokens[start : start + size]
        if all(_same_word(rule, token) for rule, token in zip(phrase, window, strict=True)):
            return start + size
    return 0


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
