"""A size budget per top-level model: wide or recursive graphs compile and draw in bounded time.

Every nested model compiled for one top-level plan spends one unit. Once the budget is spent,
parts the model lets us leave out are left out: an optional field holding models is None, a
collection of models that may be empty is empty, a union prefers arms without models and a
field with a default keeps it. Required parts are still generated, so the instance stays valid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pytest_forge.generation.compiler import CompileContext
    from pytest_forge.spec import TypeSpec

__all__ = ["MAX_MODELS", "SizeBudget", "budget_spent", "holds_model"]

#: nested models one top-level plan may compile (~1-3 ms each) before optional parts are cut
MAX_MODELS = 120
#: nesting depth past which optional model parts are left out whatever the budget
MAX_OPTIONAL_DEPTH = 12
#: how deep ``holds_model`` looks through wrappers and collections
_LOOK = 6


class SizeBudget:
    """The nested models compiled so far for one top-level plan."""

    def __init__(self, limit: int = MAX_MODELS) -> None:
        self.limit = limit
        self.used = 0

    def spend(self) -> None:
        """Count one nested model."""
        self.used += 1

    @property
    def spent(self) -> bool:
        """True once optional parts holding models should be left out."""
        return self.used >= self.limit


def budget_spent(ctx: CompileContext) -> bool:
    """True when the compile under way has used up its budget."""
    if len(ctx.ancestors) >= MAX_OPTIONAL_DEPTH:
        return True  # deep chains of optional models end here too (Python's stack is finite)
    return ctx.budget is not None and bool(ctx.budget.spent)


def holds_model(spec: TypeSpec, depth: int = 0) -> bool:
    """True when values of ``spec`` may contain a nested model."""
    if spec.kind == "model":
        return True
    if depth >= _LOOK:
        return False
    return any(holds_model(arg, depth + 1) for arg in spec.args)
