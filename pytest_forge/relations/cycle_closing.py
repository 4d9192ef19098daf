"""Closing a cycle of required foreign keys after its rows are saved (a mixin of
:class:`~pytest_forge.relations.context.RelationContext`).

``Charge.invoice`` → Invoice and ``Invoice.charge`` → Charge, both required: the Invoice made for a
new Charge cannot point at that Charge, which waits for it. When the key that closes the cycle has a
database column that accepts NULL and the model's storage can relink saved rows, its rule draws
:data:`~pytest_forge.field_tags.LATER`: the Invoice is saved with that key empty and waits; once the
Charge the cycle started from is saved, the Invoice's key is set to it, the finished row validated
and saved again, all inside the call's transaction (a failure leaves nothing). A required reference
to the model itself with no row to point at closes on the row itself. When only the first key of a
two-model cycle accepts NULL (the Invoice's ``charge`` column does not), the Charge is saved first
with its key empty, then its new Invoice is made pointing at it, and the Charge pointed at that.
Rows already stored stay the preferred parents: only the first rows of a cycle are made this way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import RelationError
from pytest_forge.field_tags import LATER, RECORD

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

    from pytest_forge.generation.plan import ModelPlan
    from pytest_forge.relations.context import ModelRelations
    from pytest_forge.relations.foreign_keys import FieldLink
    from pytest_forge.spec import ModelSpec

__all__ = ["CycleClosing", "CycleScope"]


@dataclass(slots=True)
class _Waiting:
    """A saved row whose key ``field`` stays empty until a new row of ``target`` is saved (``back``
    None: one that a call in progress makes; else a new one made with ``back`` pointing at the row)."""

    instance: Any
    model_name: str
    field: str
    target: str
    relink: Callable[[Any, dict[str, Any]], None]
    back: str | None = None


@dataclass(slots=True)
class _Ledger:
    """One thread's keys drawn as LATER (not yet matched to rows) and rows waiting for a parent."""

    drawn: list[tuple[str, str, str | None]] = field(default_factory=list)
    waiting: list[_Waiting] = field(default_factory=list)
    depth: int = 0


class CycleScope:
    """One call's share of the closing (a context manager around the call): the keys its records
    left for later, and the waits it ends; a row still waiting when the outermost call ends is an
    error (its key would stay empty), and a failing call forgets what it left waiting."""

    __slots__ = ("_closing", "_drawn", "_ledger", "_plan", "_waiting")

    def __init__(self, ledger: _Ledger, plan: ModelPlan, closing: CycleClosing) -> None:
        self._ledger, self._plan, self._closing = ledger, plan, closing
        self._drawn, self._waiting = len(ledger.drawn), len(ledger.waiting)

    def __enter__(self) -> CycleScope:
        self._ledger.depth += 1
        return self

    def __exit__(self, kind: type[BaseException] | None, error: object, trace: object) -> None:
        ledger = self._ledger
        ledger.depth -= 1
        if kind is not None:
            self.abandon()
        if ledger.depth == 0 and (ledger.waiting or ledger.drawn):  # nothing outlives the outermost call
            left = ledger.waiting[0] if ledger.waiting and kind is None else None
            ledger.waiting.clear()
            ledger.drawn.clear()
            if left is not None:
                raise _never_closed(left)

    def close(self, records: list[dict[str, Any]], instances: list[Any]) -> None:
        """After the call's rows are saved: note the ones that wait, then point every row that waits
        for this model (made by this call or the parents it made) at one of them."""
        ledger = self._ledger
        if len(ledger.drawn) == self._drawn and len(ledger.waiting) == self._waiting:
            return  # the usual case: no cycle was met
        ahead = self._note_waiting(records, instances)
        name = self._plan.name
        mine = [w for w in ledger.waiting[self._waiting :] if w.target == name]
        ledger.waiting[self._waiting :] = [w for w in ledger.waiting[self._waiting :] if w.target != name]
        all_links = self._closing.info(self._plan.spec).links
        links = [n for n, link in all_links.items() if link.key == RECORD and not link.many]
        chosen: dict[int, tuple[_Waiting, dict[str, Any]]] = {}
        for wait in ahead:  # their parents need these rows saved: made now, pointing back at them
            link = all_links[wait.field]
            values: dict[str, Any] = dict(link.values)
            values[str(wait.back)] = wait.instance
            parent = self._closing.create_parent(link, wait.target, values, None)
            chosen.setdefault(id(wait.instance), (wait, {}))[1][wait.field] = parent
        for turn, wait in enumerate(mine):
            parent = _partner(wait.instance, instances, links, turn)
            chosen.setdefault(id(wait.instance), (wait, {}))[1][wait.field] = parent
        for wait, parents in chosen.values():
            wait.relink(wait.instance, parents)

    def _note_waiting(self, records: list[dict[str, Any]], instances: list[Any]) -> list[_Waiting]:
        """Rows of this call saved with keys left for later: those whose parent a call in progress
        makes join the ledger; those whose parent is made after them are returned."""
        ledger, name = self._ledger, self._plan.name
        fields = {f: back for model, f, back in ledger.drawn[self._drawn :] if model == name}
        del ledger.drawn[self._drawn :]
        storage = self._plan.spec.storage
        ahead: list[_Waiting] = []
        if not fields or storage is None or storage.relink is None:
            return ahead
        links = self._closing.info(self._plan.spec).links
        for record, instance in zip(records, instances, strict=True):
            for f, back in fields.items():
                if record.get(f) is LATER:
                    wait = _Waiting(instance, name, f, links[f].target_name, storage.relink, back)
                    (ledger.waiting if back is None else ahead).append(wait)
        return ahead

    def abandon(self) -> None:
        """The call failed (its rows roll back): forget what it left waiting."""
        del self._ledger.drawn[self._drawn :]
        del self._ledger.waiting[self._waiting :]


def _partner(waiting: Any, instances: list[Any], links: list[str], turn: int) -> Any:
    """The new row a waiting row points at: itself (a self reference), else the row whose key points
    at it (the other half of a two-model cycle), else the rows in turn (parents are made in order)."""
    for instance in instances:
        if instance is waiting:
            return instance
    for instance in instances:
        for name in links:
            if _value(instance, name) is waiting:
                return instance
    return instances[turn % len(instances)]


def _value(instance: Any, name: str) -> Any:
    if isinstance(instance, dict):
        return instance.get(name)
    try:
        return getattr(instance, name, None)
    except Exception:  # an ORM's descriptor for a parent not set (Django's RelatedObjectDoesNotExist)
        return None


class CycleClosing:
    """Keys drawn as LATER and the rows that wait for their parents, per thread."""

    if TYPE_CHECKING:  # set and defined by RelationContext
        _local: threading.local

        def info(self, spec: ModelSpec) -> ModelRelations: ...

        def create_parent(
            self, link: FieldLink, target: str, values: dict[str, Any], deep: Any, count: int = 0
        ) -> Any: ...

    def closes_later(self, link: FieldLink) -> bool:
        """True when a required key that would close a cycle can be left empty until its parent is
        saved: its column accepts NULL and the model's storage can relink rows (``build`` links them in
        memory)."""
        if not link.null_column or link.many or link.optional:
            return False
        if not isinstance(link.owner, type):
            return False
        from pytest_forge.adapters import model_spec

        storage = model_spec(link.owner).storage
        return storage is not None and storage.relink is not None

    def later(self, link: FieldLink, back: str | None = None) -> Any:
        """The value of a key left for later (``closes_later`` said it may be); ``back``: its parent is
        made once the row is saved, with its field ``back`` pointing at the row."""
        self._ledger().drawn.append((link.model_name, link.field, back))
        return LATER

    def closing_cycles(self, plan: ModelPlan) -> CycleScope:
        """The scope of one call (``with``): ``close`` it once the call's rows are saved."""
        return CycleScope(self._ledger(), plan, self)

    def _ledger(self) -> _Ledger:
        ledger: _Ledger | None = getattr(self._local, "cycles", None)
        if ledger is None:
            ledger = self._local.cycles = _Ledger()
        return ledger


def _never_closed(left: _Waiting) -> RelationError:
    return RelationError(
        f"{left.model_name}.{left.field} was saved empty to close a cycle of required keys, but no new "
        f"{left.target} was saved in this call to point it at; give {left.field}=... or create a "
        f"{left.target} first",
        model=left.model_name,
        field=left.field,
    )
