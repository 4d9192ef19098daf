"""How deep a valid value must nest models: the shortest way out of a recursive graph.

``height(spec)`` is the fewest levels of nested models a valid value of ``spec`` needs when
every part that may be left out is left out: optional values are None, collections without a
minimum length are empty, fields with defaults keep them, a union takes its lowest arm. A model
is one more than its highest required field. Models that can only ever hold another instance of
themselves (every way out is required) have an infinite height.

Past a size budget the engine follows the lowest arm of each union: heights fall by one at every
level, so compiling and drawing end after at most ``height`` levels instead of trying arm after
arm (a recursive union of required models with many arms took exponential time).

Heights are a pure function of the model classes, kept per class for the process (law 2 holds:
nothing here depends on what was generated before).
"""

from __future__ import annotations

import math
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pytest_forge.spec import TypeSpec

__all__ = ["height", "lowest_arms"]

INFINITE = math.inf
#: how deep type specs are followed through wrappers (recursive aliases are expanded a few times)
_LOOK = 12
_OPTIONAL_COLLECTIONS = ("list", "set", "frozenset", "deque", "dict")

_HEIGHTS: dict[Any, float] = {}
_LOCK = threading.Lock()


def height(spec: TypeSpec) -> float:
    """The fewest levels of nested models a valid value of ``spec`` needs (``inf``: none is finite)."""
    models = _models_in(spec)
    missing = [m for m in models if m not in _HEIGHTS]
    if missing:
        _solve(missing)
    return _need(spec, _HEIGHTS, 0)


def lowest_arms(arms: tuple[TypeSpec, ...]) -> list[int]:
    """Indexes of ``arms`` from the lowest height to the highest (stable: ties keep their order)."""
    heights = [height(arm) for arm in arms]
    return sorted(range(len(arms)), key=heights.__getitem__)


def _need(spec: TypeSpec, heights: dict[Any, float], depth: int) -> float:
    kind = spec.kind
    if kind == "model":
        return heights.get(spec.model, 0.0)
    if depth >= _LOOK or not spec.args or kind in ("optional", "none", "any"):
        return 0.0
    if kind == "union":
        return min(_need(arm, heights, depth + 1) for arm in spec.args)
    if kind in _OPTIONAL_COLLECTIONS or (kind == "tuple" and spec.variadic):
        if not spec.min_length:
            return 0.0
        return _need(spec.args[-1], heights, depth + 1)
    return max(_need(arg, heights, depth + 1) for arg in spec.args)


def _fields(model: Any) -> list[TypeSpec]:
    """The types of the fields ``model`` needs a value for (empty when it cannot be described)."""
    from pytest_forge.adapters import model_spec
    from pytest_forge.errors import ForgeError

    try:
        spec = model_spec(model)
    except (ForgeError, TypeError, NameError, AttributeError):  # the compile will say what is wrong
        return []
    return [f.type for f in spec.fields if not f.has_default and not f.computed]


def _models_in(spec: TypeSpec, depth: int = 0, found: set[Any] | None = None) -> set[Any]:
    found = set() if found is None else found
    if spec.kind == "model":
        found.add(spec.model)
    elif depth < _LOOK:
        for arg in spec.args:
            _models_in(arg, depth + 1, found)
    return found


def _solve(start: list[Any]) -> None:
    """Heights of every model reachable from ``start`` by required fields (least fixpoint)."""
    graph: dict[Any, list[TypeSpec]] = {}
    pending = list(start)
    while pending:
        model = pending.pop()
        if model in graph or model in _HEIGHTS:
            continue
        graph[model] = _fields(model)
        for field in graph[model]:
            pending.extend(_models_in(field))
    heights: dict[Any, float] = {**_HEIGHTS, **dict.fromkeys(graph, INFINITE)}
    changed = True
    while changed:  # heights only fall; each round fixes at least one more model
        changed = False
        for model, fields in graph.items():
            new = 1.0 + max((_need(f, heights, 0) for f in fields), default=0.0)
            if new < heights[model]:
                heights[model] = new
                changed = True
    with _LOCK:
        for model in graph:
            _HEIGHTS.setdefault(model, heights[model])
