"""A memory rule and its place in a topic file: plain Markdown a reviewer can read and diff.

A topic file (``.forge/topics/<topic>.md``) holds one ``## <rule id>`` section per rule::

    ## r1c9e0b7a
    Users under 18 get restricted account type
    - when: `age < 18`
    - then: `{"account_type": "restricted"}`
    - models: `User, Admin`

The first lines are the rule's text (what AI prompts get); ``when`` is a condition in the
language of :mod:`pytest_forge.memory.expressions`, ``then`` a JSON object of field values,
``models`` the models the rule applies to besides the topic's own (``user`` → ``User``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from pytest_forge.errors import UsageError
from pytest_forge.memory.expressions import Condition, parse_condition

__all__ = ["Rule", "check_topic", "make_rule", "parse_topic_file", "render_topic_file"]

_TOPIC = re.compile(r"[a-z][a-z0-9_]*")
_BULLET = re.compile(r"-\s*(when|then|models):\s*`?(.*?)`?\s*$")


@dataclass(frozen=True, slots=True)
class Rule:
    """One domain rule: free text for AI prompts and, optionally, ``when``/``then`` that bind offline."""

    id: str
    topic: str
    text: str
    when: str | None = None
    then: dict[str, Any] = field(default_factory=dict)
    models: tuple[str, ...] = ()

    @property
    def condition(self) -> Condition | None:
        """The parsed ``when`` (None: the rule's ``then`` holds for every record)."""
        return None if self.when is None else parse_condition(self.when)

    def fields(self) -> frozenset[str]:
        """Every field the rule names, in ``when`` and in ``then``."""
        named = self.condition.names if self.when is not None else frozenset()  # type: ignore[union-attr]
        return named | frozenset(self.then)


def check_topic(topic: str) -> str:
    """A topic is a snake_case name (it is also a file name): ``user``, ``order_item``, ``financial``."""
    if not isinstance(topic, str) or not _TOPIC.fullmatch(topic):
        raise UsageError(
            f"topic {topic!r}: use a snake_case name such as 'user', 'order_item' or 'financial'"
        )
    return topic


def make_rule(
    topic: str, text: str, when: str | None, then: dict[str, Any] | None, models: tuple[str, ...]
) -> Rule:
    """A checked rule with its id (a hash of what it says, so adding it twice keeps one copy)."""
    check_topic(topic)
    text = " ".join(str(text).split())
    if not text:
        raise UsageError(f"memory rule for {topic!r}: the rule text is empty")
    if when is not None:
        when = parse_condition(when).text
    then = _check_then(topic, then or {})
    if then and when is None and not text:
        raise UsageError("a rule needs text")
    payload = json.dumps([topic, text, when, then, sorted(models)], sort_keys=True, default=str)
    rule_id = "r" + hashlib.sha256(payload.encode()).hexdigest()[:8]
    return Rule(rule_id, topic, text, when, then, tuple(models))


def _check_then(topic: str, then: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(then, dict) or not all(isinstance(k, str) and k.isidentifier() for k in then):
        raise UsageError(f"memory rule for {topic!r}: then= must be a dict of field name to value")
    try:
        return dict(json.loads(json.dumps(then)))
    except (TypeError, ValueError):
        raise UsageError(
            f"memory rule for {topic!r}: then= values must be JSON values (str, number, bool, None, "
            "lists, dicts) so they can be written to the topic file"
        ) from None


def render_topic_file(topic: str, rules: list[Rule]) -> str:
    """The Markdown of a topic file (rules in the order given)."""
    lines = [
        f"# {topic}",
        "",
        "Domain rules for pytest-forge test data (one `##` section per rule; edit freely).",
        "",
    ]
    for rule in rules:
        lines += [f"## {rule.id}", rule.text]
        if rule.when is not None:
            lines.append(f"- when: `{rule.when}`")
        if rule.then:
            lines.append(f"- then: `{json.dumps(rule.then, sort_keys=True)}`")
        if rule.models:
            lines.append(f"- models: `{', '.join(rule.models)}`")
        lines.append("")
    return "\n".join(lines)


def parse_topic_file(topic: str, text: str, source: str) -> list[Rule]:
    """The rules of a topic file; a UsageError naming the file and rule when one cannot be read."""
    rules = []
    for section in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        head, _, body = section.partition("\n")
        rules.append(_parse_section(topic, head.strip(), body, source))
    return rules


def _parse_section(topic: str, rule_id: str, body: str, source: str) -> Rule:
    texts: list[str] = []
    parts: dict[str, str] = {}
    for line in body.splitlines():
        bullet = _BULLET.match(line.strip())
        if bullet:
            parts[bullet.group(1)] = bullet.group(2).strip()
        elif line.strip():
            texts.append(line.strip())
    try:
        then = json.loads(parts["then"]) if "then" in parts else {}
        when = parse_condition(parts["when"]).text if "when" in parts else None
    except (ValueError, UsageError) as exc:
        raise UsageError(f"{source}, rule {rule_id}: {exc}") from None
    models = tuple(m.strip() for m in parts.get("models", "").split(",") if m.strip())
    return Rule(rule_id, topic, " ".join(texts), when, _check_then(topic, then), models)
