"""Curated hostile payloads (``data/hostile.json``) for dangerous fields, within the field's constraints.

Payloads are chosen from the field's own random stream, so the same seed gives the same
payloads. Each candidate is shaped the way pydantic will shape it (strip, lower, upper) and
then kept if its length fits, or cut to ``max_length`` when it is longer (an oversized input
becomes a boundary-length one). Non-text fields and fields with a ``pattern`` keep the
generic generator.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.gates.rules import load_data

if TYPE_CHECKING:
    import random

    from pytest_forge.spec import TypeSpec
    from pytest_forge.values import Gen

__all__ = ["ANY_CATEGORY", "hostile_payloads", "hostile_values", "payload_categories"]

#: the category of fields that are dangerous without saying which attack (fuzz, payload, exploit ...)
ANY_CATEGORY = "any"


@lru_cache(maxsize=1)
def _corpus() -> dict[str, tuple[str, ...]]:
    raw: dict[str, Any] = load_data("hostile.json")
    categories = {name: entries for name, entries in raw.items() if name != "about"}
    return {name: tuple(_expand(entry) for entry in entries) for name, entries in categories.items()}


def _expand(entry: Any) -> str:
    if isinstance(entry, str):
        return entry
    return str(entry["repeat"]) * int(entry["times"])


def payload_categories() -> tuple[str, ...]:
    """The payload categories in the corpus (sql_injection, xss, path_traversal ...)."""
    return tuple(_corpus())


def hostile_payloads(category: str) -> tuple[str, ...]:
    """Every payload of ``category`` (all categories for ``"any"`` or an unknown one)."""
    corpus = _corpus()
    if category in corpus:
        return corpus[category]
    return tuple(p for payloads in corpus.values() for p in payloads)


def hostile_values(category: str | None, spec: TypeSpec) -> Gen | None:
    """A generator of payloads of ``category`` that fit ``spec``, or None when none can (or not text)."""
    if spec.kind != "str" or spec.pattern is not None:
        return None
    candidates = _fitting(hostile_payloads(category or ANY_CATEGORY), spec)
    if not candidates:
        return None
    return lambda rng: _pick(rng, candidates)


def _pick(rng: random.Random, candidates: tuple[str, ...]) -> str:
    return candidates[rng.randrange(len(candidates))]


def _fitting(payloads: tuple[str, ...], spec: TypeSpec) -> tuple[str, ...]:
    lo, hi = spec.min_length or 0, spec.max_length
    kept: dict[str, None] = {}
    for payload in payloads:
        shaped = _shaped(payload if hi is None else payload[:hi], spec)
        if lo <= len(shaped) and (hi is None or len(shaped) <= hi):
            kept[shaped] = None
    return tuple(kept)


def _shaped(payload: str, spec: TypeSpec) -> str:
    """The payload as pydantic will store it, so length checks see what validation sees."""
    if spec.strip_whitespace:
        payload = payload.strip()
    if spec.to_lower:
        payload = payload.lower()
    if spec.to_upper:
        payload = payload.upper()
    return payload
