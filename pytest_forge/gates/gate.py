"""The permission check: default-deny for sensitive and dangerous models, and how to open each gate.

Each gate opens on its own (a model with both kinds of field needs both):

* sensitive: ``Forge(allow_pii=True)``, ``FORGE_ALLOW_PII=1``, ``with forge.open_gates(allow_pii=True)``;
* dangerous: ``Forge(allow_dangerous=True)``, ``forge.open_gates(allow_dangerous=True)``, or a
  yes to the confirmation prompt, which is offered only when stdin and stdout are a terminal, outside
  pytest (``PYTEST_CURRENT_TEST``), outside CI mode and unless ``interactive=False``. Otherwise
  nothing is read from stdin and the refusal is an immediate ``ForgePermissionError``.

A refusal lists the ways in that fit where the Forge was made (``settings.advice``): the Forge
keywords in Python, the marker, ``forge_fixture`` keyword and ini keys under pytest, the flags
on the command line.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ForgePermissionError
from pytest_forge.gates.classify import Classification, classify
from pytest_forge.gates.levels import DANGEROUS, SENSITIVE, Level
from pytest_forge.settings import env_flag

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytest_forge.settings import ForgeSettings

__all__ = ["PermissionGate", "can_prompt", "refusal"]

_WHAT = {
    SENSITIVE: "To allow sensitive data (fake by construction: never-issued SSNs, test card ranges, "
    "test bank codes, random secrets), use one of:",
    DANGEROUS: "To allow dangerous data (curated hostile payloads: SQL injection, XSS, path traversal, "
    "command injection, format strings, oversized, unicode and control characters), use one of:",
}
_PROMPT = (
    "answering yes at the confirmation prompt, which is offered only in an interactive terminal, "
    "outside pytest and CI mode, and not with Forge(interactive=False)"
)
#: the ways in, by where the Forge was made and by gate
_HOW_TO_OPEN: dict[str, dict[Level, tuple[str, ...]]] = {
    "python": {
        SENSITIVE: (
            "Forge(allow_pii=True)",
            "with forge.open_gates(allow_pii=True): around the calls",
            "FORGE_ALLOW_PII=1 in the environment",
        ),
        DANGEROUS: (
            "Forge(allow_dangerous=True)",
            "with forge.open_gates(allow_dangerous=True): around the calls",
            _PROMPT,
        ),
    },
    "pytest": {
        SENSITIVE: (
            "@pytest.mark.forge(allow_pii=True) on the test (also opens session fixtures it requests)",
            "forge_fixture(Model, ..., allow_pii=True) for a fixture's records",
            "forge_allow_pii = true in the pytest ini options, for the whole suite",
        ),
        DANGEROUS: (
            "@pytest.mark.forge(allow_dangerous=True) on the test (also opens session fixtures it requests)",
            "forge_fixture(Model, ..., allow_dangerous=True) for a fixture's records",
            "forge_allow_dangerous = true in the pytest ini options, for the whole suite",
        ),
    },
    "cli": {
        SENSITIVE: ("--allow-pii on the command line", "FORGE_ALLOW_PII=1 in the environment"),
        DANGEROUS: ("--allow-dangerous on the command line",),
    },
    "partition": {
        SENSITIVE: (
            "partition(..., allow_pii=True) (also to_dask_bag / to_dask_dataframe)",
            "--allow-pii on the forge generate / forge load command line",
            "FORGE_ALLOW_PII=1 in the environment",
        ),
        DANGEROUS: ("partitions do not generate dangerous data: leave such fields out with overrides",),
    },
}


class PermissionGate:
    """Classifies models (once each) and refuses those whose levels are not allowed."""

    def __init__(self, settings: ForgeSettings) -> None:
        self.settings = settings
        self._classified: dict[Any, Classification] = {}
        self._confirmed: set[Any] = set()
        #: how many ``opened`` blocks hold each gate open right now
        self._holds = {"pii": 0, "dangerous": 0}
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def opened(self, *, allow_pii: bool = False, allow_dangerous: bool = False) -> Iterator[None]:
        """Within the block, also allow what the keywords open (swarm worker threads included)."""
        gates = [gate for gate, wanted in (("pii", allow_pii), ("dangerous", allow_dangerous)) if wanted]
        self._hold(gates, +1)
        try:
            yield
        finally:
            self._hold(gates, -1)

    def _hold(self, gates: list[str], step: int) -> None:
        with self._lock:
            for gate in gates:
                self._holds[gate] += step

    def _open(self, gate: str) -> bool:
        return self._holds[gate] > 0

    def classify(self, model: Any) -> Classification:
        """The classification of ``model`` (cached per model class)."""
        found = self._classified.get(model)
        if found is None:
            found = self._classified[model] = classify(model)
        return found

    def check(self, model: Any) -> Classification:
        """Return the classification when every level ``model`` reaches is allowed, else raise."""
        __tracebackhide__ = True
        classification = self.classify(model)
        closed = self.closed_levels(classification)
        if closed:
            raise refusal(classification, closed, self.settings.advice)
        return classification

    def closed_levels(self, classification: Classification) -> list[Level]:
        """The levels this model needs that are not open (the prompt is asked only if it would help)."""
        closed: list[Level] = []
        if classification.at(SENSITIVE) and not self.pii_allowed():
            closed.append(SENSITIVE)
        if classification.at(DANGEROUS) and not self._dangerous_allowed(classification, ask=not closed):
            closed.append(DANGEROUS)
        return closed

    def pii_allowed(self) -> bool:
        """Whether the sensitive gate is open (FORGE_ALLOW_PII is also read at call time)."""
        return self.settings.allow_pii or self._open("pii") or env_flag("FORGE_ALLOW_PII")

    def _dangerous_allowed(self, classification: Classification, *, ask: bool) -> bool:
        if (
            self.settings.allow_dangerous
            or self._open("dangerous")
            or classification.model in self._confirmed
        ):
            return True
        if not ask or not can_prompt(self.settings):
            return False
        if _confirm(classification):
            self._confirmed.add(classification.model)
            return True
        return False


def can_prompt(settings: ForgeSettings) -> bool:
    """True only in a real terminal session, outside pytest and CI mode, with interactive not False."""
    if settings.interactive is False or settings.ci or env_flag("FORGE_CI"):
        return False
    if "PYTEST_CURRENT_TEST" in os.environ:
        return False
    return _is_terminal(sys.stdin) and _is_terminal(sys.stdout)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # missing, closed or captured streams
        return False


def _confirm(classification: Classification) -> bool:
    """Ask once on the terminal; only an explicit yes opens the gate."""
    fields = ", ".join(classification.at(DANGEROUS))
    sys.stdout.write(
        f"pytest-forge: {classification.name} has dangerous fields ({fields}) that will hold hostile "
        "payloads.\nGenerate them? [y/N] "
    )
    sys.stdout.flush()
    try:
        answer = sys.stdin.readline()
    except (OSError, EOFError):
        return False
    return answer.strip().lower() in ("y", "yes")


def refusal(
    classification: Classification, closed: list[Level], advice: str = "python"
) -> ForgePermissionError:
    """The error naming the model, the refused fields with their levels and reasons, and the ways in
    that fit ``advice`` (``python``, ``pytest`` or ``cli``)."""
    refused = {path: v for path, v in classification.verdicts.items() if v.level in closed}
    gates = " and ".join(f"the {level} gate" for level in closed)
    verb = "is" if len(closed) == 1 else "are"
    lines = [f"pytest-forge will not generate {classification.name}: {gates} {verb} closed for its fields"]
    width = max(len(path) for path in refused)
    lines += [f"  {path:<{width}}  {v.level:<9}  ({v.reason})" for path, v in refused.items()]
    ways_in = _HOW_TO_OPEN.get(advice, _HOW_TO_OPEN["python"])
    for level in closed:
        lines += [_WHAT[level], *(f"  - {way}" for way in ways_in[level])]
    lines.append("See docs/permission-gates.md for the classification rules.")
    return ForgePermissionError("\n".join(lines), model=classification.model, field=next(iter(refused)))
