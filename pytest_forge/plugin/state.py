"""What the pytest plugin keeps for a run (in ``config.stash``), and how it builds its Forges.

The engine is imported only when a fixture first builds a Forge, so loading the
plugin stays cheap (no pydantic, faker or litellm at ``pytest --version``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest

from pytest_forge.plugin.markers import ForgeMark, forge_mark_of
from pytest_forge.plugin.records import SessionRecords
from pytest_forge.plugin.seeding import derive_test_seed

if TYPE_CHECKING:
    from pytest_forge.forge import Forge

__all__ = [
    "FORGE_MARK_KEY",
    "RUN_KEY",
    "SESSION_RECORDS_KEY",
    "TALLY_KEY",
    "TEST_FORGE_KEY",
    "RunSettings",
    "Tally",
    "finish_forge",
    "make_session_forge",
    "make_test_forge",
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


def _gate_settings(run: RunSettings) -> dict[str, Any]:
    settings: dict[str, Any] = {"ci": run.ci}
    if run.ci:
        settings["interactive"] = False
    if run.locale:
        settings["locale"] = run.locale
    return settings


def make_session_forge(config: pytest.Config) -> Forge:
    """The session's Forge (seeded with the session seed), configured by conftest hooks."""
    from pytest_forge.forge import Forge

    run = config.stash[RUN_KEY]
    forge = Forge(run.seed, use_ai=run.ai, **_gate_settings(run))
    forge.memory.default_root = config.rootpath  # rules live in the project's .forge
    config.stash[SESSION_RECORDS_KEY].forge = forge
    config.hook.pytest_forge_configure(forge=forge)
    return forge


def make_test_forge(item: pytest.Item, session_forge: Forge) -> Forge:
    """A test's Forge: its own seed and marker settings, its session fixtures' records as parents."""
    __tracebackhide__ = True
    from pytest_forge.forge import Forge
    from pytest_forge.relations.registry import Registry

    run = item.config.stash[RUN_KEY]
    mark = item.stash.get(FORGE_MARK_KEY, None) or forge_mark_of(item)
    seed = mark.seed if mark.seed is not None else derive_test_seed(run.seed, item.nodeid)
    settings = _gate_settings(run)
    if mark.locale is not None:
        settings["locale"] = mark.locale
    forge = Forge(
        seed,
        use_ai=False if run.ci else (run.ai if mark.ai is None else mark.ai),
        verbose=bool(mark.verbose),
        registry=Registry(parent=item.config.stash[SESSION_RECORDS_KEY].view_for(item)),
        allow_pii=bool(mark.allow_pii),
        allow_dangerous=bool(mark.allow_dangerous),
        context=mark.context,
        **settings,
    )
    forge.inherit_from(session_forge)
    forge.memory.default_root = item.config.rootpath
    item.stash[TEST_FORGE_KEY] = forge
    return forge


def finish_forge(config: pytest.Config, forge: Forge) -> None:
    """Count a Forge's work into the run's tally when its fixture ends."""
    config.stash[TALLY_KEY].add_stats(forge.stats())
    from pytest_forge.plugin.dream import record_forge

    record_forge(config, forge)
