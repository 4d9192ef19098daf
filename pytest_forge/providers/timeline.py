"""Times that come in order by their names: created <= updated <= deleted, start <= end,
valid_from <= valid_until, check_in <= check_out, opened <= closed, birth <= hired.

Each member draws its own value (so every bound and past/future rule of its own holds); the
values are then handed out in the order the names ask for. A field validator comparing them
never needs a re-draw.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pytest_forge.providers.coherence import Draft, Member
from pytest_forge.providers.fits import within_bounds
from pytest_forge.providers.tokens import split_name

if TYPE_CHECKING:
    import random

    from pytest_forge.providers.coherence import Gen, Render
    from pytest_forge.spec import FieldSpec, ModelSpec, TypeSpec

__all__ = ["time_role", "timeline_members"]

_SUFFIX = frozenset({"at", "on", "date", "time", "datetime", "ts", "timestamp", "utc", "dt", "day"})
_FAMILIES: dict[str, dict[str, int]] = {
    "life": {"birth": 0, "born": 0, "dob": 0, "hired": 1, "hire": 1, "joined": 1, "employed": 1},
    "record": {"created": 0, "inserted": 0, "registered": 0, "published": 1, "updated": 2, "modified": 2,
               "edited": 2, "deleted": 3, "archived": 3, "removed": 3},
    "case": {"opened": 0, "reported": 0, "submitted": 0, "resolved": 1, "closed": 2},
    "span": {"start": 0, "started": 0, "starts": 0, "begin": 0, "begins": 0, "from": 0, "since": 0,
             "effective": 0, "departure": 0, "end": 1, "ended": 1, "ends": 1, "finish": 1, "finished": 1,
             "until": 1, "to": 1, "till": 1, "expires": 1, "expiry": 1, "expiration": 1, "arrival": 1},
}  # fmt: skip
_TRIES = 8
#: longest usual gap in days between the times of one group: a hotel stay, a ticket, a period
_SPANS = {"span": 21, "case": 10}


def time_role(name: str) -> tuple[str, tuple[str, ...], int] | None:
    """(family, whose times, rank) of a time field's name: ``valid_until`` -> (span, (valid,), 1)."""
    tokens = [t for t in split_name(name) if t not in _SUFFIX]
    if len(tokens) >= 2 and tokens[-2] == "check" and tokens[-1] in ("in", "out"):
        return "span", (*tokens[:-2], "check"), 0 if tokens[-1] == "in" else 1
    for index in range(len(tokens) - 1, -1, -1):
        for family, ranks in _FAMILIES.items():
            if tokens[index] in ranks:
                return family, tuple(tokens[:index] + tokens[index + 1 :]), ranks[tokens[index]]
    return None


def _same_rules(specs: list[TypeSpec]) -> bool:
    """Members whose values may be swapped: one kind, one time-zone rule, one past/future rule."""
    first = specs[0]
    return all(s.kind == first.kind and s.tz == first.tz and s.when == first.when for s in specs)


def timeline_members(spec: ModelSpec) -> dict[str, Member]:
    """Each group of ordered time fields, bound to one draw of all its values."""
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[FieldSpec, int]]] = {}
    for fspec in spec.fields:
        kind = fspec.type.inner().kind
        role = time_role(fspec.name) if kind in ("date", "datetime") else None
        if role is not None:
            groups.setdefault(role[:2], []).append((fspec, role[2]))
    members: dict[str, Member] = {}
    for fields in groups.values():
        specs = [f.type.inner() for f, _ in fields]
        if len({rank for _, rank in fields}) < 2 or not _same_rules(specs):
            continue
        family = next(time_role(f.name) for f, _ in fields)
        assert family is not None
        draft = Draft(_maker(fields, _SPANS.get(family[0])))
        for index, (fspec, _) in enumerate(fields):
            members[fspec.name] = Member(draft, index, None, _renderer(index, fields), drafts_none=True)
    return members


def _maker(fields: list[tuple[FieldSpec, int]], span: int | None) -> Any:
    order = sorted(range(len(fields)), key=lambda i: fields[i][1])
    specs = [f.type.inner() for f, _ in fields]

    def make(draft: Draft, rng: random.Random) -> list[Any]:
        values: list[Any] = []
        for _ in range(_TRIES):
            values = [draft.originals[i](rng) if i in draft.originals else None for i in range(len(fields))]
            placed = _placed(values, order)
            if placed is not None and span is not None:
                placed = _spanned(placed, order, specs, span, rng)
            if placed is not None and _all_within(placed, specs):
                return placed
        return values

    return make


def _spanned(
    values: list[Any], order: list[int], specs: list[TypeSpec], days: int, rng: random.Random
) -> list[Any]:
    """Stays and periods of a usual length: each later time a few days after the one before."""
    spanned, previous = list(values), None
    for slot in order:
        value, spec = spanned[slot], specs[slot]
        if value is None:
            continue
        if previous is not None and spec.when is None:
            step = dt.timedelta(days=rng.randint(1, days))
            if spec.kind == "datetime":
                step += dt.timedelta(seconds=rng.randrange(86_400))
            moved = previous + step
            spanned[slot] = moved if within_bounds(spec, moved) else value
        previous = spanned[slot]
    return spanned


def _all_within(values: list[Any], specs: list[TypeSpec]) -> bool:
    return all(v is None or within_bounds(s, v) for v, s in zip(values, specs, strict=True))


def _placed(values: list[Any], order: list[int]) -> list[Any] | None:
    """The drawn values handed out by rank (Nones stay where they were drawn)."""
    slots = [i for i in order if values[i] is not None]
    try:
        ordered = sorted(values[i] for i in slots)
    except TypeError:  # aware and naive datetimes: leave the draw as it is
        return None
    placed = list(values)
    for slot, value in zip(slots, ordered, strict=True):
        placed[slot] = value
    return placed


def _renderer(index: int, fields: list[tuple[FieldSpec, int]]) -> Render:
    rank = fields[index][1]

    def render(values: list[Any], original: Gen, rng: random.Random, again: bool) -> Any:
        if not again:
            return values[index]
        for _ in range(_TRIES):  # a re-draw of this field alone: keep it in order with the others
            value = original(rng)
            if value is None or _in_order(value, rank, values, fields):
                return value
        return original(rng)

    return render


def _in_order(value: Any, rank: int, values: list[Any], fields: list[tuple[FieldSpec, int]]) -> bool:
    try:
        return all(
            other is None or (r < rank and other <= value) or (r > rank and value <= other) or r == rank
            for other, (_, r) in zip(values, fields, strict=True)
        )
    except TypeError:
        return True
