"""Which provider a field name asks for: whole tokens, last token first, then its qualifiers.

The tables live in ``data/rules.json``.  ``shipping_address`` -> street (head
``address``), ``email_address`` -> email (the qualifier wins), ``product_name``
-> product, ``capacity`` -> nothing.  Heads starting with ``@`` read their
qualifiers (the tokens before them, nearest first), then the model's name,
then their default.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pytest_forge.providers.locale_data import load_data

__all__ = ["RuleBook", "resolve", "resolve_numeric", "rulebook"]

Table = dict[str, str | None]


def _invert(groups: dict[str, list[str]]) -> Table:
    """``{source: [words]}`` -> ``{word: source}``; the source ``"none"`` means no provider."""
    return {
        word: (None if source == "none" else source) for source, words in groups.items() for word in words
    }


@dataclass(frozen=True, slots=True)
class RuleBook:
    """The matching tables, read once from ``data/rules.json``."""

    sensitive: frozenset[str]
    sensitive_pairs: frozenset[tuple[str, str]]
    skippable: frozenset[str]
    heads: Table
    qualifiers: dict[str, Table]
    model_overrides: dict[str, Table]
    defaults: Table
    numeric: dict[str, tuple[float, float]]
    unit_suffixes: frozenset[str]


@lru_cache(maxsize=1)
def rulebook() -> RuleBook:
    """The cached rule tables."""
    data: dict[str, Any] = load_data("rules")
    heads = _invert(data["heads"])
    qualifiers = {head: _invert(groups) for head, groups in data["qualifiers"].items()}
    # a body's qualifier may itself name a kind of text: review_text, comment_body, email_body
    text_words = {word: source for word, source in heads.items() if source and source.startswith("text.")}
    qualifiers["@body"] = {**text_words, **_invert(data["text_qualifiers_extra"])}
    return RuleBook(
        sensitive=frozenset(data["sensitive"]),
        sensitive_pairs=frozenset((a, b) for a, b in data["sensitive_pairs"]),
        skippable=frozenset(data["skippable"]),
        heads=heads,
        qualifiers=qualifiers,
        model_overrides={head: _invert(groups) for head, groups in data["model_overrides"].items()},
        defaults={head: (None if source == "none" else source) for head, source in data["defaults"].items()},
        numeric={word: (float(low), float(high)) for word, (low, high) in data["numeric"].items()},
        unit_suffixes=frozenset(data["unit_suffixes"]),
    )


def _core(tokens: tuple[str, ...], skippable: frozenset[str]) -> tuple[str, ...]:
    """Join ``ipv 4``, drop what follows ``of``, then trailing digits and which-one words."""
    joined: list[str] = []
    for token in tokens:
        if joined and joined[-1] == "ipv" and token in ("4", "6"):
            joined[-1] = f"ipv{token}"
        else:
            joined.append(token)
    if "of" in joined[1:]:
        joined = joined[: joined.index("of", 1)]  # city_of_birth is a city
    while len(joined) > 1 and (joined[-1].isdigit() or joined[-1] in skippable):
        joined.pop()  # phone_home is a phone, address_1 an address
    return tuple(joined)


def _is_sensitive(tokens: tuple[str, ...], book: RuleBook) -> bool:
    if any(token in book.sensitive for token in tokens):
        return True
    return any(pair in book.sensitive_pairs for pair in itertools.pairwise(tokens))


def _second_line(tokens: tuple[str, ...]) -> bool:
    """``address2``, ``address_line_2``: the apartment line, not the street."""
    return len(tokens) > 1 and tokens[-1] in ("2", "3") and tokens[-2] in ("address", "addr", "line")


def _qualified(head: str, qualifiers: tuple[str, ...], model: tuple[str, ...], book: RuleBook) -> str | None:
    """An ``@`` head's source: the nearest known qualifier, then the model's name, then the default."""
    table = book.qualifiers.get(head, {})
    for token in reversed(qualifiers):
        if token in table:
            return table[token]
    for_model = {**table, **book.model_overrides.get(head, {})}
    for token in reversed(model):
        if token in for_model:
            return for_model[token]
    return book.defaults.get(head)


def resolve(tokens: tuple[str, ...], model: tuple[str, ...] = ()) -> str | None:
    """The provider source a field's name tokens ask for, or None (generic or sensitive values)."""
    book = rulebook()
    if not tokens or _is_sensitive(tokens, book):
        return None
    if _second_line(tokens):
        return "address.secondary"
    core = _core(tokens, book.skippable)
    source = book.heads.get(core[-1])
    if source is None or not source.startswith("@"):
        return source
    return _qualified(source, core[:-1], model, book)


def resolve_numeric(tokens: tuple[str, ...]) -> tuple[float, float] | None:
    """A realistic range for a number field named by these tokens, or None."""
    book = rulebook()
    words = [token for token in tokens if not token.isdigit()]
    while len(words) > 1 and (words[-1] in book.unit_suffixes or words[-1] in book.skippable):
        words.pop()  # price_usd is a price, age_max an age
    return book.numeric.get(words[-1]) if words else None
