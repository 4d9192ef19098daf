"""Reading an LLM answer: parse the JSON, then check every record's index, keys, types and lengths."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pytest_forge.ai.prompt import SemanticField

__all__ = ["AnswerCheck", "MalformedAnswer", "check_answer", "parse_answer"]

_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)


class MalformedAnswer(ValueError):
    """The answer is not JSON with a list of records."""


@dataclass(slots=True)
class AnswerCheck:
    """Good values by record index, and why the other indices were refused."""

    values: dict[int, dict[str, str]] = field(default_factory=dict)
    problems: dict[int, str] = field(default_factory=dict)


def parse_answer(content: str | None) -> list[Any]:
    """The answer's list of records (``{"records": [...]}`` or a bare list, code fences allowed)."""
    if not content or not content.strip():
        raise MalformedAnswer("the answer was empty")
    text = content.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedAnswer(f"the answer is not valid JSON ({exc.msg} at {exc.pos})") from None
    records = data.get("records") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise MalformedAnswer('the answer has no "records" list')
    return records


def check_answer(records: list[Any], fields: Sequence[SemanticField], indices: Sequence[int]) -> AnswerCheck:
    """Match records to indices (by ``i``, or by position when no record has one) and check each."""
    check = AnswerCheck()
    by_position = len(records) == len(indices) and not any(isinstance(r, dict) and "i" in r for r in records)
    for position, record in enumerate(records):
        index = indices[position] if by_position else _index_of(record, indices)
        if index is None or index in check.values:
            continue
        problem = _problem(record, fields)
        if problem is None:
            check.values[index] = {f.name: record[f.name].strip() for f in fields}
            check.problems.pop(index, None)
        else:
            check.problems[index] = problem
    for index in indices:
        if index not in check.values and index not in check.problems:
            check.problems[index] = "missing from the answer"
    return check


def _index_of(record: Any, indices: Sequence[int]) -> int | None:
    if not isinstance(record, dict):
        return None
    index = record.get("i")
    return index if isinstance(index, int) and not isinstance(index, bool) and index in indices else None


def _problem(record: Any, fields: Sequence[SemanticField]) -> str | None:
    if not isinstance(record, dict):
        return "not an object"
    for f in fields:
        value = record.get(f.name)
        if not isinstance(value, str):
            return f"{f.name} is {'missing' if value is None else 'not a string'}"
        text = value.strip()
        if not text:
            return f"{f.name} is empty"
        if f.min_length is not None and len(text) < f.min_length:
            return f"{f.name} is shorter than {f.min_length} characters"
        if f.max_length is not None and len(text) > f.max_length:
            return f"{f.name} is longer than {f.max_length} characters"
    return None
