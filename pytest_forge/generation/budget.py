"""Size budgets: wide or recursive graphs compile and draw in bounded time.

Every nested model compiled for one top-level plan spends one unit. Once the budget is spent,
parts the model lets us leave out are left out: an optional field holding models is None, a
collection of models that may be empty is empty, a union prefers arms without models and a
field with a default keeps it. Required parts are still generated, so the instance stays valid.

Drawing has its own budget per record (:class:`RecordBudget`): nested model instances drawn
(lists multiply a compiled graph) and validations refused (re-draws nest). Once a record has
drawn ``MAX_RECORD_MODELS`` nested models, its optional fields holding models keep their defaults.
"""

from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytest_forge.generation.compiler import CompileContext
    from pytest_forge.spec import TypeSpec

__all__ = [
    "MAX_COMPILES",
    "MAX_MODELS",
    "MAX_RECORD_MODELS",
    "MAX_REFUSALS",
    "RecordBudget",
    "SizeBudget",
    "budget_spent",
    "enter_record",
    "holds_model",
    "leave_record",
    "record_budget",
    "record_models_spent",
    "spend_record_model",
]

#: nested models one top-level plan may compile (~1-3 ms each) before optional parts are cut
MAX_MODELS = 120
#: nested models one top-level plan may compile at all (past the budget only required parts are, lowest
#: union arms first, so real graphs stay far below; a hard bound: a clear error, never a hang)
MAX_COMPILES = 4000
#: nesting depth past which optional model parts are left out whatever the budget
MAX_OPTIONAL_DEPTH = 12
#: how deep ``holds_model`` looks through wrappers and collections
_LOOK = 6


#: nested model instances one record may draw before its optional model parts keep their defaults
MAX_RECORD_MODELS = 60
#: refused validations one record may spend, its nested models' re-draws included (re-draws nest)
MAX_REFUSALS = 200


class SizeBudget:
    """The nested models compiled so far for one top-level plan, and what re-draws learned there."""

    def __init__(self, limit: int = MAX_MODELS) -> None:
        self.limit = limit
        self.used = 0
        #: model class → its Lessons (generation/lessons.py), shared by every plan of that class
        #: under this top-level plan: validators belong to the class, not to the path
        self.lessons: dict[Any, Any] = {}

    def spend(self) -> None:
        """Count one nested model; past ``MAX_COMPILES`` the compile stops with a clear error."""
        self.used += 1
        if self.used > MAX_COMPILES:
            from pytest_forge.errors import ConstraintError

            raise ConstraintError(
                f"compiling took more than {MAX_COMPILES} nested models (recursive unions of required "
                "models); give some of their fields defaults, or pass the field as an override"
            )

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


@dataclass(slots=True)
class RecordBudget:
    """What one record may still spend while it is drawn or validated."""

    refusals: int = MAX_REFUSALS
    models: int = MAX_RECORD_MODELS


_RECORD: contextvars.ContextVar[RecordBudget | None] = contextvars.ContextVar("forge_record", default=None)


def current_record() -> RecordBudget | None:
    """The budget of the record being drawn or validated (None outside one)."""
    return _RECORD.get()


@contextlib.contextmanager
def record_budget() -> Iterator[RecordBudget]:
    """A fresh budget for one top-level record (nested records share their parent's)."""
    budget = RecordBudget()
    token = _RECORD.set(budget)
    try:
        yield budget
    finally:
        _RECORD.reset(token)


def enter_record() -> contextvars.Token[RecordBudget | None]:
    """What ``record_budget`` does on entry, for the per-record hot path (no generator frame):
    a fresh budget, until ``leave_record(token)``."""
    return _RECORD.set(RecordBudget())


def leave_record(token: contextvars.Token[RecordBudget | None]) -> None:
    """End the budget ``enter_record`` started (call it in a ``finally``)."""
    _RECORD.reset(token)


def spend_record_model() -> None:
    """Count one nested model instance drawn for the current record."""
    budget = _RECORD.get()
    if budget is not None:
        budget.models -= 1


def record_models_spent() -> bool:
    """True once the current record has drawn its share of nested models."""
    budget = _RECORD.get()
    return budget is not None and budget.models <= 0
