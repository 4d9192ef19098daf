"""The request for one chunk of records: chat messages and a JSON-schema response format.

The prompt carries the model's name, each semantic field's description and length limits,
the call's context, the domain rules and each record's safe sibling values; the schema asks
for exactly one object per record index. Everything is deterministic, so equal inputs give
equal cache keys.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "FACTS_KEY",
    "SYSTEM_PROMPT",
    "LLMRequest",
    "PromptInput",
    "SemanticField",
    "build_request",
    "with_facts",
]

#: the key under which a row carries what its record is about (its person, company, product, tone)
FACTS_KEY = "\x00facts"

CACHE_FORMAT = "pytest-forge/ai-cache/1"
SYSTEM_PROMPT = (
    "You write realistic free-text values for software test data. Each record gets natural, specific "
    "text that fits its model, the context, the domain rules and the record's known values. Every "
    "record's text is different. Never use real people's personal data. Answer with JSON only, "
    "matching the given schema exactly."
)


@dataclass(frozen=True, slots=True)
class SemanticField:
    """A free-text field the LLM writes: its name, description and length limits."""

    name: str
    description: str | None = None
    min_length: int | None = None
    max_length: int | None = None

    def limits(self) -> str:
        lo, hi = self.min_length, self.max_length
        if lo and hi:
            return f"{lo}-{hi} characters"
        if hi:
            return f"at most {hi} characters"
        return f"at least {lo} characters" if lo else ""


@dataclass(frozen=True, slots=True)
class PromptInput:
    """What a chunk's prompt is made of (rules come from the domain memory when it exists)."""

    model_name: str
    fields: tuple[SemanticField, ...]
    context: str | None = None
    rules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LLMRequest:
    """One structured call: its messages, schema and parameters, and the record indices it covers."""

    provider: str
    model: str
    messages: tuple[dict[str, str], ...]
    schema: dict[str, Any]
    indices: tuple[int, ...]
    params: dict[str, Any] = field(default_factory=dict)

    def response_format(self) -> dict[str, Any]:
        return {
            "type": "json_schema",
            "json_schema": {"name": "forge_records", "schema": self.schema, "strict": False},
        }

    def cache_key(self) -> str:
        """sha256 of what decides the answer (never the API key, base URL, timeout or retries)."""
        payload = {
            "format": CACHE_FORMAT,
            "provider": self.provider,
            "model": self.model,
            "messages": list(self.messages),
            "schema": self.schema,
            "params": self.params,
        }
        text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_request(
    provider: str,
    model: str,
    spec: PromptInput,
    rows: Sequence[tuple[int, dict[str, Any]]],
    *,
    params: dict[str, Any] | None = None,
    note: str | None = None,
) -> LLMRequest:
    """The request for ``rows`` (``(index, sibling values)`` pairs); ``note`` explains a re-ask."""
    indices = tuple(i for i, _ in rows)
    messages = (
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": _user_message(spec, rows, note)},
    )
    return LLMRequest(
        provider, model, messages, response_schema(spec.fields, indices), indices, dict(params or {})
    )


def response_schema(fields: Sequence[SemanticField], indices: Sequence[int]) -> dict[str, Any]:
    """``{"records": [{"i": index, field: text, ...}, ...]}`` with exactly one item per index."""
    properties: dict[str, Any] = {"i": {"type": "integer", "enum": list(indices)}}
    for f in fields:
        properties[f.name] = _string_schema(f)
    item = {
        "type": "object",
        "properties": properties,
        "required": ["i", *(f.name for f in fields)],
        "additionalProperties": False,
    }
    records = {"type": "array", "items": item, "minItems": len(indices), "maxItems": len(indices)}
    return {
        "type": "object",
        "properties": {"records": records},
        "required": ["records"],
        "additionalProperties": False,
    }


def _string_schema(f: SemanticField) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    description = " ".join(p for p in (f.description, f.limits()) if p)
    if description:
        schema["description"] = description
    if f.min_length is not None:
        schema["minLength"] = f.min_length
    if f.max_length is not None:
        schema["maxLength"] = f.max_length
    return schema


def with_facts(values: dict[str, Any], facts: dict[str, Any] | None) -> dict[str, Any]:
    """A row's values with what its record is about (the offline fields were drawn from it)."""
    return values if not facts else {**values, FACTS_KEY: facts}


def _user_message(spec: PromptInput, rows: Sequence[tuple[int, dict[str, Any]]], note: str | None) -> str:
    lines = [f"Write the free-text fields of {len(rows)} {spec.model_name} records.", "", "Fields:"]
    for f in spec.fields:
        details = "; ".join(p for p in (f.description, f.limits()) if p)
        lines.append(f"- {f.name}" + (f": {details}" if details else ""))
    if spec.context:
        lines += ["", f"Context: {spec.context}"]
    if spec.rules:
        lines += ["", "Domain rules (always follow them):", *(f"- {rule}" for rule in spec.rules)]
    lines += ["", "Records by index, with their known values (keep the text consistent with them):"]
    lines += [
        json.dumps(
            {"i": i, **{k: v for k, v in values.items() if k != FACTS_KEY}},
            ensure_ascii=False,
            sort_keys=True,
        )
        for i, values in rows
    ]
    about = [(i, values[FACTS_KEY]) for i, values in rows if FACTS_KEY in values]
    if about:
        lines += ["", "Who or what each record is about, by index (write its text about exactly this person, "
                  "company or product; 'tone' is the sentiment its text must have):"]  # fmt: skip
        lines += [
            json.dumps({"about": i, **dict(sorted(facts.items()))}, ensure_ascii=False) for i, facts in about
        ]
    if note:
        lines += ["", note]
    names = ", ".join(f'"{f.name}": "..."' for f in spec.fields)
    lines += ["", f'Answer with JSON: {{"records": [{{"i": <index>, {names}}}, ...]}}, one object per index.']
    return "\n".join(lines)
