"""``create_large``: pay for AI text on a small pool of records, recombine it for all the others.

The pool is the first ``ceil(count * seed_ratio)`` records of the batch. Every other record's
semantic values are mixed from the sentences of pool texts, preferring pool records whose
categorical siblings (enums, literals, booleans, small int ranges such as a rating) match, so a
1-star review still reads like one. A record whose mix repeats an earlier record's semantic
values is mixed again, then keeps its own offline text: no two records share all their values.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import random
    from collections.abc import Sequence

    from pytest_forge.ai.prompt import SemanticField
    from pytest_forge.generation.plan import ModelPlan

__all__ = ["categorical_fields", "check_seed_ratio", "pool_size", "recombine"]

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CATEGORICAL_KINDS = frozenset({"enum", "literal", "bool"})
_SMALL_INT_SPAN = 10
_ATTEMPTS = 8


def pool_size(count: int, seed_ratio: float) -> int:
    """How many records get paid AI text: about ``count * seed_ratio``, at least one."""
    return min(count, max(1, math.ceil(count * seed_ratio))) if count else 0


def categorical_fields(plan: ModelPlan, shown: Sequence[str]) -> tuple[str, ...]:
    """The shown siblings whose values sort records into groups (a review's rating, a status)."""
    by_name = {fp.name: fp.field.type.inner() for fp in plan.fields}
    names = []
    for name in shown:
        spec = by_name[name]
        span = _span(spec) if spec.kind == "int" else None
        if spec.kind in _CATEGORICAL_KINDS or (span is not None and span <= _SMALL_INT_SPAN):
            names.append(name)
    return tuple(names)


def recombine(
    records: list[dict[str, Any]],
    pool_n: int,
    fields: Sequence[SemanticField],
    categorical: Sequence[str],
    rng: random.Random,
) -> None:
    """Fill records after the pool with recombined pool text, in place, each tuple of values unique."""
    names = [f.name for f in fields]
    pool = records[:pool_n]
    seen = {tuple(r.get(n) for n in names) for r in pool}
    pieces = {n: [_sentences(r[n]) for r in pool if isinstance(r.get(n), str)] for n in names}
    groups = _groups(pool, names, categorical)
    for record in records[pool_n:]:
        donors = groups.get(_signature(record, categorical)) or groups.get(None) or []
        mixed = _unique_mix(record, fields, donors, pieces, seen, rng)
        record.update(mixed)
        seen.add(tuple(record.get(n) for n in names))


def _unique_mix(
    record: dict[str, Any],
    fields: Sequence[SemanticField],
    donors: list[dict[str, list[str]]],
    pieces: dict[str, list[list[str]]],
    seen: set[tuple[Any, ...]],
    rng: random.Random,
) -> dict[str, Any]:
    for _ in range(_ATTEMPTS):
        mixed = {
            f.name: _mix(f, donors, pieces[f.name], rng) for f in fields if record.get(f.name) is not None
        }
        mixed = {name: text for name, text in mixed.items() if text is not None}
        if tuple(mixed.get(f.name, record.get(f.name)) for f in fields) not in seen:
            return mixed
    return {}  # keep the record's own offline text


def _mix(
    f: SemanticField, donors: list[dict[str, list[str]]], every: list[list[str]], rng: random.Random
) -> str | None:
    own = [d[f.name] for d in donors if f.name in d] or every
    if not own:
        return None
    base = list(rng.choice(own))
    other = rng.choice(every)
    if len(base) >= 2 and rng.random() < 0.6:
        base[rng.randrange(len(base))] = rng.choice(other)
    elif len(base) >= 2:
        rng.shuffle(base)
    else:
        base.append(rng.choice(other))
    text = " ".join(base)
    too_long = f.max_length is not None and len(text) > f.max_length
    too_short = f.min_length is not None and len(text) < f.min_length
    return None if too_long or too_short else text


def _groups(
    pool: list[dict[str, Any]], names: list[str], categorical: Sequence[str]
) -> dict[Any, list[dict[str, list[str]]]]:
    groups: dict[Any, list[dict[str, list[str]]]] = {None: []}
    for record in pool:
        donor = {n: _sentences(record[n]) for n in names if isinstance(record.get(n), str)}
        groups[None].append(donor)
        if categorical:
            groups.setdefault(_signature(record, categorical), []).append(donor)
    return groups


def _signature(record: dict[str, Any], categorical: Sequence[str]) -> Any:
    return tuple(repr(record.get(n)) for n in categorical) if categorical else None


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def _span(spec: Any) -> int | None:
    lo = spec.ge if spec.ge is not None else (spec.gt + 1 if spec.gt is not None else None)
    hi = spec.le if spec.le is not None else (spec.lt - 1 if spec.lt is not None else None)
    return None if lo is None or hi is None else int(hi) - int(lo)


def check_seed_ratio(seed_ratio: object) -> float:
    """``seed_ratio`` as a float in (0, 1], or a ValueError that says so."""
    if isinstance(seed_ratio, bool) or not isinstance(seed_ratio, (int, float)) or not 0 < seed_ratio <= 1:
        raise ValueError(f"seed_ratio must be a number in (0, 1], got {seed_ratio!r}")
    return float(seed_ratio)
