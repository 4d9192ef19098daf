"""The session's records by the fixture that made them, and each test's view of them.

A session fixture exists on a worker only once some test asked for it, so which of
them ran depends on the test order and on ``-n``. A test's Forge therefore sees as
parents the records of the wider-scoped fixtures in its own fixture closure (and those
the session Forge made outside any such fixture), never the records of one it does not
request: its data depends on its seed and its fixtures, not on which tests ran first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pytest

    from pytest_forge.forge import Forge
    from pytest_forge.relations.registry import Registry

__all__ = ["FixtureKey", "SessionRecords", "primary_key_names"]

#: a wider-scoped fixture: its name and the node id prefix where it is defined
FixtureKey = tuple[str, str]


@dataclass(slots=True)
class SessionRecords:
    """The session Forge's records, grouped by the wider-scoped fixture that made them."""

    forge: Forge | None = None
    by_fixture: dict[FixtureKey, dict[str, list[Any]]] = field(default_factory=dict)
    _owned: set[int] = field(default_factory=set)

    def snapshot(self) -> dict[str, int]:
        """Records per model so far (taken before a fixture runs)."""
        return {} if self.forge is None else self.forge.registry.counts()

    def attribute(self, key: FixtureKey, before: dict[str, int]) -> None:
        """Credit the records made since ``before`` to the fixture that just ran."""
        if self.forge is None:
            return
        registry = self.forge.registry
        for model, count in registry.counts().items():
            new = [registry.record_at(model, i) for i in range(before.get(model, 0), count)]
            new = [record for record in new if id(record) not in self._owned]
            if new:
                self._owned.update(id(record) for record in new)
                self.by_fixture.setdefault(key, {}).setdefault(model, []).extend(new)

    def view_for(self, item: pytest.Item) -> Registry:
        """The session records ``item`` may use as parents, in an order that does not depend on the run."""
        from pytest_forge.relations.registry import Registry

        view = Registry()
        if self.forge is None:
            return view
        names: list[str] = getattr(item, "fixturenames", [])
        closure = {name: index for index, name in enumerate(names)}
        visible = sorted(
            (key for key in self.by_fixture if key[0] in closure and item.nodeid.startswith(key[1])),
            key=lambda key: (closure[key[0]], key[1]),
        )
        for key in visible:
            for model, records in self.by_fixture[key].items():
                _show(view, model, records)
        for model, records in self.forge.registry.own_records().items():
            _show(view, model, [r for r in records if id(r) not in self._owned])
        return view


def _show(view: Registry, model: str, records: list[Any]) -> None:
    """Add records to a view, claiming their primary keys so a test's own keys do not clash."""
    if not records:
        return
    view.add(model, records)
    for name in primary_key_names(type(records[0])):
        for record in records:
            key = getattr(record, name, None)
            if key is not None:
                view.claim(model, name, key)


def primary_key_names(model: type[Any]) -> list[str]:
    """The fields of ``model`` that are primary keys (``id``, or tagged ``PrimaryKey``)."""
    from pytest_forge.adapters import model_spec
    from pytest_forge.generation.keys import is_primary_key

    try:
        fields = model_spec(model).fields
    except (TypeError, ValueError, LookupError):
        return ["id"] if hasattr(model, "id") else []
    return [f.name for f in fields if is_primary_key(f)]
