"""The Forge's coverage methods: ``coverage``, ``invalid``, ``strategy`` and ``dream`` (a mixin)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from pytest_forge.coverage.dream import DreamReport
    from pytest_forge.coverage.invalid import InvalidCase
    from pytest_forge.forge import Forge

__all__ = ["CoverageMethods"]

T = TypeVar("T")


class CoverageMethods:
    """Data coverage on a Forge (see docs/memory-and-coverage.md)."""

    def coverage(self, model: type[T], *, strength: int = 1) -> list[T]:
        """Few valid instances reaching every enum value, union arm, None, bound and length limit."""
        from pytest_forge.coverage.cover import make_coverage

        return make_coverage(_forge(self), model, strength)

    def invalid(self, model: Any, field: str | None = None) -> list[InvalidCase]:
        """Inputs that break exactly one constraint each (of ``field``, or of every field)."""
        from pytest_forge.coverage.invalid import invalid_cases

        return invalid_cases(_forge(self), model, field)

    def strategy(self, model: type[T], **fields: Any) -> SearchStrategy[T]:
        """A Hypothesis strategy of valid ``model`` instances (keywords fix fields: values or strategies)."""
        from pytest_forge.coverage.strategy import model_strategy

        return model_strategy(_forge(self), model, **fields)

    def dream(self, models: Any = None, *, write: bool = True) -> DreamReport:
        """Gaps in the data this Forge made (of ``models``, or all); written to .forge/coverage_gaps.json."""
        from pytest_forge.coverage.dream import GAPS_FILE, CoverageRecorder
        from pytest_forge.flags import require

        require("dream", "forge.dream()")
        forge = _forge(self)
        recorder = CoverageRecorder()
        made = {plan.spec.model: None for (_, prefix), plan in forge._plans.items() if len(prefix) == 1}
        for model in models if models is not None else list(made):
            spec = forge.plan(model).spec
            recorder.observe(spec, forge.registry.records(spec.name), forge.memory.bind(spec, report=False))
        report = recorder.report()
        if write:
            report.write(forge.memory.directory / GAPS_FILE)
        return report


def _forge(methods: CoverageMethods) -> Forge:
    """The Forge these methods are mixed into."""
    return cast("Forge", methods)
