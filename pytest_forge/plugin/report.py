"""The text the plugin shows: the header line, a failed test's ``forge`` section, the summary,
and the provenance lines of ``@pytest.mark.forge(verbose=True)``."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from pytest_forge.forge import Forge
    from pytest_forge.plugin.state import RunSettings, Tally

__all__ = ["ProvenanceLines", "failure_section", "header_line", "reproduce_command", "summary_lines"]

_IDS_SHOWN: Final = 3
#: the engine's verbose lines go to this logger (``pytest_forge.reporting.LOGGER_NAME``)
_LOGGER: Final = "pytest_forge"


class ProvenanceLines(logging.Handler):
    """Collects a verbose test's ``[tier] Model.field = value (source)`` lines for its report,
    whatever the logging flags (the engine logs them at INFO, below pytest's default level)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []
        self._level_before = logging.NOTSET

    @classmethod
    def attach(cls) -> ProvenanceLines:
        """Start collecting (until :meth:`detach`)."""
        handler = cls()
        logger = logging.getLogger(_LOGGER)
        handler._level_before = logger.level
        if not logger.isEnabledFor(logging.INFO):
            logger.setLevel(logging.INFO)
        logger.addHandler(handler)
        return handler

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def detach(self) -> None:
        """Stop collecting and give the logger its level back."""
        logger = logging.getLogger(_LOGGER)
        logger.removeHandler(self)
        logger.setLevel(self._level_before)


def _on(flag: bool) -> str:
    return "on" if flag else "off"


def run_flags(run: RunSettings) -> str:
    """The command-line flags that recreate the run's data."""
    flags = f"--forge-seed={run.seed}"
    if run.ci:
        flags += " --forge-ci"
    if run.locale:
        flags += f" --forge-locale={run.locale}"
    return flags


def header_line(run: RunSettings) -> str:
    """``forge: --forge-seed=1234 (ci=off, ai=on via --forge-ai)``: a flag to copy, then the modes."""
    ai = f"ai={_on(run.ai)}"
    if run.ai_note:
        ai += f" via {run.ai_note}" if run.ai else f": {run.ai_note}"
    details = [f"ci={_on(run.ci)}", ai]
    if run.seed_note:
        details.append(run.seed_note)
    return f"forge: {run_flags(run)} ({', '.join(details)})"


def reproduce_command(nodeid: str, run: RunSettings) -> str:
    """``pytest 'tests/x.py::test_y' --forge-seed=1234``, quoted for a POSIX shell."""
    quoted = "'" + nodeid.replace("'", "'\"'\"'") + "'"
    return f"pytest {quoted} {run_flags(run)}"


def failure_section(nodeid: str, run: RunSettings, forge: Forge, marked_seed: bool) -> str:
    """The seed, the command that remakes this test's data, and the records the test made."""
    origin = "from @pytest.mark.forge" if marked_seed else "from the session seed and the node id"
    lines = [
        f"seed: {forge.seed} ({origin}); session seed {run.seed}",
        f"reproduce: {reproduce_command(nodeid, run)}",
    ]
    records = forge.registry.own_records()
    if records:
        lines.append("records made by this test:")
        lines.extend(f"  {_describe(model, items)}" for model, items in sorted(records.items()))
    else:
        lines.append("records made by this test: none")
    return "\n".join(lines)


def _describe(model: str, items: list[Any]) -> str:
    ids = [key for key in (_key_of(item) for item in items[:_IDS_SHOWN]) if key is not None]
    text = f"{model}: {len(items)}"
    if ids:
        more = ", ..." if len(items) > _IDS_SHOWN else ""
        text += f" ({'id' if len(ids) == 1 else 'ids'} {', '.join(map(repr, ids))}{more})"
    return text


def _key_of(record: Any) -> Any:
    from pytest_forge.plugin.records import primary_key_names

    names = primary_key_names(type(record))
    return getattr(record, names[0], None) if names else None


def summary_lines(tally: Tally) -> list[str]:
    """Records per model and, when an LLM was used, its calls, tokens, cost and cache hits."""
    lines = []
    if tally.generated:
        total = sum(tally.generated.values())
        per_model = ", ".join(f"{model}: {count}" for model, count in sorted(tally.generated.items()))
        lines.append(f"{total} records generated ({per_model})")
    if any(tally.ai.values()):
        lines.append(_ai_line(tally))
    lines.extend(f"AI: stopped calling {model}: {why}" for model, why in sorted(tally.ai_stopped.items()))
    return lines


_AI_SHOWN: Final = frozenset({"requests", "prompt_tokens", "completion_tokens", "cost_usd", "cache_hits"})


def _ai_line(tally: Tally) -> str:
    ai = tally.ai
    prompt, completion = ai.get("prompt_tokens", 0), ai.get("completion_tokens", 0)
    cost = "cost unknown" if tally.cost_unknown else f"${ai.get('cost_usd', 0):.4f}"
    parts = [
        f"{_number(ai.get('requests', 0))} calls",
        f"{_number(prompt + completion)} tokens ({_number(prompt)} prompt, {_number(completion)} completion)",
        cost,
        f"{_number(ai.get('cache_hits', 0))} cache hits",
    ]
    parts.extend(
        f"{_number(ai[key])} {key.replace('_', ' ')}" for key in sorted(set(ai) - _AI_SHOWN) if ai[key]
    )
    return "AI: " + ", ".join(parts)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.4g}"
