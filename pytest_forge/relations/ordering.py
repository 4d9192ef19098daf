"""Foreign-key order: parents before children, whatever order the models were given in.

Used by ``forge.swarm`` and by ``forge load`` (which inserts rows in this order).
Optional keys may be cut to break a cycle; a cycle of required keys cannot be
generated and raises ``RelationError`` naming it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.adapters import model_spec
from pytest_forge.errors import RelationError
from pytest_forge.relations.foreign_keys import links_of, snake_case

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["fk_levels", "fk_order"]


def fk_order(models: Iterable[Any]) -> list[Any]:
    """The models sorted so every model comes after the models its foreign keys point at."""
    return [model for level in fk_levels(models) for model in level]


def fk_levels(models: Iterable[Any]) -> list[list[Any]]:
    """Models in groups: a group's parents are all in earlier groups (given order kept within one)."""
    remaining = list(dict.fromkeys(models))
    parents = _parents(remaining)
    levels: list[list[Any]] = []
    done: set[str] = set()
    relaxed = False
    while remaining:
        ready = [m for m in remaining if _ready(parents[m.__name__], done, relaxed)]
        if not ready:
            if relaxed:
                raise _cycle(remaining, parents)
            relaxed = True  # cut optional keys, once, to break the cycle
            continue
        levels.append(ready)
        done.update(m.__name__ for m in ready)
        remaining = [m for m in remaining if m.__name__ not in done]
        relaxed = False
    return levels


def _ready(parents: dict[str, bool], done: set[str], relaxed: bool) -> bool:
    return all(name in done or (relaxed and optional) for name, optional in parents.items())


def _parents(models: list[Any]) -> dict[str, dict[str, bool]]:
    """Model name → {parent name: True when every key to it is optional}, among ``models`` only."""
    names = {m.__name__ for m in models}
    if len(names) < len(models):
        raise ValueError("two of the models given share a class name; the registry keys models by name")
    by_snake = {snake_case(name): name for name in names}
    found: dict[str, dict[str, bool]] = {}
    for model in models:
        edges: dict[str, bool] = {}
        for link in links_of(model_spec(model)).values():
            target = by_snake.get(link.snake) if link.conventional else link.target_name
            if target is None or target not in names or target == model.__name__:
                continue
            optional = link.optional or (link.many and link.length[0] == 0)
            edges[target] = edges.get(target, True) and optional
        found[model.__name__] = edges
    return found


def _cycle(remaining: list[Any], parents: dict[str, dict[str, bool]]) -> RelationError:
    names = [m.__name__ for m in remaining]
    pending = set(names)
    chain = [names[0]]
    while True:
        following = next(n for n, optional in parents[chain[-1]].items() if n in pending and not optional)
        if following in chain:
            cycle = [*chain[chain.index(following) :], following]
            return RelationError(
                f"required foreign keys form a cycle ({' → '.join(cycle)}); make one of them optional "
                f"so that model can be made first",
                model=cycle[0],
            )
        chain.append(following)
