"""``forge.strategy(Model)``: a Hypothesis strategy drawing the Forge's valid, realistic records.

Hypothesis owns the randomness: every field generator draws from the random object
Hypothesis hands out (``st.randoms()``), so a failing example shrinks like any other
(towards the low bound of each number, the first choice, the shortest collection). Nested
model fields draw from their own strategy. Memory rules apply as in ``create``. Hypothesis
is an optional extra: ``pip install "pytest-forge[hypothesis]"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.errors import UsageError
from pytest_forge.generation.builder import MAX_ATTEMPTS, to_input

if TYPE_CHECKING:
    import random

    from hypothesis.strategies import DrawFn, SearchStrategy

    from pytest_forge.forge import Forge
    from pytest_forge.generation.plan import FieldPlan, ModelPlan

__all__ = ["model_strategy"]


def _hypothesis() -> Any:
    try:
        from hypothesis import strategies
    except ImportError:
        raise UsageError(
            'forge.strategy() needs Hypothesis: pip install "pytest-forge[hypothesis]"'
        ) from None
    return strategies


def model_strategy(forge: Forge, model: Any, **overrides: Any) -> SearchStrategy[Any]:
    """A strategy of valid ``model`` instances; keywords fix fields (constants or strategies)."""
    from pytest_forge.flags import require

    require("strategy", "forge.strategy()")
    st = _hypothesis()
    plan = forge.plan(model)
    unknown = sorted(set(overrides) - set(plan.spec.by_name))
    if unknown:
        raise UsageError(
            f"strategy({plan.name}, {unknown[0]}=...): {plan.name} has no field {unknown[0]!r}",
            model=model,
            field=unknown[0],
        )
    nested = {fp.name: _nested_strategy(forge, fp) for fp in plan.fields}

    @st.composite  # type: ignore[untyped-decorator]
    def records(draw: DrawFn) -> Any:
        rng = draw(st.randoms(use_true_random=False))
        fixed = {n: draw(v) if isinstance(v, st.SearchStrategy) else v for n, v in overrides.items()}
        return _build(forge, plan, rng, draw, nested, fixed)

    return records()  # type: ignore[no-any-return]


def _nested_strategy(forge: Forge, fp: FieldPlan) -> SearchStrategy[Any] | None:
    inner = fp.field.type.inner()
    if inner.kind != "model":
        return None
    st = _hypothesis()
    strategy = st.deferred(lambda: model_strategy(forge, inner.model))
    return st.none() | strategy if fp.field.type.nullable() else strategy  # type: ignore[no-any-return]


def _build(
    forge: Forge,
    plan: ModelPlan,
    rng: random.Random,
    draw: DrawFn,
    nested: dict[str, SearchStrategy[Any] | None],
    fixed: dict[str, Any],
) -> Any:
    from hypothesis import reject

    def value(fp: FieldPlan) -> Any:
        if fp.name in fixed:
            return fixed[fp.name]
        strategy = nested[fp.name]
        return draw(strategy) if strategy is not None else fp.gen(rng)

    record = {fp.name: value(fp) for fp in plan.fields}
    forge.memory.bind(plan.spec).apply(record, frozenset(fixed))
    for _ in range(MAX_ATTEMPTS):
        try:
            return plan.spec.validate(to_input(plan, record))
        except Exception as exc:
            rejection = plan.spec.failing_fields(exc)
            if rejection is None:
                raise
            failing = set(rejection.fields) or {fp.name for fp in plan.fields}
            for fp in plan.fields:
                if fp.name in failing and fp.name not in fixed:
                    record[fp.name] = value(fp)
    reject()
