"""What the pytest plugin keeps for a run (in ``config.stash``), and how it builds its Forges.

The engine is imported only when a fixture first builds a Forge, so loading the
plugin stays cheap (no pydantic, faker or litellm at ``pytest --version``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest

from pytest_forge.plugin.isolation import RunningTest
from pytest_forge.plugin.markers import ForgeMark, forge_mark_of
from pytest_forge.plugin.records import SessionRecords
from pytest_forge.plugin.report import ProvenanceLines
from pytest_forge.plugin.seeding import derive_test_seed

if TYPE_CHECKING:
    from pytest_forge.forge import Forge
    from pytest_forge.relations.registry import Registry

__all__ = [
    "FORGE_MARK_KEY",
    "PROVENANCE_KEY",
    "RUNNING_KEY",
    "RUN_KEY",
    "SESSION_RECORDS_KEY",
    "TALLY_KEY",
    "TEST_FORGE_KEY",
    "TEST_REGISTRY_KEY",
    "RunSettings",
    "Tally",
    "finish_forge",
    "make_session_forge",
    "make_test_forge",
    "registry_of_test",
]


@dataclass(frozen=True, slots=True)
class RunSettings:
    """The run's forge settings, chosen once by the controller and shipped to xdist workers."""

    seed: int
    ci: bool = False
    #: AI for Forges whose marker does not say (on only when the run asks for it)
    ai: bool = False
    #: why AI is on, or why a configured provider is not used (shown in the header)
    ai_note: str | None = None
    locale: str | None = None
    seed_note: str | None = None
    #: the ini twins forge_allow_pii / forge_allow_dangerous (they hold in CI mode too)
    allow_pii: bool = False
    allow_dangerous: bool = False

    def as_workerinput(self) -> dict[str, Any]:
        """A plain dict execnet can carry to a worker."""
        return dataclasses.asdict(self)


@dataclass(slots=True)
class Tally:
    """Records generated per model and AI usage, summed over the run's Forges (and workers)."""

    generated: dict[str, int] = field(default_factory=dict)
    ai: dict[str, float] = field(default_factory=dict)
    #: some paid AI request had no known price, so the total cost is unknown
    cost_unknown: bool = False
    #: ``{model: why}`` for providers the run stopped calling
    ai_stopped: dict[str, str] = field(default_factory=dict)

    def add_stats(self, stats: dict[str, Any]) -> None:
        """Count one Forge's ``stats()`` in."""
        ai = stats.get("ai") or {}
        self.merge(
            {
                "generated": stats.get("generated") or {},
                "ai": {k: v for k, v in ai.items() if _is_number(v)},
                "cost_unknown": "cost_usd" in ai and ai["cost_usd"] is None,
                "ai_stopped": ai.get("stopped") or {},
            }
        )

    def merge(self, other: dict[str, Any]) -> None:
        """Add a tally sent back by an xdist worker (see :meth:`as_dict`)."""
        for model, count in other.get("generated", {}).items():
            self.generated[model] = self.generated.get(model, 0) + int(count)
        for key, value in other.get("ai", {}).items():
            self.ai[key] = self.ai.get(key, 0) + value
        self.cost_unknown = self.cost_unknown or bool(other.get("cost_unknown"))
        self.ai_stopped.update(other.get("ai_stopped", {}))

    def as_dict(self) -> dict[str, Any]:
        """Plain data for ``workeroutput``."""
        return {
            "generated": dict(self.generated),
            "ai": dict(self.ai),
            "cost_unknown": self.cost_unknown,
            "ai_stopped": dict(self.ai_stopped),
        }


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


RUN_KEY = pytest.StashKey[RunSettings]()
TALLY_KEY = pytest.StashKey[Tally]()
FORGE_MARK_KEY = pytest.StashKey[ForgeMark]()
TEST_FORGE_KEY = pytest.StashKey["Forge"]()
SESSION_RECORDS_KEY = pytest.StashKey[SessionRecords]()
RUNNING_KEY = pytest.StashKey[RunningTest]()
PROVENANCE_KEY = pytest.StashKey[ProvenanceLines]()
TEST_REGISTRY_KEY = pytest.StashKey["Registry"]()


def _gate_settings(run: RunSettings, mark: ForgeMark | None = None) -> dict[str, Any]:
    """Forge keywords for the run's mode and locale, and the gates the ini (or a marker) opens."""
    settings: dict[str, Any] = {"ci": run.ci, "advice": "pytest"}
    if run.ci:
        settings["interactive"] = False
    if run.locale:
        settings["locale"] = run.locale
    mark = mark or ForgeMark()
    if mark.locale is not None:
        settings["locale"] = mark.locale
    settings["allow_pii"] = run.allow_pii if mark.allow_pii is None else mark.allow_pii
    settings["allow_dangerous"] = (
        run.allow_dangerous if mark.allow_dangerous is None else mark.allow_dangerous
    )
    return settings


def make_session_forge(config: pytest.Config) -> Forge:
    """The session's Forge (seeded with the session seed), configured by conftest hooks."""
    from pytest_forge.plugin.session_forge import SessionForge

    run = config.stash[RUN_KEY]
    running = config.stash[RUNNING_KEY]
    forge = SessionForge(run.seed, running=running, use_ai=run.ai, **_gate_settings(run))
    config.stash[SESSION_RECORDS_KEY].forge = forge
    running.make = lambda item: _stand_in(item, forge)
    config.hook.pytest_forge_configure(forge=forge)
    return forge


def _stand_in(item: pytest.Item, session_forge: Forge) -> Forge:
    """The Forge that takes ``forge_session``'s calls during ``item`` (see plugin_isolation)."""
    from pytest_forge.forge import Forge

    run = item.config.stash[RUN_KEY]
    mark = item.stash.get(FORGE_MARK_KEY, None)
    forge = Forge(
        derive_test_seed(run.seed, item.nodeid + "::forge_session"),
        use_ai=run.ai,
        registry=registry_of_test(item),
        **_gate_settings(run, None if mark is None else _gates_only(mark)),
    )
    forge.inherit_from(session_forge)
    return forge


def registry_of_test(item: pytest.Item) -> Registry:
    """The test's own records (its ``forge`` and its ``forge_session`` stand-in share them), on top
    of the session records the test may see; dropped with the test."""
    from pytest_forge.relations.registry import Registry

    found = item.stash.get(TEST_REGISTRY_KEY, None)
    if found is None:
        view = item.config.stash[SESSION_RECORDS_KEY].view_for(item)
        found = item.stash[TEST_REGISTRY_KEY] = Registry(parent=view)
    return found


def _gates_only(mark: ForgeMark) -> ForgeMark:
    return ForgeMark(allow_pii=mark.allow_pii, allow_dangerous=mark.allow_dangerous)


def make_test_forge(item: pytest.Item, session_forge: Forge) -> Forge:
    """A test's Forge: its own seed and marker settings, its session fixtures' records as parents."""
    __tracebackhide__ = True
    from pytest_forge.forge import Forge

    run = item.config.stash[RUN_KEY]
    mark = item.stash.get(FORGE_MARK_KEY, None) or forge_mark_of(item)
    seed = mark.seed if mark.seed is not None else derive_test_seed(run.seed, item.nodeid)
    forge = Forge(
        seed,
        use_ai=False if run.ci else (run.ai if mark.ai is None else mark.ai),
        verbose=bool(mark.verbose),
        registry=registry_of_test(item),
        context=mark.context,
        **_gate_settings(run, mark),
    )
    forge.inherit_from(session_forge)
    item.stash[TEST_FORGE_KEY] = forge
    if mark.verbose and PROVENANCE_KEY not in item.stash:
        item.stash[PROVENANCE_KEY] = ProvenanceLines.attach()
    return forge


def finish_forge(config: pytest.Config, forge: Forge) -> None:
    """Count a Forge's work into the run's tally when its fixture ends."""
    config.stash[TALLY_KEY].add_stats(forge.stats())
