"""Find values in generated records that look like real PII.

Three checks, each aimed at what the generators promise never to produce: emails off the
reserved domains, Luhn-valid card numbers outside the published test ranges, and US SSNs in
the issued range. Records may be pydantic instances, dataclasses or dicts; nested values are
reported under dotted paths (``profile.ssn``, ``cards.0.number``).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.gates.rules import load_data
from pytest_forge.providers.tokens import split_name

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["LintFinding", "is_reserved_domain", "is_test_card", "lint_records", "ssn_is_issuable"]

#: RFC 2606 / RFC 6761 names that can never be a real mailbox
RESERVED_DOMAINS = frozenset({"example.com", "example.net", "example.org"})
RESERVED_TLDS = frozenset({"test", "example", "invalid", "localhost"})

# the look-behind starts a match only at the beginning of a run (linear, even on 64 KiB payloads)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]+)")
_CARD_SHAPE = re.compile(r"[2-6][\d -]{11,22}\d")
_SSN = re.compile(r"(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])")
_SSN_TOKENS = frozenset({"ssn", "ssns", "social"})


@dataclass(frozen=True, slots=True)
class LintFinding:
    """A value that looks like real PII: which record, which field, the value and why."""

    record: int
    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"record[{self.record}] {self.field}: {self.reason} ({self.value!r})"


def lint_records(records: Iterable[Any]) -> list[LintFinding]:
    """Every finding in ``records``, in record then field order (an empty list when clean)."""
    findings: list[LintFinding] = []
    for index, record in enumerate(records):
        for path, value in _flatten(_as_data(record), ""):
            if isinstance(value, str):
                findings.extend(LintFinding(index, path, value, reason) for reason in _problems(path, value))
    return findings


def is_reserved_domain(domain: str) -> bool:
    """True for example.com/.net/.org (and their subdomains) and the .test/.example/.invalid TLDs."""
    domain = domain.lower().rstrip(".")
    if domain.rsplit(".", 1)[-1] in RESERVED_TLDS:
        return True
    return any(domain == d or domain.endswith("." + d) for d in RESERVED_DOMAINS)


def is_test_card(digits: str) -> bool:
    """True when the number starts with one of the published test prefixes."""
    return digits.startswith(_test_card_prefixes())


def ssn_is_issuable(area: int, group: int, serial: int) -> bool:
    """True when the SSA could have issued the number (area 001-899 except 666, group and serial not 0)."""
    return 0 < area < 900 and area != 666 and group != 0 and serial != 0


@lru_cache(maxsize=1)
def _test_card_prefixes() -> tuple[str, ...]:
    return tuple(load_data("sensitive.json")["test_card_prefixes"])


def _as_data(record: Any) -> Any:
    if hasattr(record, "model_dump"):
        return record.model_dump(mode="json")
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return dataclasses.asdict(record)
    if isinstance(record, dict):
        return record
    raise TypeError(f"lint_records takes pydantic models, dataclasses or dicts, got {type(record).__name__}")


def _flatten(data: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _flatten(value, f"{prefix}{key}.")
    elif isinstance(data, (list, tuple)):
        for index, value in enumerate(data):
            yield from _flatten(value, f"{prefix}{index}.")
    else:
        yield prefix.rstrip("."), data


def _problems(path: str, value: str) -> Iterator[str]:
    for match in _EMAIL.finditer(value) if "@" in value else ():
        if not is_reserved_domain(match.group(1)):
            yield f"email on a non-reserved domain ({match.group(1)}); use example.com/.net/.org"
    if _looks_like_real_card(value):
        yield "Luhn-valid card number outside the published test ranges"
    if _has_issued_ssn(path, value):
        yield "SSN in the issued range (area 001-899, not 666); fake ones use area 900-999"


def _looks_like_real_card(value: str) -> bool:
    if not _CARD_SHAPE.fullmatch(value.strip()):
        return False
    digits = re.sub(r"[ -]", "", value)
    return 13 <= len(digits) <= 19 and _luhn_valid(digits) and not is_test_card(digits)


def _luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _has_issued_ssn(path: str, value: str) -> bool:
    numbers = [tuple(int(part) for part in m.groups()) for m in _SSN.finditer(value)]
    field_tokens = set(split_name(path.rsplit(".", 1)[-1]))
    if not numbers and field_tokens & _SSN_TOKENS and re.fullmatch(r"\d{9}", value.strip()):
        digits = value.strip()
        numbers = [(int(digits[:3]), int(digits[3:5]), int(digits[5:]))]
    return any(ssn_is_issuable(*number) for number in numbers)
