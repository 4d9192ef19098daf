"""ForgeDream: the gaps in the data tests actually generated.

A :class:`CoverageRecorder` takes made instances (the plugin gives it every test's records)
and keeps, per model and field, which coverage keys (see :mod:`.observe`) the values reached,
next to the keys the field can show. Its data is plain JSON, so xdist workers send it to the
controller. :meth:`CoverageRecorder.report` lists the gaps: keys never reached, numeric fields
with neither bounds nor a rule about them, stale and conflicting memory rules.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from pytest_forge.coverage.observe import expected_keys, key_kind, observed_keys
from pytest_forge.generation.keys import is_primary_key

if TYPE_CHECKING:
    from pathlib import Path

    from pytest_forge.memory.binding import BoundRules
    from pytest_forge.spec import FieldSpec, ModelSpec

__all__ = ["GAPS_FILE", "CoverageRecorder", "DreamReport", "Gap"]

GAPS_FILE = "coverage_gaps.json"
_NUMERIC = ("int", "float", "decimal")


@dataclass(frozen=True, slots=True)
class Gap:
    """Something the generated data never showed, or a rule problem: model, field, kind, detail."""

    model: str
    field: str | None
    kind: str
    detail: str


@dataclass(frozen=True, slots=True)
class ModelCoverage:
    """How much of a model's coverage keys the generated records reached."""

    model: str
    records: int
    reached: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.reached / self.total


@dataclass(frozen=True, slots=True)
class DreamReport:
    """The gaps found and the per-model coverage."""

    gaps: tuple[Gap, ...]
    models: tuple[ModelCoverage, ...]

    def table(self) -> list[str]:
        """The per-model coverage table (one line per model)."""
        lines = [f"{'model':<24} {'records':>8} {'reached':>9} {'coverage':>9} {'gaps':>5}"]
        for row in self.models:
            gaps = sum(g.model == row.model for g in self.gaps)
            reached = f"{row.reached}/{row.total}"
            lines.append(f"{row.model:<24} {row.records:>8} {reached:>9} {row.percent:>8.0f}% {gaps:>5}")
        return lines

    def summary(self, top: int = 10) -> str:
        """A readable summary: the table, then the first ``top`` gaps."""
        lines = ["ForgeDream report", *self.table(), f"gaps: {len(self.gaps)}"]
        lines += [f"  [{g.model}.{g.field or '*'}] {g.kind}: {g.detail}" for g in self.gaps[:top]]
        return "\n".join(lines)

    def write(self, path: Path) -> Path:
        """Write the gaps as a JSON list (model, field, kind, detail) to ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps([asdict(g) for g in self.gaps], indent=2) + "\n", encoding="utf-8")
        return path


class CoverageRecorder:
    """Coverage keys expected and reached, per model and field (plain JSON data, mergeable)."""

    def __init__(self) -> None:
        self.data: dict[str, dict[str, Any]] = {}

    def observe(self, spec: ModelSpec, instances: list[Any], rules: BoundRules | None = None) -> None:
        """Count ``instances`` of ``spec``'s model in."""
        entry = self.data.get(spec.name)
        if entry is None:
            entry = self.data[spec.name] = _new_entry(spec, rules)
        entry["records"] += len(instances)
        for name, field in entry["fields"].items():
            type_spec = spec.by_name[name].type
            seen = set(field["seen"])
            for instance in instances:
                value = instance.get(name) if isinstance(instance, dict) else getattr(instance, name, None)
                seen |= observed_keys(type_spec, value)
            field["seen"] = sorted(seen & set(field["expected"]))

    def merge(self, other: dict[str, dict[str, Any]]) -> None:
        """Add another recorder's data (an xdist worker's)."""
        for model, theirs in other.items():
            mine = self.data.setdefault(model, json.loads(json.dumps(theirs)) | {"records": 0})
            mine["records"] += theirs["records"]
            for name, field in theirs["fields"].items():
                target = mine["fields"].setdefault(name, {**field, "seen": []})
                target["seen"] = sorted(set(target["seen"]) | set(field["seen"]))

    def report(self) -> DreamReport:
        """The gaps and per-model coverage of everything observed."""
        gaps: list[Gap] = []
        rows = []
        for model, entry in sorted(self.data.items()):
            reached = total = 0
            for name, field in entry["fields"].items():
                missing = [k for k in field["expected"] if k not in set(field["seen"])]
                reached += len(field["expected"]) - len(missing)
                total += len(field["expected"])
                gaps += [Gap(model, name, field["expected"][k], f"no record had {name} {k}") for k in missing]
            gaps += [Gap(**note) for note in entry["notes"]]
            rows.append(ModelCoverage(model, entry["records"], reached, total))
        return DreamReport(tuple(gaps), tuple(rows))


def _new_entry(spec: ModelSpec, rules: BoundRules | None) -> dict[str, Any]:
    fields = {}
    for field in spec.fields:
        if field.computed:
            continue
        keys = expected_keys(field.type)
        fields[field.name] = {"expected": {k: key_kind(field.type, k) for k in keys}, "seen": []}
    return {"records": 0, "fields": fields, "notes": [asdict(g) for g in _rule_gaps(spec, rules)]}


def _rule_gaps(spec: ModelSpec, rules: BoundRules | None) -> list[Gap]:
    ruled = {name for rule in (rules.active if rules else ()) for name in rule.fields()}
    gaps = [
        Gap(spec.name, f.name, "no_boundary", f"numeric field {f.name!r} has no bounds and no rule on them")
        for f in spec.fields
        if _unbounded_number(f) and f.name not in ruled
    ]
    if rules is not None:
        gaps += [Gap(spec.name, None, "stale_rule", f"{s.rule.id}: {s.reason}") for s in rules.stale]
        gaps += [Gap(spec.name, c.field, "conflicting_rules", c.describe()) for c in rules.conflicts]
    return gaps


def _unbounded_number(field: FieldSpec) -> bool:
    spec = field.type.inner()
    bounds = (spec.ge, spec.gt, spec.le, spec.lt)
    is_key = is_primary_key(field) or field.name.endswith("_id") or bool(field.tags)
    return spec.kind in _NUMERIC and all(b is None for b in bounds) and not is_key
