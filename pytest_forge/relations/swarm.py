"""``forge.swarm``: records of several models at once, parents first, the same for a seed.

Models of one foreign-key level may be made on worker threads: every field draws
from its own stream and key counters are per model, so threads cannot change the
data, as long as no two of them make parents of a shared model. So the parents a
level needs are made first, on the calling thread, and models that would still make
parents (or whose blueprint sets options) run one after another.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol

from pytest_forge.generation.options import check_count
from pytest_forge.relations.ordering import fk_levels

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.relations.context import RelationContext
    from pytest_forge.relations.foreign_keys import FieldLink

__all__ = ["SwarmMaker", "run_swarm"]

_MAX_WORKERS = 4


class SwarmMaker(Protocol):
    """What a swarm needs of the façade (a Forge): plans and batches."""

    def plan(self, model: Any) -> ModelPlan: ...
    def create_batch(self, model: Any, count: int = ..., **kwargs: Any) -> list[Any]: ...


Job = tuple[int, str | None]


def run_swarm(
    forge: SwarmMaker,
    context: RelationContext,
    models: Iterable[Any],
    counts: int | Sequence[int],
    contexts: Sequence[str | None] | None = None,
    *,
    workers: int | None = None,
) -> dict[str, list[Any]]:
    """``{model name: records}`` in the order given, made in foreign-key order."""
    given = list(models)
    jobs = dict(zip(given, zip(_counts(given, counts), _contexts(given, contexts), strict=True), strict=True))
    made: dict[Any, list[Any]] = {}
    for level in fk_levels(given):
        for model in level:
            _make_missing_parents(forge, context, model)
        parallel = [m for m in level if _cannot_make_parents(forge, context, m)]
        made.update(_run_parallel(forge, parallel, jobs, workers))
        for model in level:
            if model not in made:
                made[model] = _run(forge, model, jobs[model])
    return {model.__name__: made[model] for model in given}


def _counts(models: list[Any], counts: int | Sequence[int]) -> list[int]:
    found = [counts] * len(models) if isinstance(counts, int) else list(counts)
    if len(found) != len(models):
        raise ValueError(f"swarm got {len(models)} models but {len(found)} counts")
    return [check_count("swarm counts", count) for count in found]


def _contexts(models: list[Any], contexts: Sequence[str | None] | None) -> list[str | None]:
    found: list[str | None] = [None] * len(models) if contexts is None else list(contexts)
    if len(found) != len(models):
        raise ValueError(f"swarm got {len(models)} models but {len(found)} contexts")
    return found


def _needs(context: RelationContext, link: FieldLink) -> tuple[str, int] | None:
    """The parent model a required key needs, and how many of them must exist."""
    if link.optional or link.self_ref:
        return None
    target = context.target_of(link)
    if target is None:
        return None
    return target, (link.length[1] if link.many else 1)


def _make_missing_parents(forge: SwarmMaker, context: RelationContext, model: Any) -> None:
    info = context.info(forge.plan(model).spec)
    for link in info.links.values():
        need = _needs(context, link)
        if need is None:
            continue
        target, wanted = need
        for _ in range(wanted - context.registry.size(target)):
            context.create_parent(link, target, {}, None)


def _cannot_make_parents(forge: SwarmMaker, context: RelationContext, model: Any) -> bool:
    defaults = context.defaults(forge.plan(model).spec)
    if defaults is not None and defaults.options:
        return False
    info = context.info(forge.plan(model).spec)
    for link in info.links.values():
        need = _needs(context, link)
        if need is not None and context.registry.size(need[0]) < need[1]:
            return False
    return True


def _run(forge: SwarmMaker, model: Any, job: Job) -> list[Any]:
    count, text = job
    if text is None:
        return forge.create_batch(model, count=count)
    return forge.create_batch(model, count=count, context=text)


def _run_parallel(
    forge: SwarmMaker, models: list[Any], jobs: dict[Any, Job], workers: int | None
) -> dict[Any, list[Any]]:
    if len(models) < 2 or workers == 1:
        return {model: _run(forge, model, jobs[model]) for model in models}
    with ThreadPoolExecutor(max_workers=workers or min(_MAX_WORKERS, len(models))) as pool:
        futures = {model: pool.submit(_run, forge, model, jobs[model]) for model in models}
        return {model: future.result() for model, future in futures.items()}
